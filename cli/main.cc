// The dyad command-line tool: argument parsing and dispatch (CLI11).
#include <cstdio>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "cli/commands.h"

#ifndef DYAD_VERSION
#define DYAD_VERSION "0.0.0"
#endif

int main(int argc, char** argv) {
  using namespace dyad::cli;
  CLI::App app{"dyad: a knowledge-graph database (RocksDB storage, openCypher queries).\n"
               "Without --db or DYAD_DB it works on the embedded US-China relations graph.",
               "dyad"};
  app.set_version_flag("--version", std::string("dyad ") + DYAD_VERSION);
  app.require_subcommand(1);
  GlobalOptions g;
  app.add_option("--db", g.db, "database directory (default: $DYAD_DB, else the embedded default graph)");
  app.add_flag("--sync", g.sync, "fsync every write before reporting success");

  std::vector<std::string> files;
  auto* load = app.add_subcommand("load", "import JSON, JSON Lines or CSV graph files (all or nothing)");
  load->add_option("files", files, "files to load (.json, .jsonl, .ndjson, .csv)")->required();

  std::string format = "table";
  auto* stats = app.add_subcommand("stats", "node counts per label and relationship counts per type");
  stats->add_option("--format", format, "table or json")->check(CLI::IsMember({"table", "json"}));

  auto* check = app.add_subcommand("check", "verify every index and counter against the records");

  std::string key;
  auto* get = app.add_subcommand("get", "show a node (by key, name or alias) with its neighbours");
  get->add_option("key", key, "node key, name or alias")->required();
  get->add_option("--format", format, "table or json")->check(CLI::IsMember({"table", "json"}));

  QueryCommandOptions q;
  auto* query = app.add_subcommand("query", "run openCypher statements (separated by ';'); QUERY or stdin");
  query->add_option("query", q.query, "the query text; '-' or absent: read standard input");
  query->add_option("--format", q.format, "table, json or csv")->check(CLI::IsMember({"table", "json", "csv"}));
  query->add_option("--params", q.params, "parameters as a JSON object, e.g. '{\"key\": \"mmca\"}'");
  query->add_option("--timeout-ms", q.timeout_ms, "stop a statement after this many milliseconds");
  query->add_option("--max-rows", q.max_rows, "refuse results with more rows than this");
  query->add_flag("--stats", q.stats, "json: add the counts of what each statement changed");

  ServeCommandOptions sv;
  auto* serve = AddServeCommand(&app, &sv);

  ExportCommandOptions ex;
  auto* exp = AddExportCommand(&app, &ex);

  auto* shell = app.add_subcommand("shell", "interactive openCypher prompt with history (scripted when stdin is not a terminal)");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? kExitOk : kExitUsage;
  }
  if (*load) return RunLoad(g, files);
  if (*stats) return RunStats(g, format);
  if (*check) return RunCheck(g);
  if (*get) return RunGet(g, key, format);
  if (*query) return RunQuery(g, q);
  if (*shell) return RunShell(g);
  if (*serve) return RunServe(g, sv);
  if (*exp) return RunExport(g, ex);
  return kExitUsage;
}
