// The CSV format: RFC 4180 fields, but '\n' (not CRLF) ends every record, as
// most tools expect on Unix. A header record names the columns; null is an
// empty field and the empty string is "" so the two stay distinguishable.
#include "query/result/format_internal.h"
#include "query/result/formatter.h"

namespace dyad::query::internal {

namespace {

// Appends one field, quoted when it holds , " CR or LF (or is empty text).
void AppendField(const std::string& s, bool force_quotes, std::string* out) {
  if (!force_quotes && s.find_first_of(",\"\r\n") == std::string::npos) {
    *out += s;
    return;
  }
  out->push_back('"');
  for (char c : s) {
    if (c == '"') out->push_back('"');
    out->push_back(c);
  }
  out->push_back('"');
}

}  // namespace

std::string FormatCsv(const QueryResult& result) {
  std::string out;
  if (result.columns.empty()) return out;
  for (size_t i = 0; i < result.columns.size(); ++i) {
    if (i) out.push_back(',');
    AppendField(result.columns[i], result.columns[i].empty(), &out);
  }
  out.push_back('\n');
  for (const Row& row : result.rows) {
    for (size_t i = 0; i < result.columns.size(); ++i) {
      if (i) out.push_back(',');
      if (i >= row.size() || row[i].is_null()) continue;
      std::string text = ValueToDisplay(row[i], result.view.get());
      AppendField(text, text.empty(), &out);
    }
    out.push_back('\n');
  }
  return out;
}

}  // namespace dyad::query::internal
