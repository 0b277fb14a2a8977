// Internals shared by the result formatters (not part of the query API).
#pragma once

#include <string>
#include <string_view>

#include "query/result/query_result.h"

namespace dyad::query::internal {

// The result as one line of JSON (INTERFACES.md) plus '\n'.
std::string FormatJson(const QueryResult& result, bool include_stats);
// The result as RFC 4180 CSV with '\n' line endings.
std::string FormatCsv(const QueryResult& result);
// The result as a box-drawn table that fits max_width (0: any width).
std::string FormatTable(const QueryResult& result, int max_width);

// "Created 2 nodes, set 3 properties." — or "" when nothing changed.
std::string StatsSummary(const QueryStats& stats);

// Decodes the UTF-8 code point at s[*pos] and advances *pos past it; a
// malformed sequence gives U+FFFD and advances one byte.
char32_t NextCodePoint(std::string_view s, size_t* pos);
// The terminal columns of one code point: 0 for combining marks, format and
// control characters, 2 for East Asian Wide/Fullwidth, else 1.
int CodePointWidth(char32_t c);
// Appends the UTF-8 encoding of c to out.
void AppendCodePoint(char32_t c, std::string* out);

}  // namespace dyad::query::internal
