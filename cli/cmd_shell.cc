// `dyad shell`: an interactive openCypher prompt with line editing and
// persistent history (libedit). A statement ends at a ';' outside strings and
// comments, or at an empty line. Lines starting with ':' are shell commands.
// When stdin is not a terminal, statements are read from it without prompts.
#include <signal.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <editline/readline.h>

#include <cctype>
#include <clocale>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <map>
#include <string>
#include <vector>

#include "cli/commands.h"
#include "graph/json_parse.h"
#include "graph/json_value.h"
#include "graph/json_writer.h"
#include "query/engine.h"
#include "query/parser/parser.h"
#include "query/result/formatter.h"
#include "storage/transaction.h"

#ifndef DYAD_VERSION
#define DYAD_VERSION "0.0.0"
#endif

namespace dyad::cli {

namespace {

// Set by SIGINT while the prompt is waiting for input.
volatile sig_atomic_t g_interrupted = 0;

void OnInterrupt(int) { g_interrupted = 1; }

// Splits typed text into statements: a ';' outside '...', "...", `...`,
// // comments and /* */ comments ends one.
class StatementBuffer {
 public:
  // Appends one input line.
  void Add(const std::string& line) { text_ += line + "\n"; }
  // Removes and returns the statements that are complete.
  std::vector<std::string> TakeComplete() {
    std::vector<std::string> out;
    size_t start = 0;
    Scan([&](size_t semicolon) {
      out.push_back(text_.substr(start, semicolon - start));
      start = semicolon + 1;
    });
    text_.erase(0, start);
    return out;
  }
  // Removes and returns everything typed so far.
  std::string TakeAll() {
    std::string s;
    s.swap(text_);
    return s;
  }
  // True when nothing but whitespace and comments has been typed.
  bool blank() const { return blank_; }
  // True inside an unterminated string, quoted name or block comment.
  bool open() const { return open_; }
  // Forgets everything typed so far.
  void Clear() { text_.clear(), blank_ = true, open_ = false; }

 private:
  // Runs the lexical scan, calling on_end at each statement-ending ';', and
  // updates blank_ and open_ for the text after the last one.
  template <typename F>
  void Scan(F on_end) {
    enum { kCode, kString, kLineComment, kBlockComment } state = kCode;
    char quote = 0;
    blank_ = true;
    for (size_t i = 0; i < text_.size(); ++i) {
      char c = text_[i], next = i + 1 < text_.size() ? text_[i + 1] : '\0';
      switch (state) {
        case kCode:
          if (c == '\'' || c == '"' || c == '`') {
            state = kString, quote = c, blank_ = false;
          } else if (c == '/' && next == '/') {
            state = kLineComment, ++i;
          } else if (c == '/' && next == '*') {
            state = kBlockComment, ++i;
          } else if (c == ';') {
            on_end(i);
            blank_ = true;
          } else if (!isspace(static_cast<unsigned char>(c))) {
            blank_ = false;
          }
          break;
        case kString:
          if (c == '\\' && quote != '`') ++i;
          else if (c == quote) state = kCode;
          break;
        case kLineComment:
          if (c == '\n') state = kCode;
          break;
        case kBlockComment:
          if (c == '*' && next == '/') state = kCode, ++i;
          break;
      }
    }
    open_ = state == kString || state == kBlockComment;
  }

  std::string text_;
  bool blank_ = true;
  bool open_ = false;
};

// Removes leading blank lines and surrounding whitespace.
std::string Trim(const std::string& s) {
  size_t b = s.find_first_not_of(" \t\r\n"), e = s.find_last_not_of(" \t\r\n");
  return b == std::string::npos ? "" : s.substr(b, e - b + 1);
}

// The history file: $XDG_DATA_HOME/dyad/history or ~/.local/share/dyad/history.
std::string HistoryPath() {
  std::string dir;
  if (const char* x = std::getenv("XDG_DATA_HOME"); x && *x)
    dir = x;
  else if (const char* h = std::getenv("HOME"); h && *h)
    dir = std::string(h) + "/.local/share";
  else
    return "";
  std::error_code ec;
  std::filesystem::create_directories(dir + "/dyad", ec);
  return ec ? "" : dir + "/dyad/history";
}

// Columns of the terminal on stdout (0 when it is not a terminal).
int TerminalWidth() {
  struct winsize ws;
  if (!isatty(STDOUT_FILENO) || ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) != 0) return 0;
  return ws.ws_col;
}

const char kHelp[] = R"(Type openCypher statements; ';' or an empty line runs what you typed.

Commands:
  :help                     this help
  :schema                   labels, relationship types and property keys with counts
  :format table|json|csv    how results are printed
  :params {json}            set query parameters ($name), e.g. :params {"name": "MMCA"}
  :params                   show the current parameters
  :quit, :exit, Ctrl-D      leave the shell (Ctrl-C clears the current input)

Examples on the default graph (US-China relations):
  MATCH (a:Administration) RETURN a.name, a.start, a.end ORDER BY a.start;
  MATCH (a:Administration)-[s:SUSPENDED]->(m:Mechanism)
    RETURN a.name AS administration, m.name AS mechanism, s.date ORDER BY s.date;
  MATCH (m:Mechanism {key: 'mmca'})-[r]-(x) RETURN type(r), x.name LIMIT 10;
  MATCH (d:Document)-[:MENTIONS]->(m:Mechanism)
    RETURN m.name, count(d) AS documents ORDER BY documents DESC LIMIT 5;
  :params {"alias": "MMCA"}
  MATCH (n) WHERE $alias IN n.aliases RETURN n.key, n.name;
)";

