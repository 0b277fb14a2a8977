// Renders QueryResults as table, JSON (INTERFACES.md) or CSV (RFC 4180).
#pragma once

#include <string>

#include "query/result/query_result.h"

namespace dyad::query {

// Output formats of `dyad query --format`.
enum class OutputFormat { kTable, kJson, kCsv };

// Options for rendering.
struct FormatOptions {
  OutputFormat format = OutputFormat::kTable;
  // Table: the terminal width to fit (0: no limit); wide cells are truncated
  // with '…' so that the table fits.
  int max_width = 0;
  // JSON: add a "stats" member with the QueryStats counters.
  bool include_stats = false;
};

// Renders one statement's result. JSON is one line (plus '\n'); table and
// CSV end with a newline. Table output ends with a "(N rows)" line.
std::string FormatResult(const QueryResult& result, const FormatOptions& options);

// Renders a value as the table and CSV show it: strings raw, others in
// Cypher literal form; nodes as (:Label {key: 'mmca', ...}).
std::string ValueToDisplay(const Value& v, storage::Transaction* view);

// The number of terminal columns a UTF-8 string occupies (East Asian wide
// characters count 2, combining marks 0).
int DisplayWidth(const std::string& utf8);

}  // namespace dyad::query
