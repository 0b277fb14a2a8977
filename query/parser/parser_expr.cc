// The parser: expressions.
//
// Precedence, loosest first (as the openCypher TCK "precedence" features
// and Neo4j 5 define it):
//   OR
//   XOR
//   AND
//   NOT (prefix)
//   = <> < > <= >=            (chains: a < b < c is a < b AND b < c)
//   =~ STARTS WITH, ENDS WITH, CONTAINS, IN, IS [NOT] NULL
//   + -
//   * / %
//   ^                          (left-associative)
//   unary + -
//   postfix: .key  [i]  [a..b]  :Label
//   atoms
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <utility>

#include "query/parser/parser_impl.h"

namespace dyad::query::internal {

using ast::BinaryOp;
using ast::ExprPtr;

namespace {

// A new binary node positioned at its left operand.
ExprPtr MakeBinary(BinaryOp op, ExprPtr lhs, ExprPtr rhs) {
  auto e = std::make_unique<ast::BinaryExpr>();
  e->pos = lhs->pos;
  e->op = op;
  e->lhs = std::move(lhs);
  e->rhs = std::move(rhs);
  return e;
}

// The comparison operator of a token, if it is one.
bool ComparisonOp(TokenKind kind, BinaryOp* op) {
  switch (kind) {
    case TokenKind::kEq: *op = BinaryOp::kEq; return true;
    case TokenKind::kNeq: *op = BinaryOp::kNeq; return true;
    case TokenKind::kLt: *op = BinaryOp::kLt; return true;
    case TokenKind::kGt: *op = BinaryOp::kGt; return true;
    case TokenKind::kLe: *op = BinaryOp::kLe; return true;
    case TokenKind::kGe: *op = BinaryOp::kGe; return true;
    default: return false;
  }
}

}  // namespace

bool IntegerFromText(std::string_view text, bool negative, int64_t* out) {
  unsigned base = 10;
  size_t i = 0;
  if (text.size() > 1 && text[0] == '0' && (text[1] == 'x' || text[1] == 'X')) {
    base = 16;
    i = 2;
  } else if (text.size() > 1 && text[0] == '0' && (text[1] == 'o' || text[1] == 'O')) {
    base = 8;
    i = 2;
  }
  const uint64_t limit = negative ? (uint64_t{1} << 63) : (uint64_t{1} << 63) - 1;
  uint64_t acc = 0;
  for (; i < text.size(); ++i) {
    char c = text[i];
    unsigned d = c >= '0' && c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
    if (acc > (limit - d) / base) return false;
    acc = acc * base + d;
  }
  *out = negative ? static_cast<int64_t>(-acc) : static_cast<int64_t>(acc);
  return true;
}

Result<ExprPtr> Parser::ParseExpression() {
  DYAD_RETURN_IF_ERROR(EnterNesting());
  Result<ExprPtr> e = ParseOr();
  LeaveNesting();
  return e;
}

Result<ExprPtr> Parser::ParseOr() {
  DYAD_ASSIGN_OR_RETURN(ExprPtr lhs, ParseXor());
  ChainGuard chain(this);
  while (AcceptKeyword("OR")) {
    DYAD_RETURN_IF_ERROR(chain.Link());
    DYAD_ASSIGN_OR_RETURN(ExprPtr rhs, ParseXor());
    lhs = MakeBinary(BinaryOp::kOr, std::move(lhs), std::move(rhs));
  }
  return lhs;
}

Result<ExprPtr> Parser::ParseXor() {
  DYAD_ASSIGN_OR_RETURN(ExprPtr lhs, ParseAnd());
  ChainGuard chain(this);
  while (AcceptKeyword("XOR")) {
    DYAD_RETURN_IF_ERROR(chain.Link());
    DYAD_ASSIGN_OR_RETURN(ExprPtr rhs, ParseAnd());
    lhs = MakeBinary(BinaryOp::kXor, std::move(lhs), std::move(rhs));
  }
  return lhs;
}

Result<ExprPtr> Parser::ParseAnd() {
  DYAD_ASSIGN_OR_RETURN(ExprPtr lhs, ParseNot());
  ChainGuard chain(this);
  while (AcceptKeyword("AND")) {
    DYAD_RETURN_IF_ERROR(chain.Link());
    DYAD_ASSIGN_OR_RETURN(ExprPtr rhs, ParseNot());
    lhs = MakeBinary(BinaryOp::kAnd, std::move(lhs), std::move(rhs));
  }
  return lhs;
}

Result<ExprPtr> Parser::ParseNot() {
  if (!AtKeyword("NOT")) return ParseComparison();
  auto e = std::make_unique<ast::UnaryExpr>();
  e->pos = CurPos();
  e->op = ast::UnaryOp::kNot;
  Advance();
  DYAD_RETURN_IF_ERROR(EnterNesting());
  Result<ExprPtr> operand = ParseNot();
  LeaveNesting();
  if (!operand.ok()) return operand.status();
  e->operand = std::move(operand.value());
  return ExprPtr(std::move(e));
}

Result<ExprPtr> Parser::ParseComparison() {
  DYAD_ASSIGN_OR_RETURN(ExprPtr left, ParsePredicate());
  BinaryOp op;
  ExprPtr result;
  ChainGuard chain(this);
  while (ComparisonOp(Cur().kind, &op)) {
    DYAD_RETURN_IF_ERROR(chain.Link());
    Advance();
    size_t rhs_start = pos_;
    size_t rhs_prev_end = prev_end_;
    DYAD_ASSIGN_OR_RETURN(ExprPtr rhs, ParsePredicate());
    ExprPtr cmp = MakeBinary(op, std::move(left), std::move(rhs));
    result = result ? MakeBinary(BinaryOp::kAnd, std::move(result), std::move(cmp)) : std::move(cmp);
    BinaryOp next;
    if (ComparisonOp(Cur().kind, &next)) {
      // a < b < c: parse b again to get an independent left operand.
      size_t resume = pos_, resume_end = prev_end_;
      reparse_budget_ -= static_cast<int64_t>(resume - rhs_start);
      if (reparse_budget_ < 0) return ErrorAt(Cur(), "Comparison chains are nested too deeply");
      pos_ = rhs_start;
      prev_end_ = rhs_prev_end;
      DYAD_ASSIGN_OR_RETURN(left, ParsePredicate());
      pos_ = resume;
      prev_end_ = resume_end;
    }
  }
  return result ? std::move(result) : std::move(left);
}

Result<ExprPtr> Parser::ParsePredicate() {
  DYAD_ASSIGN_OR_RETURN(ExprPtr lhs, ParseAdditive());
  ChainGuard chain(this);
  while (true) {
    BinaryOp op;
    if (At(TokenKind::kRegexMatch) || AtKeyword("STARTS") || AtKeyword("ENDS") || AtKeyword("CONTAINS") ||
        AtKeyword("IN") || AtKeyword("IS"))
      DYAD_RETURN_IF_ERROR(chain.Link());
    if (At(TokenKind::kRegexMatch)) {
      op = BinaryOp::kRegexMatch;
      Advance();
    } else if (AtKeyword("STARTS") && PeekKeyword(1, "WITH")) {
      op = BinaryOp::kStartsWith;
      Advance();
      Advance();
    } else if (AtKeyword("ENDS") && PeekKeyword(1, "WITH")) {
      op = BinaryOp::kEndsWith;
      Advance();
      Advance();
    } else if (AtKeyword("CONTAINS")) {
      op = BinaryOp::kContains;
      Advance();
    } else if (AtKeyword("IN")) {
      op = BinaryOp::kIn;
      Advance();
    } else if (AtKeyword("IS")) {
      Advance();
      auto e = std::make_unique<ast::IsNullExpr>();
      e->pos = lhs->pos;
      e->negated = AcceptKeyword("NOT");
      if (!e->negated) Note("NOT");
      DYAD_RETURN_IF_ERROR(ExpectKeyword("NULL"));
      e->operand = std::move(lhs);
      lhs = std::move(e);
      continue;
    } else {
      return lhs;
    }
    DYAD_ASSIGN_OR_RETURN(ExprPtr rhs, ParseAdditive());
    lhs = MakeBinary(op, std::move(lhs), std::move(rhs));
  }
}

Result<ExprPtr> Parser::ParseAdditive() {
  DYAD_ASSIGN_OR_RETURN(ExprPtr lhs, ParseMultiplicative());
  ChainGuard chain(this);
  while (At(TokenKind::kPlus) || At(TokenKind::kMinus)) {
    DYAD_RETURN_IF_ERROR(chain.Link());
    BinaryOp op = At(TokenKind::kPlus) ? BinaryOp::kAdd : BinaryOp::kSub;
    Advance();
    DYAD_ASSIGN_OR_RETURN(ExprPtr rhs, ParseMultiplicative());
    lhs = MakeBinary(op, std::move(lhs), std::move(rhs));
  }
  return lhs;
}

Result<ExprPtr> Parser::ParseMultiplicative() {
  DYAD_ASSIGN_OR_RETURN(ExprPtr lhs, ParsePower());
  ChainGuard chain(this);
  while (At(TokenKind::kStar) || At(TokenKind::kSlash) || At(TokenKind::kPercent)) {
    DYAD_RETURN_IF_ERROR(chain.Link());
    BinaryOp op = At(TokenKind::kStar) ? BinaryOp::kMul : At(TokenKind::kSlash) ? BinaryOp::kDiv : BinaryOp::kMod;
    Advance();
    DYAD_ASSIGN_OR_RETURN(ExprPtr rhs, ParsePower());
    lhs = MakeBinary(op, std::move(lhs), std::move(rhs));
  }
  return lhs;
}

Result<ExprPtr> Parser::ParsePower() {
  DYAD_ASSIGN_OR_RETURN(ExprPtr lhs, ParseUnary());
  ChainGuard chain(this);
  while (Accept(TokenKind::kCaret)) {
    DYAD_RETURN_IF_ERROR(chain.Link());
    DYAD_ASSIGN_OR_RETURN(ExprPtr rhs, ParseUnary());
    lhs = MakeBinary(BinaryOp::kPow, std::move(lhs), std::move(rhs));
  }
  return lhs;
}

Result<ExprPtr> Parser::ParseUnary() {
  if (!At(TokenKind::kMinus) && !At(TokenKind::kPlus)) return ParsePostfix();
  const Token& sign = Cur();
  bool minus = At(TokenKind::kMinus);
  // Fold -<number> into a negative literal (so that -9223372036854775808
  // is representable), unless a postfix operator applies to the number.
  if (minus && (PeekIs(1, TokenKind::kInteger) || PeekIs(1, TokenKind::kFloat)) && !PeekIs(2, TokenKind::kDot) &&
      !PeekIs(2, TokenKind::kLBracket) && !PeekIs(2, TokenKind::kColon)) {
    Advance();
    const Token& number = Cur();
    Advance();
    return ParseNumber(number, true, sign);
  }
  auto e = std::make_unique<ast::UnaryExpr>();
  e->pos = CurPos();
  e->op = minus ? ast::UnaryOp::kNegate : ast::UnaryOp::kPlus;
  Advance();
  DYAD_RETURN_IF_ERROR(EnterNesting());
  Result<ExprPtr> operand = ParseUnary();
  LeaveNesting();
  if (!operand.ok()) return operand.status();
  e->operand = std::move(operand.value());
  return ExprPtr(std::move(e));
}

Result<ExprPtr> Parser::ParseNumber(const Token& tok, bool negative, const Token& sign) {
  auto lit = std::make_unique<ast::LiteralExpr>();
  lit->pos = PosOf(sign);
  std::string shown = (negative ? "-" : "") + tok.text;
  if (shown.size() > 40) shown = shown.substr(0, 37) + "...";  // errors quote a 200 KB literal in part
  if (tok.kind == TokenKind::kInteger) {
    int64_t v = 0;
    if (!IntegerFromText(tok.text, negative, &v)) {
      return ErrorAt(sign, "Integer literal '" + shown + "' is too large (IntegerOverflow)");
    }
    lit->value = Value(v);
  } else {
    errno = 0;
    double d = std::strtod(tok.text.c_str(), nullptr);
    if (std::isinf(d)) {
      return ErrorAt(sign, "Floating point literal '" + shown + "' is too large (FloatingPointOverflow)");
    }
    lit->value = Value(negative ? -d : d);
  }
  return ExprPtr(std::move(lit));
}

Result<ExprPtr> Parser::ParsePostfix() {
  DYAD_ASSIGN_OR_RETURN(ExprPtr e, ParseAtom());
  ChainGuard chain(this);
  while (true) {
    ast::Position pos = e->pos;
    if (At(TokenKind::kDot) || At(TokenKind::kLBracket) || At(TokenKind::kColon))
      DYAD_RETURN_IF_ERROR(chain.Link());
    if (Accept(TokenKind::kDot)) {
      auto p = std::make_unique<ast::PropertyExpr>();
      p->pos = pos;
      DYAD_ASSIGN_OR_RETURN(p->key, ParseName("a property key"));
      p->object = std::move(e);
      e = std::move(p);
    } else if (Accept(TokenKind::kLBracket)) {
      ExprPtr from, to;
      bool slice = false;
      if (Accept(TokenKind::kDotDot)) {
        slice = true;
      } else {
        DYAD_ASSIGN_OR_RETURN(from, ParseExpression());
        Note("'..'");
        slice = Accept(TokenKind::kDotDot);
      }
      if (slice && !At(TokenKind::kRBracket)) {
        DYAD_ASSIGN_OR_RETURN(to, ParseExpression());
      }
      DYAD_RETURN_IF_ERROR(Expect(TokenKind::kRBracket));
      if (slice) {
        auto s = std::make_unique<ast::SliceExpr>();
        s->pos = pos;
        s->object = std::move(e);
        s->from = std::move(from);
        s->to = std::move(to);
        e = std::move(s);
      } else {
        auto i = std::make_unique<ast::IndexExpr>();
        i->pos = pos;
        i->object = std::move(e);
        i->index = std::move(from);
        e = std::move(i);
      }
    } else if (At(TokenKind::kColon)) {
      auto h = std::make_unique<ast::HasLabelsExpr>();
      h->pos = pos;
      DYAD_RETURN_IF_ERROR(ParseLabels(&h->labels));
      h->object = std::move(e);
      e = std::move(h);
    } else {
      return e;
    }
  }
}

bool Parser::AtFunctionCall() const {
  if (!Cur().IsName()) return false;
  if (IsReservedWord(Cur()) && !AtKeyword("EXISTS")) return false;
  size_t i = 1;
  while (PeekIs(i, TokenKind::kDot) && Peek(i + 1).IsName()) i += 2;
  return PeekIs(i, TokenKind::kLParen);
}

Result<ExprPtr> Parser::ParseAtom() {
  const Token& tok = Cur();
  switch (tok.kind) {
    case TokenKind::kInteger:
    case TokenKind::kFloat:
      Advance();
      return ParseNumber(tok, false, tok);
    case TokenKind::kString: {
      auto lit = std::make_unique<ast::LiteralExpr>();
      lit->pos = CurPos();
      lit->value = Value(tok.text);
      Advance();
      return ExprPtr(std::move(lit));
    }
    case TokenKind::kParameter: {
      auto p = std::make_unique<ast::ParameterExpr>();
      p->pos = CurPos();
      p->name = tok.text;
      Advance();
      return ExprPtr(std::move(p));
    }
    case TokenKind::kLBracket:
      return ParseBracketAtom();
    case TokenKind::kLBrace:
      return ParseMapLiteral();
    case TokenKind::kLParen:
      return ParseParenthesized();
    case TokenKind::kIdentifier:
    case TokenKind::kEscapedIdentifier:
      break;
    default:
      return ErrorExpected("an expression");
  }
  if (tok.kind == TokenKind::kIdentifier) {
    if (AtKeyword("TRUE") || AtKeyword("FALSE") || AtKeyword("NULL")) {
      auto lit = std::make_unique<ast::LiteralExpr>();
      lit->pos = CurPos();
      if (!AtKeyword("NULL")) lit->value = Value(AtKeyword("TRUE"));
      Advance();
      return ExprPtr(std::move(lit));
    }
    if (AtKeyword("CASE")) return ParseCase();
    if (AtKeyword("COUNT") && PeekIs(1, TokenKind::kLParen) && PeekIs(2, TokenKind::kStar) &&
        PeekIs(3, TokenKind::kRParen)) {
      auto c = std::make_unique<ast::CountStarExpr>();
      c->pos = CurPos();
      for (int i = 0; i < 4; ++i) Advance();
      return ExprPtr(std::move(c));
    }
    if ((AtKeyword("EXISTS") || AtKeyword("COUNT")) && PeekIs(1, TokenKind::kLBrace)) return ParseSubquery();
    if ((AtKeyword("ALL") || AtKeyword("ANY") || AtKeyword("NONE") || AtKeyword("SINGLE")) &&
        PeekIs(1, TokenKind::kLParen) && Peek(2).IsName() && PeekKeyword(3, "IN")) {
      return ParseQuantifier();
    }
    if (AtKeyword("REDUCE") && PeekIs(1, TokenKind::kLParen) && Peek(2).IsName() && PeekIs(3, TokenKind::kEq)) {
      return ParseReduce();
    }
    if ((AtKeyword("SHORTESTPATH") || AtKeyword("ALLSHORTESTPATHS")) && PeekIs(1, TokenKind::kLParen)) {
      return ParseShortestPathExpr();
    }
  }
  if (AtFunctionCall()) return ParseFunctionCall();
  if (IsReservedWord(tok)) return ErrorExpected("an expression");
  if (PeekIs(1, TokenKind::kLBrace)) return ParseMapProjection();
  auto v = std::make_unique<ast::VariableExpr>();
  v->pos = CurPos();
  v->name = tok.text;
  Advance();
  return ExprPtr(std::move(v));
}

Result<ExprPtr> Parser::ParseBracketAtom() {
  // [x IN list ...]: a list comprehension (even without WHERE and '|').
  if (Peek(1).IsName() && !IsReservedWord(Peek(1)) && PeekKeyword(2, "IN")) return ParseListComprehension();
  // [(a)-->(b) | e] or [p = (a)-->(b) WHERE c | e]: a pattern comprehension.
  if (PeekIs(1, TokenKind::kLParen) ||
      (Peek(1).IsName() && PeekIs(2, TokenKind::kEq) && PeekIs(3, TokenKind::kLParen))) {
    DYAD_ASSIGN_OR_RETURN(ExprPtr e, TryParsePatternComprehension());
    if (e) return e;
  }
  return ParseListLiteral();
}

Result<ExprPtr> Parser::ParseListLiteral() {
  auto list = std::make_unique<ast::ListExpr>();
  list->pos = CurPos();
  Advance();  // [
  if (!Accept(TokenKind::kRBracket)) {
    do {
      DYAD_ASSIGN_OR_RETURN(ExprPtr e, ParseExpression());
      list->elements.push_back(std::move(e));
      Note("','");
    } while (Accept(TokenKind::kComma));
    DYAD_RETURN_IF_ERROR(Expect(TokenKind::kRBracket));
  }
  return ExprPtr(std::move(list));
}

Result<ExprPtr> Parser::ParseListComprehension() {
  auto e = std::make_unique<ast::ListComprehensionExpr>();
  e->pos = CurPos();
  Advance();  // [
  DYAD_ASSIGN_OR_RETURN(e->variable, ParseVariable("a variable"));
  DYAD_RETURN_IF_ERROR(ExpectKeyword("IN"));
  DYAD_ASSIGN_OR_RETURN(e->list, ParseExpression());
  Note("WHERE");
  if (AtKeyword("WHERE")) {
    DYAD_ASSIGN_OR_RETURN(e->predicate, ParseWhere());
  }
  Note("'|'");
  if (Accept(TokenKind::kPipe)) {
    DYAD_ASSIGN_OR_RETURN(e->projection, ParseExpression());
  }
  DYAD_RETURN_IF_ERROR(Expect(TokenKind::kRBracket));
  return ExprPtr(std::move(e));
}

Result<ExprPtr> Parser::TryParsePatternComprehension() {
  if (comprehension_failed_[pos_]) return ExprPtr();
  size_t start = pos_;
  SavedState saved = Save();
  auto e = std::make_unique<ast::PatternComprehensionExpr>();
  e->pos = CurPos();
  Advance();  // [
  e->pattern.pos = CurPos();
  if (Cur().IsName() && PeekIs(1, TokenKind::kEq)) {
    e->pattern.path_variable = Cur().text;
    Advance();
    Advance();
  }
  if (!ParsePatternChain(&e->pattern, true).ok() || !(AtKeyword("WHERE") || At(TokenKind::kPipe))) {
    Restore(std::move(saved));
    comprehension_failed_[start] = true;
    return ExprPtr();
  }
  // From here on it is a pattern comprehension: errors are real.
  if (AtKeyword("WHERE")) {
    DYAD_ASSIGN_OR_RETURN(e->predicate, ParseWhere());
  }
  DYAD_RETURN_IF_ERROR(Expect(TokenKind::kPipe));
  DYAD_ASSIGN_OR_RETURN(e->projection, ParseExpression());
  DYAD_RETURN_IF_ERROR(Expect(TokenKind::kRBracket));
  return ExprPtr(std::move(e));
}

Result<ExprPtr> Parser::ParseMapLiteral() {
  auto map = std::make_unique<ast::MapExpr>();
  map->pos = CurPos();
  Advance();  // {
  if (!Accept(TokenKind::kRBrace)) {
    do {
      DYAD_ASSIGN_OR_RETURN(std::string key, ParseName("a map key"));
      DYAD_RETURN_IF_ERROR(Expect(TokenKind::kColon));
      DYAD_ASSIGN_OR_RETURN(ExprPtr value, ParseExpression());
      map->entries.emplace_back(std::move(key), std::move(value));
      Note("','");
    } while (Accept(TokenKind::kComma));
    DYAD_RETURN_IF_ERROR(Expect(TokenKind::kRBrace));
  }
  return ExprPtr(std::move(map));
}

Result<ExprPtr> Parser::ParseMapProjection() {
  auto e = std::make_unique<ast::MapProjectionExpr>();
  e->pos = CurPos();
  e->variable = Cur().text;
  Advance();  // the variable
  Advance();  // {
  if (!Accept(TokenKind::kRBrace)) {
    do {
      ast::MapProjectionItem item;
      item.pos = CurPos();
      if (Accept(TokenKind::kDot)) {
        if (Accept(TokenKind::kStar)) {
          item.kind = ast::MapProjectionItem::Kind::kAllProperties;
        } else {
          Note("'*'");
          item.kind = ast::MapProjectionItem::Kind::kProperty;
          DYAD_ASSIGN_OR_RETURN(item.key, ParseName("a property key"));
        }
      } else if (Cur().IsName() && PeekIs(1, TokenKind::kColon)) {
        item.kind = ast::MapProjectionItem::Kind::kEntry;
        item.key = Cur().text;
        Advance();
        Advance();
        DYAD_ASSIGN_OR_RETURN(item.value, ParseExpression());
      } else if (AtVariable()) {
        item.kind = ast::MapProjectionItem::Kind::kVariable;
        item.key = Cur().text;
        Advance();
      } else {
        Note("'.'");
        return ErrorExpected("a map projection item (.key, .*, key: value or a variable)");
      }
      e->items.push_back(std::move(item));
      Note("','");
    } while (Accept(TokenKind::kComma));
    DYAD_RETURN_IF_ERROR(Expect(TokenKind::kRBrace));
  }
  return ExprPtr(std::move(e));
}

Result<ExprPtr> Parser::ParseParenthesized() {
  if (!pattern_failed_[pos_]) {
    // (a)-[:R]->(b) used as an expression.
    size_t start = pos_;
    SavedState saved = Save();
    auto p = std::make_unique<ast::PatternExpr>();
    p->pos = CurPos();
    p->pattern.pos = p->pos;
    if (ParsePatternChain(&p->pattern, true).ok()) return ExprPtr(std::move(p));
    Restore(std::move(saved));
    pattern_failed_[start] = true;
  }
  Advance();  // (
  DYAD_ASSIGN_OR_RETURN(ExprPtr e, ParseExpression());
  DYAD_RETURN_IF_ERROR(Expect(TokenKind::kRParen));
  return e;
}

Result<ExprPtr> Parser::ParseCase() {
  auto e = std::make_unique<ast::CaseExpr>();
  e->pos = CurPos();
  Advance();  // CASE
  if (!AtKeyword("WHEN")) {
    DYAD_ASSIGN_OR_RETURN(e->subject, ParseExpression());
  }
  while (true) {
    if (e->alternatives.empty()) {
      if (!AtKeyword("WHEN")) return ErrorExpected("WHEN");
    } else {
      Note("WHEN");
    }
    if (!AcceptKeyword("WHEN")) break;
    ast::CaseAlternative alt;
    DYAD_ASSIGN_OR_RETURN(alt.when, ParseExpression());
    DYAD_RETURN_IF_ERROR(ExpectKeyword("THEN"));
    DYAD_ASSIGN_OR_RETURN(alt.then, ParseExpression());
    e->alternatives.push_back(std::move(alt));
  }
  Note("ELSE");
  if (AcceptKeyword("ELSE")) {
    DYAD_ASSIGN_OR_RETURN(e->else_value, ParseExpression());
  }
  DYAD_RETURN_IF_ERROR(ExpectKeyword("END"));
  return ExprPtr(std::move(e));
}

Result<ExprPtr> Parser::ParseFunctionCall() {
  auto f = std::make_unique<ast::FunctionCallExpr>();
  f->pos = CurPos();
  f->name = Cur().text;
  Advance();
  while (Accept(TokenKind::kDot)) {
    f->name += ".";
    f->name += Cur().text;
    Advance();
  }
  Advance();  // (
  f->distinct = AcceptKeyword("DISTINCT");
  if (f->distinct || !Accept(TokenKind::kRParen)) {
    do {
      DYAD_ASSIGN_OR_RETURN(ExprPtr arg, ParseExpression());
      f->args.push_back(std::move(arg));
      Note("','");
    } while (Accept(TokenKind::kComma));
    DYAD_RETURN_IF_ERROR(Expect(TokenKind::kRParen));
  }
  return ExprPtr(std::move(f));
}

Result<ExprPtr> Parser::ParseQuantifier() {
  auto q = std::make_unique<ast::QuantifierExpr>();
  q->pos = CurPos();
  q->quantifier = AtKeyword("ALL")    ? ast::Quantifier::kAll
                  : AtKeyword("ANY")  ? ast::Quantifier::kAny
                  : AtKeyword("NONE") ? ast::Quantifier::kNone
                                      : ast::Quantifier::kSingle;
  Advance();  // all / any / none / single
  Advance();  // (
  DYAD_ASSIGN_OR_RETURN(q->variable, ParseVariable("a variable"));
  Advance();  // IN
  DYAD_ASSIGN_OR_RETURN(q->list, ParseExpression());
  Note("WHERE");
  if (AtKeyword("WHERE")) {
    DYAD_ASSIGN_OR_RETURN(q->predicate, ParseWhere());
  }
  DYAD_RETURN_IF_ERROR(Expect(TokenKind::kRParen));
  return ExprPtr(std::move(q));
}

Result<ExprPtr> Parser::ParseReduce() {
  auto r = std::make_unique<ast::ReduceExpr>();
  r->pos = CurPos();
  Advance();  // reduce
  Advance();  // (
  DYAD_ASSIGN_OR_RETURN(r->accumulator, ParseVariable("an accumulator variable"));
  Advance();  // =
  DYAD_ASSIGN_OR_RETURN(r->init, ParseExpression());
  DYAD_RETURN_IF_ERROR(Expect(TokenKind::kComma));
  DYAD_ASSIGN_OR_RETURN(r->variable, ParseVariable("a variable"));
  DYAD_RETURN_IF_ERROR(ExpectKeyword("IN"));
  DYAD_ASSIGN_OR_RETURN(r->list, ParseExpression());
  DYAD_RETURN_IF_ERROR(Expect(TokenKind::kPipe));
  DYAD_ASSIGN_OR_RETURN(r->expression, ParseExpression());
  DYAD_RETURN_IF_ERROR(Expect(TokenKind::kRParen));
  return ExprPtr(std::move(r));
}

Result<ExprPtr> Parser::ParseSubquery() {
  auto s = std::make_unique<ast::SubqueryExpr>();
  s->pos = CurPos();
  s->subquery_kind = AtKeyword("EXISTS") ? ast::SubqueryExpr::Kind::kExists : ast::SubqueryExpr::Kind::kCount;
  Advance();  // EXISTS / COUNT
  Advance();  // {
  if (AtClauseStart()) {
    DYAD_ASSIGN_OR_RETURN(s->query, ParseQuery());
  } else {
    DYAD_RETURN_IF_ERROR(ParsePattern(&s->pattern));
    Note("WHERE");
    if (AtKeyword("WHERE")) {
      DYAD_ASSIGN_OR_RETURN(s->where, ParseWhere());
    }
  }
  DYAD_RETURN_IF_ERROR(Expect(TokenKind::kRBrace));
  return ExprPtr(std::move(s));
}

Result<ExprPtr> Parser::ParseShortestPathExpr() {
  auto p = std::make_unique<ast::PatternExpr>();
  p->pos = CurPos();
  DYAD_RETURN_IF_ERROR(ParsePatternPart(&p->pattern));
  return ExprPtr(std::move(p));
}

}  // namespace dyad::query::internal