// The interactive (or scripted) session.
class Shell {
 public:
  Shell(storage::GraphStore* store, bool interactive) : engine_(store), interactive_(interactive) {}

  // Reads and runs input until :quit or end of input; returns the exit code.
  int Run() {
    if (interactive_) {
      setlocale(LC_CTYPE, "");
      history_ = HistoryPath();
      stifle_history(1000);
      if (!history_.empty()) read_history(history_.c_str());
      printf("dyad %s shell on %s\nType :help for help, :quit or Ctrl-D to leave.\n", DYAD_VERSION,
             engine_.store()->path().c_str());
    }
    std::string line;
    while (!quit_ && ReadLine(&line)) Handle(line);
    // At the end of a script the last statement needs no ';'; at the prompt,
    // Ctrl-D drops an unfinished statement.
    if (!interactive_ && !quit_ && !buffer_.blank()) Execute(buffer_.TakeAll());
    return interactive_ || !failed_ ? kExitOk : kExitError;
  }

 private:
  // Reads one line (prompting when interactive); false at end of input.
  bool ReadLine(std::string* line) {
    if (!interactive_) return static_cast<bool>(std::getline(std::cin, *line));
    for (;;) {
      struct sigaction sa = {}, old;
      sa.sa_handler = OnInterrupt;
      sigaction(SIGINT, &sa, &old);
      g_interrupted = 0;
      char* text = readline(buffer_.blank() && !buffer_.open() ? "dyad> " : "  ..> ");
      sigaction(SIGINT, &old, nullptr);
      if (text == nullptr && g_interrupted) {  // Ctrl-C: drop what was typed
        printf("\n");
        buffer_.Clear();
        pending_.clear();
        continue;
      }
      if (text == nullptr) {
        printf("\n");
        return false;
      }
      *line = text;
      free(text);
      return true;
    }
  }

  // Handles one input line: a command, or more of a statement.
  void Handle(const std::string& line) {
    std::string t = Trim(line);
    if (buffer_.blank() && !buffer_.open() && !t.empty() && t[0] == ':') {
      Remember(line);
      buffer_.Clear();
      pending_.clear();
      Command(t);
      return;
    }
    if (t.empty() && !buffer_.open()) {  // an empty line runs what was typed
      std::string text = buffer_.blank() ? "" : buffer_.TakeAll();
      Remember(pending_);
      buffer_.Clear();
      Execute(text);
      return;
    }
    pending_ += pending_.empty() ? line : "\n" + line;
    buffer_.Add(line);
    std::vector<std::string> statements = buffer_.TakeComplete();
    if (buffer_.blank() && !buffer_.open()) {
      Remember(pending_);
      buffer_.Clear();
    }
    for (const std::string& s : statements) Execute(s);
  }

  // Adds entry (the lines of one input) to the history and saves it.
  void Remember(std::string entry) {
    pending_.clear();
    if (!interactive_ || Trim(entry).empty() || entry == last_entry_) return;
    last_entry_ = entry;
    add_history(entry.c_str());
    if (!history_.empty()) write_history(history_.c_str());
  }

  // Runs one statement and prints its result or error.
  void Execute(const std::string& text) {
    std::string statement = Trim(text);
    if (statement.empty()) return;
    std::vector<query::QueryResult> results;
    Status s = engine_.Run(statement, options_, &results);
    for (const auto& r : results) Print(r);
    results.clear();  // releases the snapshots
    if (!s.ok()) {
      failed_ = true;
      PrintQueryError(statement, s);
    }
  }

  void Print(const query::QueryResult& r) {
    query::FormatOptions o;
    o.format = format_;
    o.max_width = TerminalWidth();
    fputs(query::FormatResult(r, o).c_str(), stdout);
    fflush(stdout);
  }

  // error: <Kind> at line L, column C: <message>, then the line and a caret.
  void PrintQueryError(const std::string& text, const Status& s) {
    std::string head = "error: " + FormatQueryError(s);
    std::string caret = query::FormatErrorWithCaret(text, s);
    size_t nl = caret.find('\n');
    fflush(stdout);
    fprintf(stderr, "%s\n%s", head.c_str(), nl == std::string::npos ? "" : (caret.substr(nl + 1) + "\n").c_str());
  }

