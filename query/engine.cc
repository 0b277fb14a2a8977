#include "query/engine.h"

#include <chrono>

#include "query/exec/operator.h"
#include "query/parser/parser.h"
#include "query/planner/planner.h"

namespace dyad::query {

namespace {

int64_t NowMicros() {
  return std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

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
    Status s = Execute(*cached->statement, &cached->plan, options, results);
    plans_.Give(text, std::move(cached));
    return s;
  }
  DYAD_ASSIGN_OR_RETURN(auto statements, ParseScript(text));
  for (auto& st : statements) {
    if (st->create_index || st->drop_index) {
      DYAD_RETURN_IF_ERROR(RunIndexCommand(store_, *st, options));
      QueryResult result;
      result.view = store_->BeginRead();
      results->push_back(std::move(result));
      continue;
    }
    Planner planner(store_);
    DYAD_ASSIGN_OR_RETURN(Plan plan, planner.PlanQuery(*st->query));
    if (st->mode == ast::ExecutionMode::kExplain) {
      QueryResult result;
      result.columns = plan.columns;
      result.plan = RenderPlan(*plan.root, false);
      result.view = store_->BeginRead();
      results->push_back(std::move(result));
      continue;
    }
    // A lone read-only statement is kept for the next run of the same text.
    if (statements.size() == 1 && st->mode == ast::ExecutionMode::kNormal && !plan.writes) {
      auto entry = std::make_unique<CachedPlan>();
      entry->statement = std::move(st);
      entry->plan = std::move(plan);
      entry->index_version = index_version;
      Status s = Execute(*entry->statement, &entry->plan, options, results);
      plans_.Give(text, std::move(entry));
      return s;
    }
    DYAD_RETURN_IF_ERROR(Execute(*st, &plan, options, results));
  }
  return Status::OK();
}

Status QueryEngine::Execute(const ast::Statement& st, Plan* plan, const QueryOptions& options,
                            std::vector<QueryResult>* results) {
  if (plan->writes && options.read_only)
    return Status::InvalidArgument("write queries are not allowed: the database is read-only here");
  QueryResult result;
  result.columns = plan->columns;
  std::shared_ptr<storage::Transaction> txn;
  if (plan->writes) {
    DYAD_ASSIGN_OR_RETURN(auto w, store_->BeginWrite());
    txn = std::move(w);
  } else {
    txn = store_->BeginRead();
  }
  ExecContext ctx(txn.get(), &options.params);
  ctx.SetLimits(options.timeout_ms, options.max_intermediate_rows);
  ctx.fn.statement_time_micros = NowMicros();
  ctx.profiling = st.mode == ast::ExecutionMode::kProfile;
  DYAD_RETURN_IF_ERROR(plan->root->Open(ctx));
  Row row;
  while (true) {
    bool has = false;
    DYAD_RETURN_IF_ERROR(plan->root->Pull(ctx, row, &has));
    if (!has) break;
    if (plan->columns.empty()) continue;  // a write query without RETURN yields no rows
    Row out;
    out.reserve(plan->column_slots.size());
    for (int s : plan->column_slots) out.push_back(GetSlot(row, s));
    result.rows.push_back(std::move(out));
    if (options.max_rows > 0 && static_cast<int64_t>(result.rows.size()) > options.max_rows)
      return Status(Status::Code::kResourceLimit,
                    "the result has more than " + std::to_string(options.max_rows) + " rows (add a LIMIT)");
  }
  if (plan->writes) {
    DYAD_RETURN_IF_ERROR(txn->Commit());
    result.view = store_->BeginRead();
  } else {
    result.view = txn;
  }
  result.stats = ctx.stats;
  if (ctx.profiling) result.plan = RenderPlan(*plan->root, true);
  results->push_back(std::move(result));
  return Status::OK();
}

}  // namespace dyad::query
