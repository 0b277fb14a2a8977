// Parses every query of the openCypher TCK feature files.
//
// Queries are the docstrings after "When executing query:", "When executing
// control query:" and "And having executed:"; Scenario Outlines are expanded
// with each row of their Examples tables. A scenario that expects
//   Then a SyntaxError should be raised at compile time: <Kind>
// expects its "When executing query" to fail. Only some kinds are the
// parser's business (kParserKinds below); the rest (UndefinedVariable,
// VariableAlreadyBound, ...) belong to the binder, so those queries are
// expected to parse.
//
// The TCK lives in $DYAD_SOURCE_DIR/../shared/tck/features (DYAD_SOURCE_DIR
// is set by ctest; the compile-time default is the source tree).
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "query/parser/parser.h"

#ifndef DYAD_DEFAULT_SOURCE_DIR
#define DYAD_DEFAULT_SOURCE_DIR "."
#endif

namespace dyad::query {
namespace {

namespace fs = std::filesystem;

// Compile-time error kinds that a parser must report.
const std::set<std::string> kParserKinds = {
    "UnexpectedSyntax",      "InvalidNumberLiteral",   "IntegerOverflow",
    "FloatingPointOverflow", "InvalidUnicodeLiteral", "InvalidUnicodeCharacter",
};

// One query from a feature file.
struct TckQuery {
  std::string file;
  int line = 0;                // line of the docstring's first query line
  std::string text;            // outline placeholders substituted
  std::string expected_error;  // compile-time SyntaxError kind, or empty
};

std::string Trim(const std::string& s) {
  size_t b = s.find_first_not_of(" \t\r");
  if (b == std::string::npos) return "";
  size_t e = s.find_last_not_of(" \t\r");
  return s.substr(b, e - b + 1);
}

bool StartsWith(const std::string& s, const std::string& prefix) { return s.rfind(prefix, 0) == 0; }

// The cells of a Gherkin table row "| a | b |" (\| and \\ unescaped).
std::vector<std::string> TableCells(const std::string& row) {
  std::vector<std::string> cells;
  std::string cur;
  for (size_t i = 1; i < row.size(); ++i) {
    char c = row[i];
    if (c == '\\' && i + 1 < row.size()) {
      cur += row[++i];
    } else if (c == '|') {
      cells.push_back(Trim(cur));
      cur.clear();
    } else {
      cur += c;
    }
  }
  return cells;
}

// A scenario being read.
struct Scenario {
  bool outline = false;
  std::vector<TckQuery> queries;
  std::vector<bool> is_when;  // the query is the scenario's "When executing query"
  std::string error;
  std::vector<std::vector<std::string>> example_rows;  // first row of each table is its header
  std::vector<size_t> table_starts;
};

void FlushScenario(Scenario* sc, std::vector<TckQuery>* out) {
  for (size_t qi = 0; qi < sc->queries.size(); ++qi) {
    TckQuery q = sc->queries[qi];
    if (sc->is_when[qi]) q.expected_error = sc->error;
    if (!sc->outline) {
      out->push_back(q);
      continue;
    }
    for (size_t t = 0; t < sc->table_starts.size(); ++t) {
      size_t begin = sc->table_starts[t];
      size_t end = t + 1 < sc->table_starts.size() ? sc->table_starts[t + 1] : sc->example_rows.size();
      if (begin >= end) continue;
      const std::vector<std::string>& header = sc->example_rows[begin];
      for (size_t r = begin + 1; r < end; ++r) {
        TckQuery expanded = q;
        for (size_t c = 0; c < header.size() && c < sc->example_rows[r].size(); ++c) {
          std::string key = "<" + header[c] + ">";
          size_t p;
          while ((p = expanded.text.find(key)) != std::string::npos) {
            expanded.text.replace(p, key.size(), sc->example_rows[r][c]);
          }
        }
        out->push_back(expanded);
      }
    }
  }
  *sc = Scenario();
}

// Reads all queries of one feature file.
void ReadFeature(const fs::path& path, std::vector<TckQuery>* out) {
  std::ifstream in(path);
  std::vector<std::string> lines;
  for (std::string l; std::getline(in, l);) lines.push_back(l);
  Scenario sc;
  bool in_scenario = false;
  bool in_examples = false;
  std::string prev_step;
  for (size_t i = 0; i < lines.size(); ++i) {
    std::string t = Trim(lines[i]);
    if (t.empty() || StartsWith(t, "#")) continue;
    if (StartsWith(t, "Scenario")) {
      if (in_scenario) FlushScenario(&sc, out);
      in_scenario = true;
      in_examples = false;
      sc.outline = StartsWith(t, "Scenario Outline");
      continue;
    }
    if (!in_scenario) continue;
    if (StartsWith(t, "Examples")) {
      in_examples = true;
      sc.table_starts.push_back(sc.example_rows.size());
      continue;
    }
    if (StartsWith(t, "|")) {
      if (in_examples) sc.example_rows.push_back(TableCells(t));
      continue;
    }
    if (StartsWith(t, "\"\"\"")) {
      size_t indent = lines[i].find('"');
      std::string body;
      int first_line = static_cast<int>(i) + 2;
      for (++i; i < lines.size() && !StartsWith(Trim(lines[i]), "\"\"\""); ++i) {
        // Drop the docstring's indentation (as far as the line has it).
        const std::string& l = lines[i];
        size_t lead = l.find_first_not_of(" \t");
        size_t strip = std::min(indent, lead == std::string::npos ? l.size() : lead);
        body += l.substr(strip) + "\n";
      }
      bool when = prev_step.find("executing query") != std::string::npos;
      bool query = when || prev_step.find("having executed") != std::string::npos ||
                   prev_step.find("executing control query") != std::string::npos;
      if (query) {
        sc.queries.push_back({path.filename().string(), first_line, body, ""});
        sc.is_when.push_back(when);
      }
      continue;
    }
    in_examples = false;
    prev_step = t;
    const std::string marker = "SyntaxError should be raised at compile time:";
    size_t m = t.find(marker);
    if (m != std::string::npos) sc.error = Trim(t.substr(m + marker.size()));
  }
  if (in_scenario) FlushScenario(&sc, out);
}

fs::path TckFeaturesDir() {
  const char* env = std::getenv("DYAD_SOURCE_DIR");
  std::string root = env && *env ? env : DYAD_DEFAULT_SOURCE_DIR;
  return fs::path(root) / ".." / "shared" / "tck" / "features";
}

TEST(TckParseTest, EveryTckQueryParsesAsExpected) {
  fs::path dir = TckFeaturesDir();
  if (!fs::is_directory(dir)) GTEST_SKIP() << "TCK not found at " << dir;
  std::vector<fs::path> files;
  for (const auto& entry : fs::recursive_directory_iterator(dir)) {
    if (entry.path().extension() == ".feature") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  std::vector<TckQuery> queries;
  for (const fs::path& f : files) ReadFeature(f, &queries);

  int valid = 0, valid_parsed = 0;            // no compile-time error expected
  int semantic = 0, semantic_parsed = 0;      // binder's errors: should parse
  int syntax = 0, syntax_rejected = 0;        // parser's errors: must not parse
  int round_trip_mismatches = 0;              // ToString(Parse(ToString(ast))) != ToString(ast)
  std::vector<std::string> problems;
  for (const TckQuery& q : queries) {
    auto r = Parse(q.text);
    std::string where = q.file + ":" + std::to_string(q.line);
    if (q.expected_error.empty()) {
      ++valid;
      if (r.ok()) {
        ++valid_parsed;
        // The canonical rendering is a fixed point: it parses back to itself.
        std::string canonical = ast::ToString(**r);
        auto again = Parse(canonical);
        std::string twice = again.ok() ? ast::ToString(**again) : again.status().ToString();
        if (twice != canonical) {
          ++round_trip_mismatches;
          problems.push_back("ROUND TRIP " + where + "\n" + canonical + "\n" + twice);
        }
      } else {
        problems.push_back("FAILED TO PARSE " + where + "\n" + FormatErrorWithCaret(q.text, r.status()));
      }
    } else if (kParserKinds.count(q.expected_error)) {
      ++syntax;
      if (!r.ok()) {
        ++syntax_rejected;
      } else {
        problems.push_back("SHOULD NOT PARSE (" + q.expected_error + ") " + where + "\n" + q.text);
      }
    } else {
      ++semantic;
      if (r.ok()) ++semantic_parsed;
    }
  }
  std::cout << "TCK: " << files.size() << " feature files, " << queries.size() << " queries\n"
            << "  valid queries parsed:           " << valid_parsed << " / " << valid << "\n"
            << "  parser-error queries rejected:  " << syntax_rejected << " / " << syntax << "\n"
            << "  binder-error queries parsed:    " << semantic_parsed << " / " << semantic
            << " (informational)\n"
            << "  canonical-form round trips failed: " << round_trip_mismatches << "\n";
  for (size_t i = 0; i < problems.size() && i < 30; ++i) std::cout << problems[i] << "\n---\n";

  ASSERT_GT(files.size(), 100u);
  ASSERT_GT(valid, 4000);
  EXPECT_GE(valid_parsed * 1000, valid * 999) << "fewer than 99.9% of valid TCK queries parse";
  EXPECT_EQ(syntax_rejected, syntax) << "queries the TCK says are syntax errors were accepted";
  EXPECT_EQ(round_trip_mismatches, 0);
}

}  // namespace
}  // namespace dyad::query
