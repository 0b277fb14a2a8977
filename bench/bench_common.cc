#include "bench_common.h"

#include <linux/perf_event.h>
#include <sys/ioctl.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <time.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <cstdio>
#include <fstream>
#include <sstream>

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

namespace dyad::bench {

namespace {

bool ParseFile(const std::string& path, rapidjson::Document* doc, std::string* error) {
  std::ifstream f(path);
  if (!f) {
    *error = "cannot read " + path;
    return false;
  }
  std::stringstream ss;
  ss << f.rdbuf();
  doc->Parse(ss.str().c_str());
  if (doc->HasParseError()) {
    *error = path + ": not valid JSON";
    return false;
  }
  return true;
}

std::string Str(const rapidjson::Value& obj, const char* name) {
  auto it = obj.FindMember(name);
  return it != obj.MemberEnd() && it->value.IsString() ? it->value.GetString() : "";
}

// A bound as text: integers printed plainly, strings as they are.
std::string Bound(const rapidjson::Value& v, bool* number) {
  if (v.IsInt64()) {
    *number = true;
    return std::to_string(v.GetInt64());
  }
  *number = false;
  return v.IsString() ? v.GetString() : "";
}

}  // namespace

bool ReadWorkload(const std::string& path, const std::string& dataset, Workload* out, std::string* error) {
  rapidjson::Document doc;
  if (!ParseFile(path, &doc, error)) return false;
  if (!doc.IsObject() || !doc.HasMember("datasets") || !doc["datasets"].HasMember(dataset.c_str())) {
    *error = path + " has no dataset " + dataset;
    return false;
  }
  const rapidjson::Value& ds = doc["datasets"][dataset.c_str()];
  const rapidjson::Value& csr = ds["csr"];
  out->csr.both = Str(csr, "dir") == "both";
  out->csr.type = Str(csr, "type");
  out->csr.q1 = Str(csr, "q1");
  out->csr.q8 = Str(csr, "q8");
  out->csr.q8_label = Str(csr, "q8_label");
  for (const auto& q : ds["queries"].GetArray()) {
    QuerySpec s;
    s.id = Str(q, "id");
    s.what = Str(q, "what");
    s.check = Str(q, "check");
    s.dyad = Str(q, "dyad");
    for (const auto& p : q["params"].GetArray()) s.params.push_back(p.GetString());
    out->queries.push_back(std::move(s));
  }
  return true;
}

bool ReadStarts(const std::string& path, std::vector<StartRow>* out, std::string* error) {
  rapidjson::Document doc;
  if (!ParseFile(path, &doc, error)) return false;
  if (!doc.IsArray()) {
    *error = path + ": expected an array";
    return false;
  }
  for (const auto& r : doc.GetArray()) {
    StartRow s;
    s.k = Str(r, "k");
    s.k2 = Str(r, "k2");
    s.lo = Bound(r["lo"], &s.bounds_are_numbers);
    s.hi = Bound(r["hi"], &s.bounds_are_numbers);
    out->push_back(std::move(s));
  }
  return true;
}

namespace {

// A perf counter of this thread (type PERF_TYPE_*, config PERF_COUNT_*), or -1 when
// the machine does not offer it; BENCH_DUMP_RUNS reports its counts.
int OpenCounter(uint32_t type, uint64_t config) {
  perf_event_attr attr{};
  attr.type = type;
  attr.size = sizeof(attr);
  attr.config = config;
  attr.exclude_kernel = 1;
  attr.exclude_hv = 1;
  return static_cast<int>(syscall(SYS_perf_event_open, &attr, 0, -1, -1, 0));
}

long long ReadCounter(int fd) {
  long long v = 0;
  if (fd < 0 || read(fd, &v, sizeof(v)) != sizeof(v)) return -1;
  return v;
}

double CpuMs() {
  timespec t{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

}  // namespace

QueryFigures TimeQuery(const std::string& id, size_t starts, int reps, double budget_s,
                       const std::function<bool(size_t, std::string*)>& run_query) {
  double last_cpu = 0;
  // BENCH_DUMP_RUNS: instructions, cycles and page faults of each run too
  // (user space; -1 where the machine has no such counter, as in most VMs).
  const bool dump = getenv("BENCH_DUMP_RUNS") != nullptr;
  int counters[3] = {-1, -1, -1};
  if (dump) {
    counters[0] = OpenCounter(PERF_TYPE_HARDWARE, PERF_COUNT_HW_INSTRUCTIONS);
    counters[1] = OpenCounter(PERF_TYPE_HARDWARE, PERF_COUNT_HW_CPU_CYCLES);
    counters[2] = OpenCounter(PERF_TYPE_SOFTWARE, PERF_COUNT_SW_PAGE_FAULTS);
  }
  long long last_counts[3] = {0, 0, 0};
  std::vector<std::array<long long, 3>> run_counts;
  auto run = [&](size_t i, std::string* check, double* ms) {
    long long k0[3];
    for (int c = 0; c < 3; ++c) k0[c] = ReadCounter(counters[c]);
    double c0 = CpuMs();
    auto t0 = std::chrono::steady_clock::now();
    bool ok = run_query(i, check);
    *ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    last_cpu = CpuMs() - c0;
    for (int c = 0; c < 3; ++c) last_counts[c] = counters[c] < 0 ? -1 : ReadCounter(counters[c]) - k0[c];
    return ok;
  };
  QueryFigures f;
  f.id = id;
  double first_ms = 0;
  std::string check;
  // An untimed run of the first start row estimates the cost of one run.
  // It is not that row's warm-up: as the query's very first run it warms
  // the code (caches, branch predictors) for every row, which the other
  // rows' warm-ups do not need; the first row then gets its own warm-up,
  // so that every row is timed after one run of its own.
  if (!run(0, &check, &first_ms)) {
    f.error = check;
    return f;
  }
  double per_start_ms = std::max(first_ms, 1e-6) * (1 + reps);
  int n = reps;
  bool warm = true;
  if (per_start_ms * starts > budget_s * 1000) {
    n = std::max(1, static_cast<int>(budget_s * 1000 / (std::max(first_ms, 1e-6) * starts)) - 1);
    n = std::min(n, reps);
    warm = first_ms * starts * (n + 1) <= budget_s * 1000;
  }
  // Hubs make some start rows far slower than the first: once the budget is
  // spent, the remaining rows get one run each and no warm-up.
  double spent_ms = first_ms;
  std::vector<size_t> run_rows;  // the start row of each timed run
  for (size_t i = 0; i < starts; ++i) {
    bool over = spent_ms > budget_s * 1000;
    double ms = 0;
    if (warm && !over) {
      if (!run(i, &check, &ms)) {
        f.error = check;
        return f;
      }
      spent_ms += ms;
    }
    std::string c;
    for (int r = 0; r < (over ? 1 : n); ++r) {
      if (!run(i, &c, &ms)) {
        f.error = c;
        return f;
      }
      spent_ms += ms;
      f.ms.push_back(ms);
      f.cpu_ms.push_back(last_cpu);
      run_counts.push_back({last_counts[0], last_counts[1], last_counts[2]});
      run_rows.push_back(i);
      if (c == "timeout") break;  // no point in repeating it
    }
    f.checks.push_back(c);
  }
  // BENCH_DUMP_RUNS=1: every timed run on stderr (query, start row, ns,
  // check, counters), to see which runs a median falls between.
  if (dump) {
    for (size_t j = 0; j < f.ms.size(); ++j)
      fprintf(stderr, "run %s %zu %.0f %s instructions %lld cycles %lld page_faults %lld\n", id.c_str(), run_rows[j],
              f.ms[j] * 1e6, f.checks[run_rows[j]].c_str(), run_counts[j][0], run_counts[j][1], run_counts[j][2]);
    for (int fd : counters)
      if (fd >= 0) close(fd);
  }
  return f;
}

double Percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  size_t rank = static_cast<size_t>(std::ceil(p * v.size()));
  return v[std::clamp<size_t>(rank, 1, v.size()) - 1];
}

long PeakRssKb() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return u.ru_maxrss;
}

void PrintReport(const std::string& system, double setup_s, const std::vector<QueryFigures>& figures,
                 bool preloaded) {
  rapidjson::StringBuffer buf;
  rapidjson::Writer<rapidjson::StringBuffer> w(buf);
  w.StartObject();
  w.Key("system");
  w.String(system.c_str());
  w.Key("setup_s");
  w.Double(setup_s);
  if (preloaded) {
    w.Key("preload");
    w.Bool(true);
  }
  w.Key("peak_rss_kb");
  w.Int64(PeakRssKb());
  w.Key("queries");
  w.StartObject();
  for (const auto& f : figures) {
    w.Key(f.id.c_str());
    w.StartObject();
    if (!f.error.empty()) {
      w.Key("error");
      w.String(f.error.c_str());
    }
    w.Key("median_ms");
    w.Double(Percentile(f.ms, 0.5));
    w.Key("p95_ms");
    w.Double(Percentile(f.ms, 0.95));
    w.Key("cpu_median_ms");
    w.Double(Percentile(f.cpu_ms, 0.5));
    w.Key("runs");
    w.Int64(static_cast<int64_t>(f.ms.size()));
    w.Key("checks");
    w.StartArray();
    for (const auto& c : f.checks) w.String(c.c_str());
    w.EndArray();
    w.EndObject();
  }
  w.EndObject();
  w.EndObject();
  printf("%s\n", buf.GetString());
}

}  // namespace dyad::bench
