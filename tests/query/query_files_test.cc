// Query tests as data: runs every tests/queries/**/*.test file (format in
// tests/queries/README.md) as its own test case, QueryFiles/QueryFileTest.Run/
// <path>, so that ctest lists and reports each file by name.
//
// Each file runs on a fresh temporary store, or with `# graph: default` on a
// read-only store loaded once per process from the embedded fixtures. Files
// under known_failures/ hold correct openCypher expectations the engine does
// not meet yet; they are registered only when DYAD_RUN_KNOWN_FAILURES=1.
//
// The files live in $DYAD_SOURCE_DIR/tests/queries (DYAD_SOURCE_DIR is set by
// ctest; the compile-time default is the source tree).
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <ostream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <rapidjson/document.h>

#include "../storage/test_util.h"
#include "fixtures/embedded.h"
#include "graph/json_parse.h"
#include "graph/json_value.h"
#include "query/engine.h"
#include "query/result/formatter.h"
#include "storage/import/loader.h"
#include "storage/preload.h"

#ifndef DYAD_DEFAULT_SOURCE_DIR
#define DYAD_DEFAULT_SOURCE_DIR "."
#endif

namespace dyad::query {
namespace {

namespace fs = std::filesystem;

// ---------------------------------------------------------------------------
// The test file format.

enum class BlockKind { kStatementOk, kStatementError, kQuery };

// One block of a test file: a statement or query and what it must produce.
struct Block {
  BlockKind kind = BlockKind::kStatementOk;
  int line = 0;             // line of the directive
  std::string text;         // the statement(s), lines joined with '\n'
  std::string params_json;  // "params" lines, as written ("" if none)
  int params_line = 0;
  std::string error_kind;       // statement error: Status::CodeName()
  std::string error_substring;  // statement error: optional message part
  bool rowsort = false;         // query: compare rows as a sorted set of lines
  std::vector<std::string> expected;  // query: header line, then row lines
};

// A parsed test file.
struct TestFile {
  std::string graph = "empty";  // "empty" or "default"
  std::vector<Block> blocks;
};

// True when kind is a Status::CodeName() of an error: a typo in a
// `statement error` line would otherwise make a test that can never pass
// for a confusing reason. Asks Status itself so that new kinds need no edit.
bool IsErrorKind(const std::string& kind) {
  for (int c = 1; c < 256; ++c) {
    Status s(static_cast<Status::Code>(c), "");
    std::string name = s.CodeName();
    if (name == "Unknown") break;
    if (name == kind) return true;
  }
  return false;
}

std::string TrimRight(const std::string& s) {
  size_t e = s.find_last_not_of(" \t\r");
  return e == std::string::npos ? "" : s.substr(0, e + 1);
}

std::string Trim(const std::string& s) {
  size_t b = s.find_first_not_of(" \t\r");
  return b == std::string::npos ? "" : TrimRight(s.substr(b));
}

bool StartsWith(const std::string& s, const std::string& prefix) { return s.rfind(prefix, 0) == 0; }

// Splits off the first whitespace-separated word of s.
std::string FirstWord(const std::string& s, std::string* rest) {
  std::string t = Trim(s);
  size_t sp = t.find_first_of(" \t");
  if (sp == std::string::npos) {
    rest->clear();
    return t;
  }
  *rest = Trim(t.substr(sp));
  return t.substr(0, sp);
}

// Parses a test file. Errors name path:line; the caller fails the test.
Status ParseTestFile(const std::string& path, const std::string& content, TestFile* out) {
  std::vector<std::string> lines;
  {
    std::istringstream in(content);
    for (std::string l; std::getline(in, l);) lines.push_back(TrimRight(l));
  }
  auto error = [&](size_t i, const std::string& msg) {
    return Status::InvalidArgument(path + ":" + std::to_string(i + 1) + ": " + msg);
  };
  size_t i = 0;
  while (i < lines.size()) {
    const std::string& l = lines[i];
    if (l.empty()) {
      ++i;
      continue;
    }
    if (l[0] == '#') {
      std::string c = Trim(l.substr(1));
      if (StartsWith(c, "graph:")) {
        std::string g = Trim(c.substr(6));
        if (g != "empty" && g != "default") return error(i, "unknown graph '" + g + "' (empty or default)");
        out->graph = g;
      }
      ++i;
      continue;
    }
    Block b;
    b.line = static_cast<int>(i + 1);
    std::string rest;
    std::string word = FirstWord(l, &rest);
    if (word == "statement") {
      std::string arg;
      std::string what = FirstWord(rest, &arg);
      if (what == "ok") {
        if (!arg.empty()) return error(i, "unexpected text after 'statement ok': " + arg);
        b.kind = BlockKind::kStatementOk;
      } else if (what == "error") {
        b.kind = BlockKind::kStatementError;
        b.error_kind = FirstWord(arg, &b.error_substring);
        if (b.error_kind.empty()) return error(i, "'statement error' needs an error kind, e.g. SemanticError");
        if (!IsErrorKind(b.error_kind)) return error(i, "unknown error kind '" + b.error_kind + "'");
      } else {
        return error(i, "expected 'statement ok' or 'statement error <Kind> [message]'");
      }
    } else if (word == "query") {
      b.kind = BlockKind::kQuery;
      if (rest == "rowsort") {
        b.rowsort = true;
      } else if (!rest.empty() && rest != "nosort") {
        return error(i, "unknown query mode '" + rest + "' (rowsort or nosort)");
      }
    } else {
      return error(i, "unknown directive '" + word + "' (statement ok, statement error, query)");
    }
    ++i;
    // params lines come right after the directive.
    while (i < lines.size() && StartsWith(lines[i], "params ")) {
      if (!b.params_json.empty()) return error(i, "only one params line per block");
      b.params_json = Trim(lines[i].substr(7));
      b.params_line = static_cast<int>(i + 1);
      ++i;
    }
    // The text: up to a blank line (statements) or "----" (queries).
    bool separator = false;
    for (; i < lines.size() && !lines[i].empty(); ++i) {
      if (lines[i][0] == '#') continue;  // a comment; no Cypher line starts with '#'
      if (lines[i] == "----") {
        separator = true;
        ++i;
        break;
      }
      if (!b.text.empty()) b.text += "\n";
      b.text += lines[i];
    }
    if (b.text.empty()) return error(b.line - 1, "the block has no statement");
    if (b.kind == BlockKind::kQuery) {
      if (!separator) return error(b.line - 1, "a query needs '----' and the expected header and rows");
      for (; i < lines.size() && !lines[i].empty(); ++i) b.expected.push_back(lines[i]);
      if (b.expected.empty()) return error(i - 1, "a query needs at least the header line after '----'");
    } else if (separator) {
      return error(i - 1, "'----' belongs to 'query' blocks; a statement checks no rows");
    }
    out->blocks.push_back(std::move(b));
  }
  return Status::OK();
}

// ---------------------------------------------------------------------------
// Rendering results the way test files write them.

// One cell: ValueToDisplay, except that a top-level empty string is
// "(empty)" and newlines are "\n", so that every row stays one non-blank line.
std::string Cell(const Value& v, storage::Transaction* view) {
  std::string s = ValueToDisplay(v, view);
  if (v.type() == ValueType::kString && s.empty()) return "(empty)";
  std::string out;
  for (char c : s) {
    if (c == '\n')
      out += "\\n";
    else
      out.push_back(c);
  }
  return TrimRight(out);
}

std::string Join(const std::vector<std::string>& parts) {
  std::string out;
  for (size_t i = 0; i < parts.size(); ++i) out += (i ? " | " : "") + parts[i];
  return out;
}

// The header line and one line per row. EXPLAIN results (a plan, no rows)
// render as a "plan" column with one row per line of the plan; a result
// without columns has the header "(no columns)".
std::vector<std::string> Render(const QueryResult& r) {
  std::vector<std::string> out;
  if (!r.plan.empty() && r.rows.empty()) {
    out.push_back("plan");
    std::istringstream in(r.plan);
    for (std::string l; std::getline(in, l);) out.push_back(TrimRight(l));
    return out;
  }
  // A statement without RETURN has no columns; a blank header would end the block.
  out.push_back(r.columns.empty() ? "(no columns)" : Join(r.columns));
  for (const Row& row : r.rows) {
    std::vector<std::string> cells;
    for (const Value& v : row) cells.push_back(Cell(v, r.view.get()));
    out.push_back(Join(cells));
  }
  return out;
}

std::string Lines(const std::vector<std::string>& lines, size_t from = 0) {
  std::string out;
  for (size_t i = from; i < lines.size(); ++i) out += "  " + lines[i] + "\n";
  return out.empty() ? "  (nothing)\n" : out;
}

// ---------------------------------------------------------------------------
// Stores.

std::string SourceDir() {
  const char* env = std::getenv("DYAD_SOURCE_DIR");
  return env && *env ? env : DYAD_DEFAULT_SOURCE_DIR;
}

fs::path QueriesDir() { return fs::path(SourceDir()) / "tests" / "queries"; }

bool RunKnownFailures() {
  const char* env = std::getenv("DYAD_RUN_KNOWN_FAILURES");
  return env && std::string(env) == "1";
}

// The default graph, loaded once per process: loading the fixtures for each
// file would dominate the run time. Files only read it (QueryOptions::
// read_only), so sharing it cannot couple them.
struct DefaultGraph {
  storage::TempDir dir;
  std::unique_ptr<storage::GraphStore> store;  // closed before dir is removed
  Status status;
};

DefaultGraph* GetDefaultGraph() {
  // Destroyed at exit: the store is closed (a store still open at exit left
  // RocksDB background work queued, which LeakSanitizer reported) and its
  // directory removed.
  static std::unique_ptr<DefaultGraph> graph = [] {
    auto g = std::make_unique<DefaultGraph>();
    auto opened = storage::GraphStore::Open(g->dir.sub("default"), storage::StoreOptions());
    if (!opened.ok()) {
      g->status = opened.status();
      return g;
    }
    g->store = std::move(opened.value());
    std::vector<storage::TextInput> inputs;
    for (const auto& f : fixtures::Files())
      inputs.push_back({std::string("fixtures/data/") + f.name, std::string(f.begin, f.end)});
    auto stats = storage::LoadTexts(g->store.get(), inputs);
    if (!stats.ok()) g->status = stats.status();
    return g;
  }();
  return graph.get();
}

// ---------------------------------------------------------------------------
// Running a file.

Status ParseParams(const std::string& json, Map* out) {
  rapidjson::Document doc;
  Status parsed = ParseJson(json, &doc);
  if (!parsed.ok()) return Status::InvalidArgument("params is not valid JSON: " + parsed.message());
  if (!doc.IsObject()) return Status::InvalidArgument("params must be a JSON object");
  Value v;
  DYAD_RETURN_IF_ERROR(ValueFromJson(doc, &v));
  *out = v.as_map();
  return Status::OK();
}

std::string ErrorText(const Status& s) {
  std::string out = s.CodeName();
  if (s.line() > 0) out += " at line " + std::to_string(s.line()) + ", column " + std::to_string(s.column());
  return out + ": " + s.message();
}

// Runs one block; returns "" when it behaves as expected, else what went wrong.
std::string RunBlock(QueryEngine* engine, bool read_only, const Block& b) {
  QueryOptions options;
  options.read_only = read_only;
  // A runaway query must fail its test, not hang ctest.
  options.timeout_ms = 30000;
  if (!b.params_json.empty()) {
    Status ps = ParseParams(b.params_json, &options.params);
    if (!ps.ok()) return "bad params line " + std::to_string(b.params_line) + ": " + ps.message();
  }
  std::vector<QueryResult> results;
  Status s = engine->Run(b.text, options, &results);
  switch (b.kind) {
    case BlockKind::kStatementOk:
      if (!s.ok()) return "expected success, got " + ErrorText(s);
      return "";
    case BlockKind::kStatementError: {
      std::string expected = b.error_kind;
      if (!b.error_substring.empty()) expected += " containing '" + b.error_substring + "'";
      if (s.ok()) return "expected " + expected + ", but it succeeded";
      if (s.CodeName() != b.error_kind || s.message().find(b.error_substring) == std::string::npos)
        return "expected " + expected + ", got " + ErrorText(s);
      return "";
    }
    case BlockKind::kQuery: {
      if (!s.ok()) return "expected rows:\n" + Lines(b.expected) + "got " + ErrorText(s);
      if (results.empty()) return "expected rows:\n" + Lines(b.expected) + "got no result";
      // Several ';'-separated statements: the last one's result counts.
      std::vector<std::string> actual = Render(results.back());
      std::vector<std::string> expected = b.expected;
      if (b.rowsort) {
        std::sort(expected.begin() + 1, expected.end());
        std::sort(actual.begin() + 1, actual.end());
      }
      if (actual == expected) return "";
      std::string why;
      if (actual[0] != expected[0]) {
        why = "wrong columns";
      } else if (actual.size() != expected.size()) {
        why = "expected " + std::to_string(expected.size() - 1) + " rows, got " + std::to_string(actual.size() - 1);
      } else {
        why = b.rowsort ? "wrong rows (compared sorted)" : "wrong rows";
      }
      return why + "\nexpected:\n" + Lines(expected) + "actual:\n" + Lines(actual);
    }
  }
  return "";
}

// A discovered file: its path and the test name derived from it.
struct QueryFile {
  std::string path;      // absolute
  std::string relative;  // under tests/queries, e.g. "match/basic.test"
  std::string name;      // GoogleTest-safe, e.g. "match_basic"
  bool known_failure = false;
};

// Names the file in GoogleTest's output instead of dumping its bytes.
void PrintTo(const QueryFile& f, std::ostream* os) { *os << f.relative; }

std::vector<QueryFile> DiscoverFiles() {
  std::vector<QueryFile> files;
  fs::path root = QueriesDir();
  std::error_code ec;
  if (!fs::is_directory(root, ec)) return files;
  for (auto it = fs::recursive_directory_iterator(root, ec); !ec && it != fs::recursive_directory_iterator();
       it.increment(ec)) {
    if (!it->is_regular_file() || it->path().extension() != ".test") continue;
    QueryFile f;
    f.path = it->path().string();
    f.relative = fs::relative(it->path(), root).generic_string();
    f.known_failure = StartsWith(f.relative, "known_failures/");
    // Known failures are the engine's to-do list, not checks: they are only
    // registered as tests when asked for, so CI never reports them skipped.
    if (f.known_failure && !RunKnownFailures()) continue;
    std::string stem = f.relative.substr(0, f.relative.size() - 5);
    for (char c : stem) f.name.push_back(std::isalnum(static_cast<unsigned char>(c)) ? c : '_');
    files.push_back(std::move(f));
  }
  std::sort(files.begin(), files.end(),
            [](const QueryFile& a, const QueryFile& b) { return a.relative < b.relative; });
  // "a/b_c.test" and "a_b/c.test" map to the same name; GoogleTest refuses
  // duplicates, so number the later ones.
  std::set<std::string> used;
  for (QueryFile& f : files) {
    std::string base = f.name;
    for (int n = 2; !used.insert(f.name).second; ++n) f.name = base + "_" + std::to_string(n);
  }
  return files;
}

// Runs one test file. preload: every block runs on a store whose current
// view was preloaded (storage/preload.h) just before it, so that the same
// expectations hold for a server started with --preload.
void RunFile(const QueryFile& f, bool preload) {
  if (f.known_failure && !RunKnownFailures())
    GTEST_SKIP() << f.relative << " is a known failure (set DYAD_RUN_KNOWN_FAILURES=1 to run it)";
  std::ifstream in(f.path, std::ios::binary);
  ASSERT_TRUE(in) << "cannot read " << f.path;
  std::string content((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  TestFile tf;
  std::string display = "tests/queries/" + f.relative;
  Status ps = ParseTestFile(display, content, &tf);
  ASSERT_TRUE(ps.ok()) << "bad test file: " << ps.message();

  storage::TempDir dir;
  std::unique_ptr<storage::GraphStore> own;
  storage::GraphStore* store = nullptr;
  bool read_only = tf.graph == "default";
  if (read_only) {
    DefaultGraph* g = GetDefaultGraph();
    ASSERT_TRUE(g->status.ok()) << "the embedded fixtures do not load: " << g->status.ToString();
    store = g->store.get();
  } else {
    own = storage::OpenOrDie(dir.sub("db"));
    ASSERT_NE(own, nullptr);
    store = own.get();
  }
  QueryEngine engine(store);
  // Later blocks run even after a failure so that one run reports every
  // mismatch of the file.
  for (const Block& b : tf.blocks) {
    if (preload) {
      auto reader = store->BeginRead();
      storage::PreloadStats stats;
      Status s = storage::Preload(reader.get(), nullptr, &stats);
      ASSERT_TRUE(s.ok()) << display << ":" << b.line << ": preload: " << s.ToString();
    }
    std::string problem = RunBlock(&engine, read_only, b);
    if (!problem.empty()) {
      ADD_FAILURE_AT(f.path.c_str(), b.line) << display << ":" << b.line << "\n" << b.text << "\n" << problem;
    }
  }
}

class QueryFileTest : public testing::TestWithParam<QueryFile> {};
class PreloadedQueryFileTest : public testing::TestWithParam<QueryFile> {};

TEST_P(QueryFileTest, Run) { RunFile(GetParam(), false); }
TEST_P(PreloadedQueryFileTest, Run) { RunFile(GetParam(), true); }

// No files (a tree without tests/queries) is not an error of the build.
GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(QueryFileTest);
GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(PreloadedQueryFileTest);

INSTANTIATE_TEST_SUITE_P(QueryFiles, QueryFileTest, testing::ValuesIn(DiscoverFiles()),
                         [](const testing::TestParamInfo<QueryFile>& info) { return info.param.name; });
INSTANTIATE_TEST_SUITE_P(QueryFiles, PreloadedQueryFileTest, testing::ValuesIn(DiscoverFiles()),
                         [](const testing::TestParamInfo<QueryFile>& info) { return info.param.name; });

}  // namespace
}  // namespace dyad::query
