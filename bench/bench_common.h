// Shared pieces of dyad_bench: the workload (bench/workload.json), the start
// rows (starts.json), timing statistics and the JSON report.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace dyad::bench {

// One benchmark query as workload.json declares it.
struct QuerySpec {
  std::string id;                   // "Q1" ... "Q8"
  std::string what;                 // a few words for the report
  std::vector<std::string> params;  // fields of a start row it takes
  std::string check;                // rows | first | list | groups
  std::string dyad;                 // openCypher text for dyad
};

// What the CSR reference needs to ask the same questions (workload "csr").
struct CsrSpec {
  bool both = false;         // Q3-Q6 follow relationships both ways
  std::string type;          // Q5's relationship type
  std::string q1 = "v";      // the column Q1 returns (v or name)
  std::string q8 = "v";      // the column Q8 filters and sorts (v or name)
  std::string q8_label;      // Q8's label ("" = any)
};

// One start row: the node, the shortest-path target, the range bounds
// (numbers for v, strings for name; kept as text plus a flag).
struct StartRow {
  std::string k, k2;
  std::string lo, hi;
  bool bounds_are_numbers = true;
};

// The workload of one dataset.
struct Workload {
  std::vector<QuerySpec> queries;
  CsrSpec csr;
};

// Reads workload.json's dataset; false with *error set on failure.
bool ReadWorkload(const std::string& path, const std::string& dataset, Workload* out, std::string* error);
// Reads starts.json; false with *error set on failure.
bool ReadStarts(const std::string& path, std::vector<StartRow>* out, std::string* error);

// The timings and checks of one query on one system.
struct QueryFigures {
  std::string id;
  std::vector<double> ms;            // every timed run (wall clock)
  std::vector<double> cpu_ms;        // the process CPU time of each timed run
  std::vector<std::string> checks;   // one per start row ("timeout" when it ran out of time)
  std::string error;                 // non-empty when the query failed
};

// Runs one query per start row: a warm-up, then up to reps timed runs each,
// fewer when the query is slow (about budget_s seconds per query in all).
// run(i, &check) executes the query for start row i and returns false with
// the error in *check on failure; TimeQuery measures it (wall and CPU time).
QueryFigures TimeQuery(const std::string& id, size_t starts, int reps, double budget_s,
                       const std::function<bool(size_t, std::string*)>& run);

// Median and 95th percentile (nearest rank) of a sample.
double Percentile(std::vector<double> v, double p);

// Peak resident set size of this process in KiB.
long PeakRssKb();

// Prints the system's figures as one JSON object on stdout (preloaded: the
// store was preloaded before the first query, written as "preload": true).
void PrintReport(const std::string& system, double setup_s, const std::vector<QueryFigures>& figures,
                 bool preloaded = false);

}  // namespace dyad::bench
