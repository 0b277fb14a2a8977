// `dyad load`, `dyad stats` and `dyad check`.
#include <cstdio>
#include <filesystem>

#include <unistd.h>

#include "cli/commands.h"
#include "cli/progress.h"
#include "graph/json_writer.h"
#include "storage/checker.h"
#include "storage/import/loader.h"

namespace dyad::cli {

void PrintError(const std::string& message) { fprintf(stderr, "error: %s\n", message.c_str()); }

int RunLoad(const GlobalOptions& g, const std::vector<std::string>& files) {
  auto store = OpenDatabase(g, false);
  if (!store.ok()) {
    PrintError(store.status().message());
    return kExitError;
  }
  std::vector<ProgressBar> bars;
  for (const auto& f : files) bars.emplace_back(std::filesystem::path(f).filename().string());
  auto stats = storage::LoadFiles(store->get(), files, [&](size_t i, uint64_t done, uint64_t total) {
    bars[i].Update(done, total);
    if (done >= total) bars[i].Finish();
    // After the last file is read, the sorted tables are merged and ingested.
    if (done >= total && i + 1 == files.size() && isatty(fileno(stderr)))
      fprintf(stderr, "read %zu file%s; sorting and writing the tables...\r", files.size(), files.size() == 1 ? "" : "s");
  });
  if (isatty(fileno(stderr))) fprintf(stderr, "\033[2K\r");
  for (auto& b : bars) b.Finish();
  if (!stats.ok()) {
    PrintError(stats.status().message());
    fprintf(stderr, "nothing was loaded; the database is unchanged\n");
    return kExitError;
  }
  double secs = stats->seconds > 0 ? stats->seconds : 1e-9;
  printf("loaded %llu nodes and %llu relationships in %.2f s (%.0f nodes/s, %.0f relationships/s)\n",
         static_cast<unsigned long long>(stats->nodes), static_cast<unsigned long long>(stats->edges), stats->seconds,
         static_cast<double>(stats->nodes) / secs, static_cast<double>(stats->edges) / secs);
  return kExitOk;
}

int RunStats(const GlobalOptions& g, const std::string& format) {
  auto store = OpenDatabase(g, true);
  if (!store.ok()) {
    PrintError(store.status().message());
    return kExitError;
  }
  storage::Counters c = (*store)->counters();
  auto& dict = (*store)->dict();
  if (format == "json") {
    rapidjson::StringBuffer buf;
    JsonWriter w(buf);
    w.StartObject();
    w.Key("nodes");
    w.Int64(c.nodes);
    w.Key("relationships");
    w.Int64(c.edges);
    w.Key("labels");
    w.StartObject();
    for (auto& [id, n] : c.per_label)
      if (n) {
        w.Key(dict.Name(storage::NameKind::kLabel, id).c_str());
        w.Int64(n);
      }
    w.EndObject();
    w.Key("types");
    w.StartObject();
    for (auto& [id, n] : c.per_type)
      if (n) {
        w.Key(dict.Name(storage::NameKind::kType, id).c_str());
        w.Int64(n);
      }
    w.EndObject();
    w.EndObject();
    printf("%s\n", buf.GetString());
    return kExitOk;
  }
  printf("nodes          %lld\nrelationships  %lld\n", static_cast<long long>(c.nodes), static_cast<long long>(c.edges));
  printf("\nlabel                          nodes\n");
  for (auto& [id, n] : c.per_label)
    if (n) printf("  %-28s %lld\n", dict.Name(storage::NameKind::kLabel, id).c_str(), static_cast<long long>(n));
  printf("\nrelationship type              count\n");
  for (auto& [id, n] : c.per_type)
    if (n) printf("  %-28s %lld\n", dict.Name(storage::NameKind::kType, id).c_str(), static_cast<long long>(n));
  return kExitOk;
}

int RunCheck(const GlobalOptions& g) {
  auto store = OpenDatabase(g, true);
  if (!store.ok()) {
    PrintError(store.status().message());
    return kExitError;
  }
  storage::CheckReport r;
  Status s = storage::CheckStore(store->get(), &r);
  if (!s.ok()) {
    PrintError(s.message());
    return kExitError;
  }
  printf("checked %llu nodes, %llu relationships, %llu adjacency entries, %llu label entries, %llu index entries\n",
         static_cast<unsigned long long>(r.nodes), static_cast<unsigned long long>(r.edges),
         static_cast<unsigned long long>(r.adjacency_entries), static_cast<unsigned long long>(r.label_entries),
         static_cast<unsigned long long>(r.index_entries));
  if (r.ok()) {
    printf("ok: no problems found\n");
    return kExitOk;
  }
  for (const auto& p : r.problems) printf("problem: %s\n", p.c_str());
  if (r.problem_count > r.problems.size())
    printf("... and %llu more\n", static_cast<unsigned long long>(r.problem_count - r.problems.size()));
  fprintf(stderr, "error: %llu problem(s) found\n", static_cast<unsigned long long>(r.problem_count));
  return kExitError;
}

}  // namespace dyad::cli