  // Runs a :command.
  void Command(std::string t) {
    while (!t.empty() && (t.back() == ';' || isspace(static_cast<unsigned char>(t.back())))) t.pop_back();
    size_t sp = t.find_first_of(" \t");
    std::string name = t.substr(0, sp), arg = sp == std::string::npos ? "" : Trim(t.substr(sp));
    if (name == ":quit" || name == ":exit" || name == ":q") {
      quit_ = true;
    } else if (name == ":help" || name == ":h" || name == ":?") {
      fputs(kHelp, stdout);
    } else if (name == ":format") {
      SetFormat(arg);
    } else if (name == ":params" || name == ":param") {
      SetParams(arg);
    } else if (name == ":schema") {
      PrintSchema();
    } else {
      Fail("unknown command '" + name + "' (type :help for the list)");
    }
    fflush(stdout);
  }

  void Fail(const std::string& message) {
    failed_ = true;
    fflush(stdout);
    PrintError(message);
  }

  void SetFormat(const std::string& arg) {
    static const char* kNames[] = {"table", "json", "csv"};
    if (arg.empty()) {
      printf("format: %s\n", kNames[static_cast<int>(format_)]);
      return;
    }
    for (int i = 0; i < 3; ++i)
      if (arg == kNames[i]) {
        format_ = static_cast<query::OutputFormat>(i);
        return;
      }
    Fail(":format expects table, json or csv, not '" + arg + "'");
  }

  void SetParams(const std::string& arg) {
    if (arg.empty()) {
      rapidjson::StringBuffer buf;
      JsonWriter w(buf);
      JsonValueWriter(&w).Write(Value(options_.params));
      printf("%s\n", buf.GetString());
      return;
    }
    rapidjson::Document doc;
    Value v;
    if (!ParseJson(arg, &doc).ok() || !doc.IsObject()) {
      Fail(":params expects a JSON object, e.g. :params {\"name\": \"MMCA\"}");
      return;
    }
    Status s = ValueFromJson(doc, &v);
    if (!s.ok()) {
      Fail(":params: " + s.message());
      return;
    }
    options_.params = v.as_map();
  }

  void PrintSchema();

  query::QueryEngine engine_;
  query::QueryOptions options_;
  query::OutputFormat format_ = query::OutputFormat::kTable;
  StatementBuffer buffer_;
  std::string pending_;  // lines typed since the last history entry
  std::string history_;     // the history file ("" when there is none)
  std::string last_entry_;  // the newest history entry (not repeated)
  bool interactive_;
  bool quit_ = false;
  bool failed_ = false;
};

// Labels and types with their counts, and property keys with how many nodes
// and relationships have them and how they are indexed.
void Shell::PrintSchema() {
  storage::GraphStore* store = engine_.store();
  storage::Counters c = store->counters();
  storage::Dictionary& dict = store->dict();
  auto txn = store->BeginRead();
  query::QueryResult labels, types, keys;
  labels.columns = {"label", "nodes"};
  for (auto& [id, n] : c.per_label)
    if (n > 0) labels.rows.push_back({Value(dict.Name(storage::NameKind::kLabel, id)), Value(n)});
  types.columns = {"relationship type", "relationships"};
  for (auto& [id, n] : c.per_type)
    if (n > 0) types.rows.push_back({Value(dict.Name(storage::NameKind::kType, id)), Value(n)});
  // Counting keys reads every record: only for graphs of modest size.
  const bool count = c.nodes + c.edges <= 1'000'000;
  std::map<uint32_t, std::pair<int64_t, int64_t>> uses;
  if (count) {
    for (auto cur = txn->ScanNodes(); cur->Valid(); cur->Next()) {
      NodeRecord n;
      if (txn->GetNode(cur->node_id(), &n).ok())
        for (auto& [k, v] : n.props) uses[k].first++;
    }
    for (auto cur = txn->ScanEdges(); cur->Valid(); cur->Next()) {
      EdgeRecord e;
      if (txn->GetEdge(cur->node_id(), &e).ok())
        for (auto& [k, v] : e.props) uses[k].second++;
    }
  }
  keys.columns = count ? std::vector<std::string>{"property key", "nodes", "relationships", "indexed"}
                       : std::vector<std::string>{"property key", "indexed"};
  auto per_label = store->indexes().PerLabel();
  for (auto& [id, name] : dict.All(storage::NameKind::kKey)) {
    if (count && uses[id].first == 0 && uses[id].second == 0) continue;
    std::string indexed = store->indexes().Has(storage::kGlobalLabel, id) ? "all nodes" : "";
    for (auto& [label, key] : per_label)
      if (key == id) indexed += (indexed.empty() ? ":" : ", :") + dict.Name(storage::NameKind::kLabel, label);
    query::Row row{Value(name)};
    if (count) row.push_back(Value(uses[id].first)), row.push_back(Value(uses[id].second));
    row.push_back(indexed.empty() ? Value() : Value(indexed));
    keys.rows.push_back(std::move(row));
  }
  Print(labels);
  Print(types);
  Print(keys);
}

}  // namespace

int RunShell(const GlobalOptions& g) {
  bool interactive = isatty(STDIN_FILENO);
  auto store = OpenDatabase(g, false);
  if (!store.ok()) {
    PrintError(store.status().message());
    return kExitError;
  }
  return Shell(store->get(), interactive).Run();
}

}  // namespace dyad::cli
