// Internal to the parser: the recursive-descent Parser class, whose methods
// are spread over parser.cc (statements, clauses), parser_expr.cc
// (expressions) and parser_pattern.cc (patterns); parser_check.cc holds the
// checks run on a finished statement. Not a public header.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "graph/status.h"
#include "query/parser/ast.h"
#include "query/parser/token.h"

namespace dyad::query::internal {

// Recursive-descent parser over a token vector (ending with kEnd).
// Each Parse* method consumes the construct at the cursor or returns a
// SyntaxError positioned at the offending token.
class Parser {
 public:
  // `text` must outlive the parser; `tokens` come from Tokenize(text).
  Parser(std::string_view text, std::vector<Token> tokens);

  // script := ';'* (statement (';'+ statement)*)? ';'* END
  Result<std::vector<std::unique_ptr<ast::Statement>>> ParseScript();
  // The whole input as exactly one statement (trailing ';' allowed).
  Result<std::unique_ptr<ast::Statement>> ParseOnlyStatement();
  // The whole input as exactly one expression.
  Result<ast::ExprPtr> ParseOnlyExpression();

 private:
  // ---- cursor helpers (parser.cc) ----
  const Token& Cur() const { return tokens_[pos_]; }
  const Token& Peek(size_t ahead) const;
  bool At(TokenKind kind) const { return Cur().kind == kind; }
  bool AtKeyword(std::string_view kw) const { return Cur().IsKeyword(kw); }
  bool PeekKeyword(size_t ahead, std::string_view kw) const { return Peek(ahead).IsKeyword(kw); }
  bool PeekIs(size_t ahead, TokenKind kind) const { return Peek(ahead).kind == kind; }
  // Consumes the current token.
  void Advance();
  // Consumes the token if it has the kind / is the keyword.
  bool Accept(TokenKind kind);
  bool AcceptKeyword(std::string_view kw);
  // Consumes the token or fails with "expected <kind>".
  Status Expect(TokenKind kind);
  Status ExpectKeyword(std::string_view kw);
  // Remembers that `what` would also have been accepted at the cursor, so
  // an error raised here can list it.
  void Note(std::string_view what);
  // A SyntaxError at the current token: "Invalid input 'x': expected <what>".
  Status ErrorExpected(std::string_view what);
  // A SyntaxError at `tok` with a free-form message.
  Status ErrorAt(const Token& tok, std::string message) const;
  // Source position of a token as an AST position.
  static ast::Position PosOf(const Token& tok) { return {tok.line, tok.column}; }
  ast::Position CurPos() const { return PosOf(Cur()); }
  // Source text from the start of token `first` to the end of the last
  // consumed token.
  std::string TextSince(size_t first) const;
  // Names: `Name` accepts any identifier (keywords too; labels, keys);
  // `Variable` refuses reserved words unless back-ticked.
  Result<std::string> ParseName(std::string_view what);
  Result<std::string> ParseVariable(std::string_view what);
  bool AtVariable() const;
  static bool IsReservedWord(const Token& tok);

  // ---- statements and clauses (parser.cc) ----
  Result<std::unique_ptr<ast::Statement>> ParseStatement();
  Status ParseCreateIndex(ast::Statement* stmt);
  Status ParseDropIndex(ast::Statement* stmt);
  Status ParseIndexLabelAndProperties(std::string* label, std::vector<std::string>* props);
  Result<std::unique_ptr<ast::Query>> ParseQuery();
  Status ParseSingleQuery(ast::SingleQuery* out);
  bool AtClauseStart() const;
  Result<ast::ClausePtr> ParseClause();
  Result<ast::ClausePtr> ParseMatch();
  Result<ast::ClausePtr> ParseUnwind();
  Result<ast::ClausePtr> ParseWith();
  Result<ast::ClausePtr> ParseReturn();
  Status ParseProjectionBody(ast::ProjectionBody* body);
  Result<ast::ClausePtr> ParseCreate();
  Result<ast::ClausePtr> ParseMerge();
  Status ParseSetItems(std::vector<ast::SetItem>* items);
  Result<ast::ClausePtr> ParseSet();
  Result<ast::ClausePtr> ParseRemove();
  Result<ast::ClausePtr> ParseDelete();
  Result<ast::ClausePtr> ParseCall();
  Result<ast::ExprPtr> ParseWhere();  // WHERE expr (cursor on WHERE)

  // ---- patterns (parser_pattern.cc) ----
  Status ParsePattern(std::vector<ast::PatternPart>* out);
  Status ParsePatternPart(ast::PatternPart* out);
  // node (rel node)*; with require_rel, at least one relationship.
  Status ParsePatternChain(ast::PatternPart* out, bool require_rel);
  Status ParseNodePattern(ast::NodePattern* out);
  Status ParseRelPattern(ast::RelPattern* out);
  bool AtRelStart() const;
  Result<ast::ExprPtr> ParsePatternProperties();
  Status ParseLabels(std::vector<std::string>* labels);  // (':' name)+

