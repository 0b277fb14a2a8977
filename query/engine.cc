#include "query/engine.h"

#include <chrono>

#include "query/exec/operator.h"
#include "query/parser/parser.h"
#include "query/planner/planner.h"

namespace dyad::query {

namespace {

Status RunIndexCommand(storage::GraphStore* store, const ast::Statement& st, const QueryOptions& options) {
  if (options.read_only) return Status::InvalidArgument("index changes are not allowed: the database is read-only here");
  DYAD_ASSIGN_OR_RETURN(auto txn, store->BeginWrite());
  if (st.create_index) {
    for (const auto& p : st.create_index->properties) DYAD_RETURN_IF_ERROR(txn->CreateIndex(st.create_index->label, p));
  } else {
    const auto& d = *st.drop_index;
    if (d.label.empty())
      return Status::SemanticError("DROP INDEX by name is not supported; use DROP INDEX ON :Label(property)")
          .WithPosition(d.pos.line, d.pos.column);
    for (const auto& p : d.properties) {
      Status s = txn->DropIndex(d.label, p);
      if (!s.ok() && !d.if_exists) return s;
    }
  }
  return txn->Commit();
}

}  // namespace

Status QueryEngine::Run(std::string_view text, const QueryOptions& options, std::vector<QueryResult>* results) {
  const uint64_t index_version = store_->indexes().version();
  if (std::unique_ptr<CachedPlan> cached = plans_.Take(text, index_version)) {
    Status s = ExecuteInto(*cached->statement, &cached->plan, options, results);
    plans_.Give(text, std::move(cached));
    return s;
  }
  DYAD_ASSIGN_OR_RETURN(auto statements, ParseScript(text));
  for (auto& st : statements) {
    if (st->create_index || st->drop_index) {
      DYAD_RETURN_IF_ERROR(RunIndexCommand(store_, *st, options));
      QueryResult result;
      result.view = store_->BeginSharedRead();
      results->push_back(std::move(result));
      continue;
    }
    Planner planner(store_);
    DYAD_ASSIGN_OR_RETURN(Plan plan, planner.PlanQuery(*st->query));
    if (st->mode == ast::ExecutionMode::kExplain) {
      Explain(plan, &results->emplace_back());
      continue;
    }
    // A lone read-only statement is kept for the next run of the same text.
    if (statements.size() == 1 && st->mode == ast::ExecutionMode::kNormal && !plan.writes) {
      auto entry = std::make_unique<CachedPlan>();
      entry->statement = std::move(st);
      entry->plan = std::move(plan);
      entry->index_version = index_version;
      Status s = ExecuteInto(*entry->statement, &entry->plan, options, results);
      plans_.Give(text, std::move(entry));
      return s;
    }
    DYAD_RETURN_IF_ERROR(ExecuteInto(*st, &plan, options, results));
  }
  return Status::OK();
}

Result<std::unique_ptr<PreparedQuery>> QueryEngine::Prepare(std::string_view text) {
  DYAD_ASSIGN_OR_RETURN(auto statements, ParseScript(text));
  if (statements.size() != 1)
    return Status::InvalidArgument("a prepared query is one statement; this text has " +
                                   std::to_string(statements.size()));
  std::unique_ptr<ast::Statement>& st = statements[0];
  if (st->create_index || st->drop_index)
    return Status::InvalidArgument("index commands are not prepared; run them with Run");
  auto prepared = std::make_unique<PreparedQuery>();
  prepared->store_ = store_;
  prepared->text_ = std::string(text);
  prepared->entry_ = std::make_unique<CachedPlan>();
  prepared->entry_->index_version = store_->indexes().version();
  DYAD_ASSIGN_OR_RETURN(prepared->entry_->plan, Planner(store_).PlanQuery(*st->query));
  prepared->entry_->statement = std::move(st);
  return prepared;
}

Status QueryEngine::RunPrepared(PreparedQuery* query, const QueryOptions& options, QueryResult* result) {
  if (query->store_ != store_) {
    *result = QueryResult();
    return Status::InvalidArgument("the query was prepared on another database");
  }
  CachedPlan& entry = *query->entry_;
  const uint64_t index_version = store_->indexes().version();
  if (entry.index_version != index_version) {
    // An index came or went: the access paths may have changed.
    Result<Plan> plan = Planner(store_).PlanQuery(*entry.statement->query);
    if (!plan.ok()) {
      *result = QueryResult();
      return plan.status();
    }
    entry.plan = std::move(plan.value());
    entry.index_version = index_version;
  }
  if (entry.statement->mode == ast::ExecutionMode::kExplain) {
    Explain(entry.plan, result);
    return Status::OK();
  }
  Status s = Execute(*entry.statement, &entry.plan, options, result);
  if (!s.ok()) *result = QueryResult();
  return s;
}

void QueryEngine::Explain(const Plan& plan, QueryResult* result) {
  result->columns = plan.columns;
  result->rows.clear();
  result->stats = QueryStats();
  result->plan = RenderPlan(*plan.root, false);
  result->view = store_->BeginSharedRead();
}

Status QueryEngine::ExecuteInto(const ast::Statement& st, Plan* plan, const QueryOptions& options,
                                std::vector<QueryResult>* results) {
  QueryResult& result = results->emplace_back();
  Status s = Execute(st, plan, options, &result);
  if (!s.ok()) results->pop_back();
  return s;
}

Status QueryEngine::Execute(const ast::Statement& st, Plan* plan, const QueryOptions& options,
                            QueryResult* result) {
  if (plan->writes && options.read_only)
    return Status::InvalidArgument("write queries are not allowed: the database is read-only here");
  std::shared_ptr<storage::Transaction> txn;
  if (plan->writes) {
    DYAD_ASSIGN_OR_RETURN(auto w, store_->BeginWrite());
    txn = std::move(w);
  } else if (result->view && result->view.use_count() == 1 && result->view->IsLatestRead()) {
    // A rerun into the same result (RunPrepared) keeps its snapshot when
    // nothing was written since: a new one would see the same graph.
    txn = std::move(result->view);
  } else {
    txn = store_->BeginSharedRead();
  }
  ExecContext ctx(txn.get(), &options.params);
  ctx.SetLimits(options.timeout_ms, options.max_intermediate_rows);
  ctx.profiling = st.mode == ast::ExecutionMode::kProfile;
  DYAD_RETURN_IF_ERROR(plan->root->Open(ctx));
  // The result's rows are overwritten in place: a rerun into the same
  // result (RunPrepared) reuses their storage.
  if (result->columns != plan->columns) result->columns = plan->columns;
  size_t n = 0;
  Row& row = plan->scratch;
  while (true) {
    bool has = false;
    DYAD_RETURN_IF_ERROR(plan->root->Pull(ctx, row, &has));
    if (!has) break;
    if (plan->columns.empty()) continue;  // a write query without RETURN yields no rows
    if (n == result->rows.size()) result->rows.emplace_back().reserve(plan->column_slots.size());
    Row& out = result->rows[n++];
    out.clear();
    for (int s : plan->column_slots) out.push_back(GetSlot(row, s));
    if (options.max_rows > 0 && static_cast<int64_t>(n) > options.max_rows)
      return Status(Status::Code::kResourceLimit,
                    "the result has more than " + std::to_string(options.max_rows) + " rows (add a LIMIT)");
  }
  result->rows.resize(n);
  if (plan->writes) {
    DYAD_RETURN_IF_ERROR(txn->Commit());
    result->view = store_->BeginSharedRead();
  } else {
    result->view = std::move(txn);
  }
  result->stats = ctx.stats;
  if (ctx.profiling) result->plan = RenderPlan(*plan->root, true);
  else result->plan.clear();
  return Status::OK();
}

}  // namespace dyad::query
