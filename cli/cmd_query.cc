// `dyad query`: runs openCypher statements and prints their results.
#include <sys/ioctl.h>
#include <unistd.h>

#include <cstdio>
#include <iostream>
#include <iterator>

#include <rapidjson/document.h>

#include "cli/commands.h"
#include "graph/json_parse.h"
#include "graph/json_value.h"
#include "query/engine.h"
#include "query/parser/parser.h"
#include "query/result/formatter.h"

namespace dyad::cli {

std::string FormatQueryError(const Status& s) {
  std::string out = std::string(s.CodeName());
  if (s.line() > 0) out += " at line " + std::to_string(s.line()) + ", column " + std::to_string(s.column());
  return out + ": " + s.message();
}

Status ParseParams(const std::string& json, Map* out) {
  if (json.empty()) return Status::OK();
  rapidjson::Document doc;
  Status parsed = ParseJson(json, &doc);
  if (!parsed.ok()) return Status::InvalidArgument("--params is not valid JSON: " + parsed.message());
  if (!doc.IsObject()) return Status::InvalidArgument("--params must be a JSON object of parameter names to values");
  Value v;
  DYAD_RETURN_IF_ERROR(ValueFromJson(doc, &v));
  *out = v.as_map();
  return Status::OK();
}

int TerminalWidth() {
  struct winsize w;
  if (isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ, &w) == 0 && w.ws_col > 0) return w.ws_col;
  return 0;
}

int RunQuery(const GlobalOptions& g, const QueryCommandOptions& q) {
  query::QueryOptions options;
  Status ps = ParseParams(q.params, &options.params);
  if (!ps.ok()) {
    PrintError(ps.message());
    return kExitUsage;
  }
  if (q.timeout_ms < 0) {
    PrintError("--timeout-ms must not be negative");
    return kExitUsage;
  }
  options.timeout_ms = q.timeout_ms;
  options.max_rows = q.max_rows;
  std::string text = q.query;
  if (text.empty() || text == "-") {
    text.assign(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
  }
  if (text.find_first_not_of(" \t\r\n") == std::string::npos) {
    PrintError("no query given (pass it as an argument or on standard input)");
    return kExitUsage;
  }
  auto store = OpenDatabase(g, false);
  if (!store.ok()) {
    PrintError(store.status().message());
    return kExitError;
  }
  query::QueryEngine engine(store->get());
  std::vector<query::QueryResult> results;
  Status s = engine.Run(text, options, &results);
  query::FormatOptions fo;
  fo.format = q.format == "json" ? query::OutputFormat::kJson
              : q.format == "csv" ? query::OutputFormat::kCsv
                                  : query::OutputFormat::kTable;
  fo.max_width = TerminalWidth();
  fo.include_stats = q.stats;
  for (const auto& r : results) fputs(query::FormatResult(r, fo).c_str(), stdout);
  fflush(stdout);
  if (!s.ok()) {
    PrintError(FormatQueryError(s));
    // Show where: the query line and a caret under the column.
    if (s.line() > 0) {
      std::string caret = query::FormatErrorWithCaret(text, s);
      size_t nl = caret.find('\n');
      if (nl != std::string::npos) fprintf(stderr, "%s", caret.substr(nl + 1).c_str());
      if (!caret.empty() && caret.back() != '\n') fputc('\n', stderr);
    }
    return kExitError;
  }
  return kExitOk;
}

}  // namespace dyad::cli
