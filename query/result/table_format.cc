// The table format: a box-drawn, Unicode-width-aware table that fits the
// terminal, then "(N rows)" and a summary of what the statement changed.
//
//   ┌───────┬───┐
//   │ name  │ n │
//   ├───────┼───┤
//   │ MMCA  │ 1 │
//   │ 中美  │ 2 │
//   └───────┴───┘
//   (2 rows)
#include <algorithm>
#include <vector>

#include "query/result/format_internal.h"
#include "query/result/formatter.h"

namespace dyad::query::internal {

namespace {

// One rendered cell: single-line text and its display width.
struct Cell {
  std::string text;
  int width = 0;
};

// Makes text single-line: line breaks become ⏎, tabs spaces, and other
// control characters U+FFFD.
Cell MakeCell(const std::string& text) {
  Cell cell;
  for (size_t p = 0; p < text.size();) {
    char32_t c = NextCodePoint(text, &p);
    if (c == '\r' && p < text.size() && text[p] == '\n') continue;  // CRLF: one ⏎
    if (c == '\n' || c == '\r') c = U'\u23CE';
    else if (c == '\t') c = ' ';
    else if (c < 0x20 || c == 0x7F) c = 0xFFFD;
    AppendCodePoint(c, &cell.text);
    cell.width += CodePointWidth(c);
  }
  return cell;
}

// Cuts a cell to at most width columns, ending it with '…' when cut.
Cell Truncate(const Cell& cell, int width) {
  if (cell.width <= width) return cell;
  Cell out;
  for (size_t p = 0; p < cell.text.size();) {
    size_t start = p;
    char32_t c = NextCodePoint(cell.text, &p);
    int w = CodePointWidth(c);
    if (out.width + w > width - 1) break;
    out.text.append(cell.text, start, p - start);
    out.width += w;
  }
  if (width >= 1) {
    out.text += "\u2026";
    out.width += 1;
  }
  return out;
}

// Widths that fit sum(widths) into budget by capping the widest columns at a
// common limit (at least 1 column each), then handing out what is left.
std::vector<int> FitWidths(const std::vector<int>& natural, int budget) {
  int total = 0, widest = 0;
  for (int w : natural) total += w, widest = std::max(widest, w);
  if (total <= budget) return natural;
  auto capped_sum = [&](int cap) {
    int sum = 0;
    for (int w : natural) sum += std::min(w, cap);
    return sum;
  };
  int lo = 1, hi = widest;  // find the largest cap that fits
  while (lo < hi) {
    int mid = lo + (hi - lo + 1) / 2;
    if (capped_sum(mid) <= budget) lo = mid;
    else hi = mid - 1;
  }
  std::vector<int> out;
  for (int w : natural) out.push_back(std::min(w, lo));
  int left = budget - capped_sum(lo);
  for (size_t i = 0; i < out.size() && left > 0; ++i)
    if (natural[i] > lo) ++out[i], --left;
  return out;
}

// Appends a horizontal rule such as ├──┼──┤.
void AppendRule(const std::vector<int>& widths, const char* left, const char* mid, const char* right,
                std::string* out) {
  *out += left;
  for (size_t i = 0; i < widths.size(); ++i) {
    if (i) *out += mid;
    for (int k = 0; k < widths[i] + 2; ++k) *out += "\u2500";
  }
  *out += right;
  out->push_back('\n');
}

// Appends │ a │ b │ with each cell cut and padded to its column.
void AppendLine(const std::vector<Cell>& cells, const std::vector<int>& widths, const std::vector<bool>& right,
                std::string* out) {
  *out += "\u2502";
  for (size_t i = 0; i < widths.size(); ++i) {
    Cell c = Truncate(cells[i], widths[i]);
    std::string pad(static_cast<size_t>(std::max(0, widths[i] - c.width)), ' ');
    *out += " " + (right[i] ? pad + c.text : c.text + pad) + " \u2502";
  }
  out->push_back('\n');
}

}  // namespace

std::string FormatTable(const QueryResult& result, int max_width) {
  std::string out = result.plan;
  if (!out.empty() && out.back() != '\n') out.push_back('\n');
  std::string summary = StatsSummary(result.stats);
  // A pure write shows what it changed; EXPLAIN (a plan, no rows) only the plan.
  bool plan_only = !result.plan.empty() && result.rows.empty() && summary.empty();
  if (result.columns.empty() || plan_only) {
    if (!summary.empty()) out += summary + "\n";
    else if (result.plan.empty()) out += "(no changes)\n";
    return out;
  }
  const size_t n = result.columns.size();
  std::vector<Cell> header;
  std::vector<int> natural(n, 0);
  std::vector<bool> numeric(n, false), other(n, false);
  for (size_t i = 0; i < n; ++i) {
    header.push_back(MakeCell(result.columns[i]));
    natural[i] = header[i].width;
  }
  std::vector<std::vector<Cell>> rows;
  rows.reserve(result.rows.size());
  for (const Row& row : result.rows) {
    std::vector<Cell> cells;
    for (size_t i = 0; i < n; ++i) {
      Value v = i < row.size() ? row[i] : Value();
      cells.push_back(MakeCell(ValueToDisplay(v, result.view.get())));
      natural[i] = std::max(natural[i], cells.back().width);
      if (v.is_number()) numeric[i] = true;
      else if (!v.is_null()) other[i] = true;
    }
    rows.push_back(std::move(cells));
  }
  // Numbers line up on the right when a column holds nothing else.
  std::vector<bool> right(n);
  for (size_t i = 0; i < n; ++i) right[i] = numeric[i] && !other[i];
  // Borders and padding take 3 columns per column plus 1.
  std::vector<int> widths = natural;
  if (max_width > 0) widths = FitWidths(natural, max_width - 3 * static_cast<int>(n) - 1);
  AppendRule(widths, "\u250C", "\u252C", "\u2510", &out);
  AppendLine(header, widths, right, &out);
  AppendRule(widths, "\u251C", "\u253C", "\u2524", &out);
  for (const auto& cells : rows) AppendLine(cells, widths, right, &out);
  AppendRule(widths, "\u2514", "\u2534", "\u2518", &out);
  size_t count = result.rows.size();
  out += "(" + std::to_string(count) + (count == 1 ? " row)\n" : " rows)\n");
  if (!summary.empty()) out += summary + "\n";
  return out;
}

}  // namespace dyad::query::internal