  // ---- expressions (parser_expr.cc) ----
  Result<ast::ExprPtr> ParseExpression();
  Result<ast::ExprPtr> ParseOr();
  Result<ast::ExprPtr> ParseXor();
  Result<ast::ExprPtr> ParseAnd();
  Result<ast::ExprPtr> ParseNot();
  Result<ast::ExprPtr> ParseComparison();
  Result<ast::ExprPtr> ParsePredicate();  // =~ STARTS/ENDS WITH CONTAINS IN IS NULL
  Result<ast::ExprPtr> ParseAdditive();
  Result<ast::ExprPtr> ParseMultiplicative();
  Result<ast::ExprPtr> ParsePower();
  Result<ast::ExprPtr> ParseUnary();
  Result<ast::ExprPtr> ParsePostfix();
  Result<ast::ExprPtr> ParseAtom();
  Result<ast::ExprPtr> ParseNumber(const Token& tok, bool negative, const Token& sign);
  Result<ast::ExprPtr> ParseBracketAtom();
  Result<ast::ExprPtr> ParseListLiteral();
  Result<ast::ExprPtr> ParseListComprehension();
  Result<ast::ExprPtr> TryParsePatternComprehension();  // null result: not one
  Result<ast::ExprPtr> ParseMapLiteral();
  Result<ast::ExprPtr> ParseMapProjection();
  Result<ast::ExprPtr> ParseParenthesized();
  Result<ast::ExprPtr> ParseCase();
  Result<ast::ExprPtr> ParseFunctionCall();
  Result<ast::ExprPtr> ParseQuantifier();
  Result<ast::ExprPtr> ParseReduce();
  Result<ast::ExprPtr> ParseSubquery();
  Result<ast::ExprPtr> ParseShortestPathExpr();
  // True when the cursor starts `name (. name)* (`.
  bool AtFunctionCall() const;

  // ---- speculative parsing: save and restore the cursor (and its notes) ----
  struct SavedState {
    size_t pos, prev_end, note_pos;
    std::vector<std::string> notes;
  };
  SavedState Save() const { return {pos_, prev_end_, note_pos_, notes_}; }
  void Restore(SavedState s) {
    pos_ = s.pos;
    prev_end_ = s.prev_end;
    note_pos_ = s.note_pos;
    notes_ = std::move(s.notes);
  }

  // ---- limits ----
  // Nesting guard: expressions nest at most kMaxDepth deep, so hostile input
  // cannot overflow the stack.
  static constexpr int kMaxDepth = 200;
  Status EnterNesting();
  void LeaveNesting() {
    --depth_;
    --height_;
  }
  // Height guard: later passes (binding, compiling, evaluating, freeing)
  // recurse over the expression tree, and an operator chain such as
  // a + b + c is as tall as it is long. Nesting and chain links together stay
  // within kMaxHeight levels. Likewise a statement holds at most kMaxClauses
  // clauses and a pattern at most kMaxPatternLength relationships per part
  // and parts per MATCH, because the operator tree is as deep as they are long.
  static constexpr int kMaxHeight = 500;
  static constexpr int kMaxClauses = 1000;
  static constexpr int kMaxPatternLength = 1000;
  Status TooLong(std::string_view what, int limit) const;
  // Counts the links of one operator chain against the height budget while
  // the chain is parsed; gives them back when it goes out of scope.
  class ChainGuard {
   public:
    explicit ChainGuard(Parser* p) : p_(p) {}
    ~ChainGuard() { p_->height_ -= links_; }
    ChainGuard(const ChainGuard&) = delete;
    ChainGuard& operator=(const ChainGuard&) = delete;
    Status Link() {
      ++links_;
      return ++p_->height_ > kMaxHeight ? p_->TooLong("Expression", kMaxHeight) : Status::OK();
    }

   private:
    Parser* p_;
    int links_ = 0;
  };

  std::string_view text_;
  std::vector<Token> tokens_;
  int depth_ = 0;
  int height_ = 0;
  int clauses_ = 0;  // clauses of the statement being parsed
  // Token indexes where a speculative `(`-pattern / `[`-pattern comprehension
  // already failed: never retried, so speculation stays linear.
  std::vector<bool> pattern_failed_;
  std::vector<bool> comprehension_failed_;
  // Tokens that comparison chains may still re-parse (a < b < c parses b
  // twice; nested chains would otherwise cost exponential time).
  int64_t reparse_budget_ = 100000;
  size_t pos_ = 0;
  size_t prev_end_ = 0;  // byte offset just after the last consumed token
  // Alternatives noted at token index note_pos_ (see Note()).
  size_t note_pos_ = static_cast<size_t>(-1);
  std::vector<std::string> notes_;
};

// Converts an integer literal as the lexer wrote it (decimal, 0x hex, 0o
// octal) to int64, negated when `negative`; false when out of range.
bool IntegerFromText(std::string_view text, bool negative, int64_t* out);

// Checks after parsing (parser_check.cc): a plain pattern expression such as
// (a)-->(b) is only allowed where a boolean is expected (WHERE, NOT/AND/OR/
// XOR operands, exists(...), generic CASE WHEN); elsewhere it is a
// SyntaxError at the pattern.
Status CheckPatternExpressions(const ast::Statement& stmt);

}  // namespace dyad::query::internal
