// dyad_bench: times the benchmark queries (bench/workload.json) on one
// system in this process and prints its figures as JSON.
//
//   dyad_bench --system dyad --db DIR --workload FILE --dataset NAME --starts FILE
//   dyad_bench --system csr --data DIR --workload FILE --dataset NAME --starts FILE
//   options: --reps N (timed runs per start row, default 5)
//            --budget S (seconds per query at most, roughly; default 20)
//            --timeout S (dyad: a run longer than this fails; default 300)
//            --queries Q4,Q6 (only these queries; default all)
//            --adj-cache-entries N (dyad: the adjacency cache's bound; default
//              the store's default)
//
// dyad: the QueryEngine on a read-only store; a run is parse + plan +
// execute + the rows in memory (no formatting). csr: the graph as a
// Boost.Graph compressed_sparse_row_graph built from the CSVs, answering the
// same questions with hand-written loops — the speed-of-memory reference.
#include <chrono>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "bench_common.h"
#include "csr_ref.h"
#include "query/engine.h"
#include "storage/graph_store.h"
#include "storage/preload.h"

namespace dyad::bench {
namespace {

using Clock = std::chrono::steady_clock;

double Ms(Clock::time_point a, Clock::time_point b) {
  return std::chrono::duration<double, std::milli>(b - a).count();
}

// One result cell as the checks spell it (integers plainly, strings as they
// are, null as none).
std::string Cell(const Value& v) {
  if (v.is_null()) return "none";
  if (v.is_int()) return std::to_string(v.as_int());
  if (v.is_string()) return v.as_string();
  return v.ToString();
}

// Reduces a result to its check string (see workload.json).
std::string Check(const std::string& kind, const query::QueryResult& r) {
  if (kind == "rows") return std::to_string(r.rows.size());
  if (kind == "first") return r.rows.empty() || r.rows[0].empty() ? "none" : Cell(r.rows[0][0]);
  std::vector<std::string> parts;
  for (const auto& row : r.rows)
    parts.push_back(kind == "groups" && row.size() > 1 ? Cell(row[0]) + "=" + Cell(row[1]) : Cell(row[0]));
  if (kind == "groups") std::sort(parts.begin(), parts.end());
  std::string out;
  for (size_t i = 0; i < parts.size(); ++i) out += (i ? (kind == "groups" ? "," : "|") : "") + parts[i];
  return out;
}

// A start row's parameter values, built once: an application holds its
// keys as values, as the CSR reference holds them as strings.
struct StartValues {
  Value k, k2, lo, hi;
};

StartValues ToValues(const StartRow& s) {
  auto bound = [&](const std::string& b) { return s.bounds_are_numbers ? Value(int64_t{std::stoll(b)}) : Value(b); };
  return {Value(s.k), Value(s.k2), s.lo.empty() ? Value() : bound(s.lo), s.hi.empty() ? Value() : bound(s.hi)};
}

// Sets the parameters of a query for one start row (in place: an
// application reusing its parameter map, as Kuzu's runs reuse theirs).
void SetParams(const QuerySpec& q, const StartValues& s, Map* m) {
  for (const auto& p : q.params) {
    if (p == "k") (*m)["k"] = s.k;
    else if (p == "k2") (*m)["k2"] = s.k2;
    else if (p == "lo") (*m)["lo"] = s.lo;
    else if (p == "hi") (*m)["hi"] = s.hi;
  }
}

struct Args {
  std::string system, db, data, workload, dataset, starts;
  std::string only;  // comma-separated query ids; empty: all
  int64_t adj_cache_entries = -1;  // -1: the store's default
  bool preload = false;  // GraphStore::KeepPreloaded before the first query
  int reps = 5;
  double budget = 20;
  int64_t timeout_s = 300;
};

bool ParseArgs(int argc, char** argv, Args* a) {
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string k = argv[i], v = argv[i + 1];
    if (k == "--system") a->system = v;
    else if (k == "--db") a->db = v;
    else if (k == "--data") a->data = v;
    else if (k == "--workload") a->workload = v;
    else if (k == "--dataset") a->dataset = v;
    else if (k == "--starts") a->starts = v;
    else if (k == "--reps") a->reps = std::stoi(v);
    else if (k == "--budget") a->budget = std::stod(v);
    else if (k == "--timeout") a->timeout_s = std::stoll(v);
    else if (k == "--queries") a->only = v;
    else if (k == "--adj-cache-entries") a->adj_cache_entries = std::stoll(v);
    else if (k == "--preload" && (v == "0" || v == "1")) a->preload = v == "1";
    else return false;
  }
  return !a->workload.empty() && !a->dataset.empty() && !a->starts.empty() &&
         ((a->system == "dyad" && !a->db.empty()) || (a->system == "csr" && !a->data.empty()));
}

int RunDyad(const Args& a, const Workload& w, const std::vector<StartRow>& starts) {
  auto t0 = Clock::now();
  storage::StoreOptions so;
  so.read_only = true;
  if (a.adj_cache_entries >= 0) so.adj_cache_entries = static_cast<size_t>(a.adj_cache_entries);
  auto store = storage::GraphStore::Open(a.db, so);
  if (!store.ok()) {
    fprintf(stderr, "dyad_bench: %s\n", store.status().ToString().c_str());
    return 1;
  }
  if (a.preload) {
    storage::PreloadStats p;
    Status s = store.value()->KeepPreloaded(&p);
    if (!s.ok()) {
      fprintf(stderr, "dyad_bench: %s\n", s.ToString().c_str());
      return 1;
    }
  }
  query::QueryEngine engine(store.value().get());
  double setup_s = Ms(t0, Clock::now()) / 1000;
  std::vector<StartValues> values;
  for (const StartRow& s : starts) values.push_back(ToValues(s));
  std::vector<QueryFigures> figures;
  for (const QuerySpec& q : w.queries) {
    // Prepared once per query, as the Kuzu runs prepare theirs; the
    // options and the result are reused from run to run.
    auto prepared = engine.Prepare(q.dyad);
    if (!prepared.ok()) {
      QueryFigures f;
      f.id = q.id;
      f.error = prepared.status().ToString();
      figures.push_back(f);
      continue;
    }
    query::QueryOptions opts;
    opts.timeout_ms = a.timeout_s * 1000;
    query::QueryResult result;
    figures.push_back(TimeQuery(q.id, starts.size(), a.reps, a.budget, [&](size_t i, std::string* check) {
      SetParams(q, values[i], &opts.params);
      Status s = engine.RunPrepared(prepared.value().get(), opts, &result);
      if (s.code() == Status::Code::kTimeout) {
        *check = "timeout";  // censored: the run counts as the timeout
        return true;
      }
      if (!s.ok()) {
        *check = s.ToString();
        return false;
      }
      *check = Check(q.check, result);
      return true;
    }));
  }
  PrintReport("dyad", setup_s, figures, a.preload);
  return 0;
}

int RunCsr(const Args& a, const Workload& w, const std::vector<StartRow>& starts) {
  auto t0 = Clock::now();
  CsrGraph g;
  std::string error;
  if (!g.Load(a.data, &error)) {
    fprintf(stderr, "dyad_bench: %s\n", error.c_str());
    return 1;
  }
  double setup_s = Ms(t0, Clock::now()) / 1000;
  std::vector<QueryFigures> figures;
  for (const QuerySpec& q : w.queries) {
    figures.push_back(TimeQuery(q.id, starts.size(), a.reps, a.budget, [&](size_t i, std::string* check) {
      return g.Answer(q.id, w.csr, starts[i], check);
    }));
  }
  PrintReport("csr", setup_s, figures);
  return 0;
}

}  // namespace
}  // namespace dyad::bench

int main(int argc, char** argv) {
  using namespace dyad::bench;
  Args a;
  if (!ParseArgs(argc, argv, &a)) {
    fprintf(stderr,
            "usage: dyad_bench --system dyad|csr (--db DIR | --data DIR) --workload FILE --dataset NAME "
            "--starts FILE [--reps N] [--budget SECONDS] [--timeout SECONDS] [--queries Q1,Q2] [--adj-cache-entries N] [--preload 0|1]\n");
    return 2;
  }
  Workload w;
  std::vector<StartRow> starts;
  std::string error;
  if (!ReadWorkload(a.workload, a.dataset, &w, &error) || !ReadStarts(a.starts, &starts, &error)) {
    fprintf(stderr, "dyad_bench: %s\n", error.c_str());
    return 1;
  }
  if (!a.only.empty()) {
    std::string list = "," + a.only + ",";
    std::erase_if(w.queries, [&](const QuerySpec& q) { return list.find("," + q.id + ",") == std::string::npos; });
  }
  if (starts.empty()) {
    fprintf(stderr, "dyad_bench: no start rows in %s\n", a.starts.c_str());
    return 1;
  }
  return a.system == "dyad" ? RunDyad(a, w, starts) : RunCsr(a, w, starts);
}
