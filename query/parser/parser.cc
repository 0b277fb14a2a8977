// The parser: public entry points, cursor helpers, statements and clauses.
// Expressions are in parser_expr.cc, patterns in parser_pattern.cc.
#include "query/parser/parser.h"

#include <algorithm>
#include <utility>

#include "query/parser/lexer.h"
#include "query/parser/parser_impl.h"

namespace dyad::query {

using internal::Parser;

Result<std::unique_ptr<ast::Statement>> Parse(std::string_view text) {
  DYAD_ASSIGN_OR_RETURN(std::vector<Token> tokens, Tokenize(text));
  return Parser(text, std::move(tokens)).ParseOnlyStatement();
}

Result<std::vector<std::unique_ptr<ast::Statement>>> ParseScript(std::string_view text) {
  DYAD_ASSIGN_OR_RETURN(std::vector<Token> tokens, Tokenize(text));
  return Parser(text, std::move(tokens)).ParseScript();
}

Result<ast::ExprPtr> ParseExpression(std::string_view text) {
  DYAD_ASSIGN_OR_RETURN(std::vector<Token> tokens, Tokenize(text));
  return Parser(text, std::move(tokens)).ParseOnlyExpression();
}

std::string FormatErrorWithCaret(std::string_view text, const Status& status) {
  std::string out = status.ToString();
  if (status.line() <= 0) return out;
  out += " (line " + std::to_string(status.line()) + ", column " + std::to_string(status.column()) + ")";
  // Find the line.
  size_t start = 0;
  for (int l = 1; l < status.line() && start <= text.size(); ++l) {
    size_t nl = text.find('\n', start);
    if (nl == std::string_view::npos) {
      start = text.size() + 1;
      break;
    }
    start = nl + 1;
  }
  if (start > text.size()) return out;
  size_t end = text.find('\n', start);
  std::string_view line = text.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  out += "\n\"" + std::string(line) + "\"\n ";
  // Pad with the line's own tabs so the caret lines up; one space per other
  // code point.
  size_t p = 0;
  for (int col = 1; col < status.column() && p < line.size(); ++col) {
    char32_t c = DecodeUtf8(line, &p);
    out += c == '\t' ? '\t' : ' ';
  }
  return out + "^";
}

namespace internal {

namespace {

const Token& EndToken() {
  static const Token end;
  return end;
}

}  // namespace

Parser::Parser(std::string_view text, std::vector<Token> tokens) : text_(text), tokens_(std::move(tokens)) {
  if (tokens_.empty() || tokens_.back().kind != TokenKind::kEnd) tokens_.push_back(EndToken());
  pattern_failed_.assign(tokens_.size(), false);
  comprehension_failed_.assign(tokens_.size(), false);
}

Status Parser::EnterNesting() {
  if (++depth_ > kMaxDepth) {
    --depth_;
    return ErrorAt(Cur(), "Query is nested too deeply (more than " + std::to_string(kMaxDepth) + " levels)");
  }
  if (++height_ > kMaxHeight) {
    --depth_;
    --height_;
    return TooLong("Expression", kMaxHeight);
  }
  return Status::OK();
}

Status Parser::TooLong(std::string_view what, int limit) const {
  return ErrorAt(Cur(), std::string(what) + " is too long (more than " + std::to_string(limit) +
                            (what == "Expression" ? " levels of operators and nesting; use a list with IN, or split it)"
                             : what == "Query"    ? " clauses)"
                                                  : " elements)"));
}

// ---------------------------------------------------------------------------
// Cursor helpers

const Token& Parser::Peek(size_t ahead) const {
  size_t i = pos_ + ahead;
  return i < tokens_.size() ? tokens_[i] : tokens_.back();
}

void Parser::Advance() {
  if (pos_ + 1 < tokens_.size()) {
    prev_end_ = Cur().offset + Cur().length;
    ++pos_;
  }
}

bool Parser::Accept(TokenKind kind) {
  if (!At(kind)) return false;
  Advance();
  return true;
}

bool Parser::AcceptKeyword(std::string_view kw) {
  if (!AtKeyword(kw)) return false;
  Advance();
  return true;
}

Status Parser::Expect(TokenKind kind) {
  if (Accept(kind)) return Status::OK();
  return ErrorExpected(TokenKindName(kind));
}

Status Parser::ExpectKeyword(std::string_view kw) {
  if (AcceptKeyword(kw)) return Status::OK();
  return ErrorExpected(kw);
}

void Parser::Note(std::string_view what) {
  if (note_pos_ != pos_) {
    notes_.clear();
    note_pos_ = pos_;
  }
  if (std::find(notes_.begin(), notes_.end(), what) == notes_.end()) notes_.emplace_back(what);
}

Status Parser::ErrorExpected(std::string_view what) {
  std::vector<std::string> alts;
  if (note_pos_ == pos_) alts = notes_;
  if (std::find(alts.begin(), alts.end(), what) == alts.end()) alts.emplace_back(what);
  std::string list;
  for (size_t i = 0; i < alts.size(); ++i) {
    if (i > 0) list += i + 1 == alts.size() ? " or " : ", ";
    list += alts[i];
  }
  const Token& tok = Cur();
  if (tok.kind == TokenKind::kEnd) return ErrorAt(tok, "Unexpected end of input: expected " + list);
  std::string shown(text_.substr(tok.offset, tok.length));
  if (shown.size() > 40) shown = shown.substr(0, 37) + "...";
  return ErrorAt(tok, "Invalid input '" + shown + "': expected " + list);
}

Status Parser::ErrorAt(const Token& tok, std::string message) const {
  return Status::SyntaxError(std::move(message)).WithPosition(tok.line, tok.column);
}

std::string Parser::TextSince(size_t first) const {
  size_t begin = tokens_[first].offset;
  if (prev_end_ <= begin) return "";
  return std::string(text_.substr(begin, prev_end_ - begin));
}

bool Parser::IsReservedWord(const Token& tok) {
  static const char* const kReserved[] = {
      "AND",    "AS",     "ASC",   "ASCENDING", "BY",     "CALL",     "CASE",   "CONTAINS", "CREATE",
      "DELETE", "DESC",   "DESCENDING", "DETACH", "DISTINCT", "ELSE", "END",    "ENDS",     "EXISTS",
      "FALSE",  "FOREACH", "IN",   "IS",        "LIMIT",  "MATCH",    "MERGE",  "NOT",      "NULL",
      "ON",     "OPTIONAL", "OR",  "ORDER",     "REMOVE", "RETURN",   "SET",    "SKIP",     "STARTS",
      "THEN",   "TRUE",   "UNION", "UNWIND",    "WHEN",   "WHERE",    "WITH",   "XOR",      "YIELD",
  };
  if (tok.kind != TokenKind::kIdentifier) return false;
  for (const char* kw : kReserved) {
    if (tok.IsKeyword(kw)) return true;
  }
  return false;
}

bool Parser::AtVariable() const { return Cur().IsName() && !IsReservedWord(Cur()); }

Result<std::string> Parser::ParseName(std::string_view what) {
  if (!Cur().IsName()) return ErrorExpected(what);
  std::string name = Cur().text;
  Advance();
  return name;
}

Result<std::string> Parser::ParseVariable(std::string_view what) {
  if (!AtVariable()) return ErrorExpected(what);
  std::string name = Cur().text;
  Advance();
  return name;
}

Result<ast::ExprPtr> Parser::ParseWhere() {
  Advance();  // WHERE
  return ParseExpression();
}

// ---------------------------------------------------------------------------
// Statements

Result<std::vector<std::unique_ptr<ast::Statement>>> Parser::ParseScript() {
  std::vector<std::unique_ptr<ast::Statement>> out;
  while (true) {
    while (Accept(TokenKind::kSemicolon)) {
    }
    if (At(TokenKind::kEnd)) break;
    DYAD_ASSIGN_OR_RETURN(std::unique_ptr<ast::Statement> stmt, ParseStatement());
    out.push_back(std::move(stmt));
    if (!At(TokenKind::kSemicolon) && !At(TokenKind::kEnd)) {
      Note("';'");
      return ErrorExpected("end of input");
    }
  }
  return out;
}

Result<std::unique_ptr<ast::Statement>> Parser::ParseOnlyStatement() {
  if (At(TokenKind::kEnd)) return ErrorExpected("a statement");
  DYAD_ASSIGN_OR_RETURN(std::unique_ptr<ast::Statement> stmt, ParseStatement());
  while (Accept(TokenKind::kSemicolon)) {
  }
  if (!At(TokenKind::kEnd)) return ErrorExpected("end of input");
  return stmt;
}

Result<ast::ExprPtr> Parser::ParseOnlyExpression() {
  DYAD_ASSIGN_OR_RETURN(ast::ExprPtr e, ParseExpression());
  if (!At(TokenKind::kEnd)) return ErrorExpected("end of input");
  return e;
}

Result<std::unique_ptr<ast::Statement>> Parser::ParseStatement() {
  auto stmt = std::make_unique<ast::Statement>();
  size_t first = pos_;
  stmt->pos = CurPos();
  clauses_ = 0;
  if (AcceptKeyword("EXPLAIN")) {
    stmt->mode = ast::ExecutionMode::kExplain;
  } else if (AcceptKeyword("PROFILE")) {
    stmt->mode = ast::ExecutionMode::kProfile;
  }
  if (AtKeyword("CREATE") && PeekKeyword(1, "INDEX") && !PeekIs(2, TokenKind::kEq)) {
    DYAD_RETURN_IF_ERROR(ParseCreateIndex(stmt.get()));
  } else if (AtKeyword("DROP") && PeekKeyword(1, "INDEX")) {
    DYAD_RETURN_IF_ERROR(ParseDropIndex(stmt.get()));
  } else {
    DYAD_ASSIGN_OR_RETURN(stmt->query, ParseQuery());
  }
  stmt->text = TextSince(first);
  DYAD_RETURN_IF_ERROR(CheckPatternExpressions(*stmt));
  return stmt;
}

Status Parser::ParseIndexLabelAndProperties(std::string* label, std::vector<std::string>* props) {
  // :Label(p1, p2)
  DYAD_RETURN_IF_ERROR(Expect(TokenKind::kColon));
  DYAD_ASSIGN_OR_RETURN(*label, ParseName("a label"));
  DYAD_RETURN_IF_ERROR(Expect(TokenKind::kLParen));
  do {
    DYAD_ASSIGN_OR_RETURN(std::string p, ParseName("a property key"));
    props->push_back(std::move(p));
  } while (Accept(TokenKind::kComma));
  return Expect(TokenKind::kRParen);
}

Status Parser::ParseCreateIndex(ast::Statement* stmt) {
  auto idx = std::make_unique<ast::CreateIndex>();
  idx->pos = CurPos();
  Advance();  // CREATE
  Advance();  // INDEX
  if (AcceptKeyword("ON")) {
    DYAD_RETURN_IF_ERROR(ParseIndexLabelAndProperties(&idx->label, &idx->properties));
    stmt->create_index = std::move(idx);
    return Status::OK();
  }
  if (Cur().IsName() && !AtKeyword("FOR") && !(AtKeyword("IF") && PeekKeyword(1, "NOT"))) {
    idx->name = Cur().text;
    Advance();
  }
  if (AcceptKeyword("IF")) {
    DYAD_RETURN_IF_ERROR(ExpectKeyword("NOT"));
    DYAD_RETURN_IF_ERROR(ExpectKeyword("EXISTS"));
    idx->if_not_exists = true;
  }
  DYAD_RETURN_IF_ERROR(ExpectKeyword("FOR"));
  if (!At(TokenKind::kLParen)) return ErrorExpected("'(' (a node pattern)");
  const Token& open = Cur();
  Advance();
  if (!AtVariable()) return ErrorExpected("a variable");
  std::string var = Cur().text;
  Advance();
  DYAD_RETURN_IF_ERROR(Expect(TokenKind::kColon));
  DYAD_ASSIGN_OR_RETURN(idx->label, ParseName("a label"));
  DYAD_RETURN_IF_ERROR(Expect(TokenKind::kRParen));
  if (AtRelStart()) {
    return ErrorAt(open, "Relationship property indexes are not supported: index a node label");
  }
  DYAD_RETURN_IF_ERROR(ExpectKeyword("ON"));
  DYAD_RETURN_IF_ERROR(Expect(TokenKind::kLParen));
  do {
    if (!Cur().IsName() || Cur().text != var) return ErrorExpected("the variable '" + var + "'");
    Advance();
    DYAD_RETURN_IF_ERROR(Expect(TokenKind::kDot));
    DYAD_ASSIGN_OR_RETURN(std::string p, ParseName("a property key"));
    idx->properties.push_back(std::move(p));
  } while (Accept(TokenKind::kComma));
  DYAD_RETURN_IF_ERROR(Expect(TokenKind::kRParen));
  stmt->create_index = std::move(idx);
  return Status::OK();
}

Status Parser::ParseDropIndex(ast::Statement* stmt) {
  auto idx = std::make_unique<ast::DropIndex>();
  idx->pos = CurPos();
  Advance();  // DROP
  Advance();  // INDEX
  if (AcceptKeyword("ON")) {
    DYAD_RETURN_IF_ERROR(ParseIndexLabelAndProperties(&idx->label, &idx->properties));
  } else {
    DYAD_ASSIGN_OR_RETURN(idx->name, ParseName("an index name or ON"));
    if (AcceptKeyword("IF")) {
      DYAD_RETURN_IF_ERROR(ExpectKeyword("EXISTS"));
      idx->if_exists = true;
    }
  }
  stmt->drop_index = std::move(idx);
  return Status::OK();
}

// ---------------------------------------------------------------------------
// Queries

Result<std::unique_ptr<ast::Query>> Parser::ParseQuery() {
  auto query = std::make_unique<ast::Query>();
  query->pos = CurPos();
  while (true) {
    ast::SingleQuery part;
    DYAD_RETURN_IF_ERROR(ParseSingleQuery(&part));
    query->parts.push_back(std::move(part));
    Note("UNION");
    if (!AcceptKeyword("UNION")) break;
    query->union_all.push_back(AcceptKeyword("ALL"));
  }
  return query;
}

bool Parser::AtClauseStart() const {
  static const char* const kStarts[] = {"MATCH", "OPTIONAL", "UNWIND", "WITH",   "RETURN", "CREATE",
                                        "MERGE", "SET",      "REMOVE", "DELETE", "DETACH", "CALL"};
  for (const char* kw : kStarts) {
    if (AtKeyword(kw)) return true;
  }
  return false;
}

Status Parser::ParseSingleQuery(ast::SingleQuery* out) {
  out->pos = CurPos();
  if (!AtClauseStart()) {
    if (AtKeyword("FOREACH") || AtKeyword("LOAD") || AtKeyword("USE")) {
      return ErrorAt(Cur(), "Invalid input '" + Cur().text + "': " + Cur().text + " is not supported");
    }
    return ErrorExpected("a clause (MATCH, RETURN, WITH, UNWIND, CREATE, MERGE, CALL, ...)");
  }
  while (AtClauseStart()) {
    if (++clauses_ > kMaxClauses) return TooLong("Query", kMaxClauses);
    DYAD_ASSIGN_OR_RETURN(ast::ClausePtr clause, ParseClause());
    out->clauses.push_back(std::move(clause));
  }
  Note("a clause");
  // YIELD * is only allowed when the CALL is the whole query.
  for (const ast::ClausePtr& c : out->clauses) {
    if (c->kind() == ast::ClauseKind::kCall && c->As<ast::CallClause>().yield_star && out->clauses.size() > 1) {
      return Status::SyntaxError("YIELD * is only allowed in a standalone procedure call")
          .WithPosition(c->pos.line, c->pos.column);
    }
  }
  return Status::OK();
}

Result<ast::ClausePtr> Parser::ParseClause() {
  if (AtKeyword("MATCH") || AtKeyword("OPTIONAL")) return ParseMatch();
  if (AtKeyword("UNWIND")) return ParseUnwind();
  if (AtKeyword("WITH")) return ParseWith();
  if (AtKeyword("RETURN")) return ParseReturn();
  if (AtKeyword("CREATE")) return ParseCreate();
  if (AtKeyword("MERGE")) return ParseMerge();
  if (AtKeyword("SET")) return ParseSet();
  if (AtKeyword("REMOVE")) return ParseRemove();
  if (AtKeyword("DELETE") || AtKeyword("DETACH")) return ParseDelete();
  if (AtKeyword("CALL")) return ParseCall();
  return ErrorExpected("a clause");
}

Result<ast::ClausePtr> Parser::ParseMatch() {
  auto c = std::make_unique<ast::MatchClause>();
  c->pos = CurPos();
  if (AcceptKeyword("OPTIONAL")) {
    c->optional = true;
    DYAD_RETURN_IF_ERROR(ExpectKeyword("MATCH"));
  } else {
    Advance();  // MATCH
  }
  DYAD_RETURN_IF_ERROR(ParsePattern(&c->pattern));
  // Every part and relationship becomes an operator of one chain.
  size_t elements = 0;
  for (const auto& part : c->pattern) elements += 1 + part.rels.size();
  if (elements > kMaxPatternLength) return TooLong("Pattern", kMaxPatternLength);
  Note("WHERE");
  if (AtKeyword("WHERE")) {
    DYAD_ASSIGN_OR_RETURN(c->where, ParseWhere());
  }
  return ast::ClausePtr(std::move(c));
}

Result<ast::ClausePtr> Parser::ParseUnwind() {
  auto c = std::make_unique<ast::UnwindClause>();
  c->pos = CurPos();
  Advance();  // UNWIND
  DYAD_ASSIGN_OR_RETURN(c->list, ParseExpression());
  DYAD_RETURN_IF_ERROR(ExpectKeyword("AS"));
  DYAD_ASSIGN_OR_RETURN(c->variable, ParseName("a variable name"));
  return ast::ClausePtr(std::move(c));
}

Status Parser::ParseProjectionBody(ast::ProjectionBody* body) {
  body->distinct = AcceptKeyword("DISTINCT");
  bool need_item = true;
  if (Accept(TokenKind::kStar)) {
    body->star = true;
    need_item = Accept(TokenKind::kComma);
  }
  while (need_item) {
    ast::ProjectionItem item;
    item.pos = CurPos();
    size_t first = pos_;
    DYAD_ASSIGN_OR_RETURN(item.expr, ParseExpression());
    item.text = TextSince(first);
    Note("AS");
    if (AcceptKeyword("AS")) {
      DYAD_ASSIGN_OR_RETURN(item.alias, ParseName("an alias"));
    }
    body->items.push_back(std::move(item));
    Note("','");
    need_item = Accept(TokenKind::kComma);
  }
  Note("ORDER BY");
  if (AcceptKeyword("ORDER")) {
    DYAD_RETURN_IF_ERROR(ExpectKeyword("BY"));
    do {
      ast::SortItem s;
      s.pos = CurPos();
      DYAD_ASSIGN_OR_RETURN(s.expr, ParseExpression());
      if (AcceptKeyword("DESC") || AcceptKeyword("DESCENDING")) {
        s.descending = true;
      } else if (AcceptKeyword("ASC") || AcceptKeyword("ASCENDING")) {
        s.descending = false;
      }
      body->order_by.push_back(std::move(s));
    } while (Accept(TokenKind::kComma));
  }
  Note("SKIP");
  if (AcceptKeyword("SKIP")) {
    DYAD_ASSIGN_OR_RETURN(body->skip, ParseExpression());
  }
  Note("LIMIT");
  if (AcceptKeyword("LIMIT")) {
    DYAD_ASSIGN_OR_RETURN(body->limit, ParseExpression());
  }
  return Status::OK();
}

Result<ast::ClausePtr> Parser::ParseWith() {
  auto c = std::make_unique<ast::WithClause>();
  c->pos = CurPos();
  Advance();  // WITH
  DYAD_RETURN_IF_ERROR(ParseProjectionBody(&c->body));
  Note("WHERE");
  if (AtKeyword("WHERE")) {
    DYAD_ASSIGN_OR_RETURN(c->where, ParseWhere());
  }
  return ast::ClausePtr(std::move(c));
}

Result<ast::ClausePtr> Parser::ParseReturn() {
  auto c = std::make_unique<ast::ReturnClause>();
  c->pos = CurPos();
  Advance();  // RETURN
  DYAD_RETURN_IF_ERROR(ParseProjectionBody(&c->body));
  return ast::ClausePtr(std::move(c));
}

Result<ast::ClausePtr> Parser::ParseCreate() {
  auto c = std::make_unique<ast::CreateClause>();
  c->pos = CurPos();
  Advance();  // CREATE
  DYAD_RETURN_IF_ERROR(ParsePattern(&c->pattern));
  return ast::ClausePtr(std::move(c));
}

Result<ast::ClausePtr> Parser::ParseMerge() {
  auto c = std::make_unique<ast::MergeClause>();
  c->pos = CurPos();
  Advance();  // MERGE
  DYAD_RETURN_IF_ERROR(ParsePatternPart(&c->pattern));
  while (true) {
    Note("ON CREATE SET");
    Note("ON MATCH SET");
    if (!AtKeyword("ON")) break;
    ast::MergeAction action;
    action.pos = CurPos();
    Advance();  // ON
    if (AcceptKeyword("CREATE")) {
      action.on_create = true;
    } else if (AcceptKeyword("MATCH")) {
      action.on_create = false;
    } else {
      Note("CREATE");
      return ErrorExpected("MATCH");
    }
    DYAD_RETURN_IF_ERROR(ExpectKeyword("SET"));
    DYAD_RETURN_IF_ERROR(ParseSetItems(&action.items));
    c->actions.push_back(std::move(action));
  }
  return ast::ClausePtr(std::move(c));
}

Status Parser::ParseSetItems(std::vector<ast::SetItem>* items) {
  do {
    ast::SetItem item;
    item.pos = CurPos();
    const Token& start = Cur();
    DYAD_ASSIGN_OR_RETURN(ast::ExprPtr target, ParsePostfix());
    if (target->Is<ast::HasLabelsExpr>()) {
      auto& hl = target->As<ast::HasLabelsExpr>();
      if (!hl.object->Is<ast::VariableExpr>()) return ErrorAt(start, "SET of labels needs a variable: n:Label");
      item.kind = ast::SetItem::Kind::kLabels;
      item.variable = hl.object->As<ast::VariableExpr>().name;
      item.labels = std::move(hl.labels);
    } else if (At(TokenKind::kEq)) {
      if (target->Is<ast::PropertyExpr>()) {
        item.kind = ast::SetItem::Kind::kProperty;
        item.property = std::move(target);
      } else if (target->Is<ast::VariableExpr>()) {
        item.kind = ast::SetItem::Kind::kReplaceProperties;
        item.variable = target->As<ast::VariableExpr>().name;
      } else {
        return ErrorAt(start, "Invalid SET target: expected a property (n.key), a variable or labels (n:Label)");
      }
      Advance();  // =
      DYAD_ASSIGN_OR_RETURN(item.value, ParseExpression());
    } else if (At(TokenKind::kPlusEq)) {
      if (!target->Is<ast::VariableExpr>()) return ErrorAt(start, "'+=' needs a variable on its left: n += {...}");
      item.kind = ast::SetItem::Kind::kMergeProperties;
      item.variable = target->As<ast::VariableExpr>().name;
      Advance();  // +=
      DYAD_ASSIGN_OR_RETURN(item.value, ParseExpression());
    } else {
      Note("'='");
      Note("'+='");
      if (target->Is<ast::VariableExpr>()) Note("':'");
      return ErrorExpected("'.'");
    }
    items->push_back(std::move(item));
  } while (Accept(TokenKind::kComma));
  return Status::OK();
}

Result<ast::ClausePtr> Parser::ParseSet() {
  auto c = std::make_unique<ast::SetClause>();
  c->pos = CurPos();
  Advance();  // SET
  DYAD_RETURN_IF_ERROR(ParseSetItems(&c->items));
  return ast::ClausePtr(std::move(c));
}

Result<ast::ClausePtr> Parser::ParseRemove() {
  auto c = std::make_unique<ast::RemoveClause>();
  c->pos = CurPos();
  Advance();  // REMOVE
  do {
    ast::RemoveItem item;
    item.pos = CurPos();
    const Token& start = Cur();
    DYAD_ASSIGN_OR_RETURN(ast::ExprPtr target, ParsePostfix());
    if (target->Is<ast::HasLabelsExpr>() && target->As<ast::HasLabelsExpr>().object->Is<ast::VariableExpr>()) {
      auto& hl = target->As<ast::HasLabelsExpr>();
      item.kind = ast::RemoveItem::Kind::kLabels;
      item.variable = hl.object->As<ast::VariableExpr>().name;
      item.labels = std::move(hl.labels);
    } else if (target->Is<ast::PropertyExpr>()) {
      item.kind = ast::RemoveItem::Kind::kProperty;
      item.property = std::move(target);
    } else {
      return ErrorAt(start, "Invalid REMOVE item: expected a property (n.key) or labels (n:Label)");
    }
    c->items.push_back(std::move(item));
  } while (Accept(TokenKind::kComma));
  return ast::ClausePtr(std::move(c));
}

Result<ast::ClausePtr> Parser::ParseDelete() {
  auto c = std::make_unique<ast::DeleteClause>();
  c->pos = CurPos();
  if (AcceptKeyword("DETACH")) c->detach = true;
  DYAD_RETURN_IF_ERROR(ExpectKeyword("DELETE"));
  do {
    DYAD_ASSIGN_OR_RETURN(ast::ExprPtr e, ParseExpression());
    c->targets.push_back(std::move(e));
  } while (Accept(TokenKind::kComma));
  return ast::ClausePtr(std::move(c));
}

Result<ast::ClausePtr> Parser::ParseCall() {
  auto c = std::make_unique<ast::CallClause>();
  c->pos = CurPos();
  Advance();  // CALL
  if (At(TokenKind::kLBrace)) return ErrorAt(Cur(), "Invalid input '{': CALL { ... } subqueries are not supported");
  DYAD_ASSIGN_OR_RETURN(c->procedure, ParseName("a procedure name"));
  while (Accept(TokenKind::kDot)) {
    DYAD_ASSIGN_OR_RETURN(std::string part, ParseName("a procedure name"));
    c->procedure += "." + part;
  }
  if (Accept(TokenKind::kLParen)) {
    c->has_arguments = true;
    if (!Accept(TokenKind::kRParen)) {
      do {
        DYAD_ASSIGN_OR_RETURN(ast::ExprPtr arg, ParseExpression());
        c->args.push_back(std::move(arg));
      } while (Accept(TokenKind::kComma));
      DYAD_RETURN_IF_ERROR(Expect(TokenKind::kRParen));
    }
  }
  Note("YIELD");
  if (AcceptKeyword("YIELD")) {
    c->has_yield = true;
    if (Accept(TokenKind::kStar)) {
      c->yield_star = true;
    } else {
      do {
        ast::YieldItem y;
        y.pos = CurPos();
        DYAD_ASSIGN_OR_RETURN(y.field, ParseName("a procedure result field"));
        if (AcceptKeyword("AS")) {
          DYAD_ASSIGN_OR_RETURN(y.alias, ParseName("a variable name"));
        }
        c->yields.push_back(std::move(y));
      } while (Accept(TokenKind::kComma));
    }
    Note("WHERE");
    if (AtKeyword("WHERE")) {
      DYAD_ASSIGN_OR_RETURN(c->where, ParseWhere());
    }
  }
  return ast::ClausePtr(std::move(c));
}

}  // namespace internal
}  // namespace dyad::query
