// The parser: graph patterns.
//
//   pattern      := part (',' part)*
//   part         := [name '='] (shortestPath|allShortestPaths '(' chain ')' | chain)
//   chain        := node (rel node)*
//   node         := '(' [name] (':' name)* [map | $param] ')'
//   rel          := ['<'] '-' ['[' [name] [':' name ('|' [':'] name)*]
//                   ['*' [int] ['..' [int]]] [map | $param] ']'] '-' ['>']
#include <utility>

#include "query/parser/parser_impl.h"

namespace dyad::query::internal {

Status Parser::ParsePattern(std::vector<ast::PatternPart>* out) {
  do {
    ast::PatternPart part;
    DYAD_RETURN_IF_ERROR(ParsePatternPart(&part));
    out->push_back(std::move(part));
    Note("','");
  } while (Accept(TokenKind::kComma));
  return Status::OK();
}

Status Parser::ParsePatternPart(ast::PatternPart* out) {
  out->pos = CurPos();
  if (AtVariable() && PeekIs(1, TokenKind::kEq)) {
    out->path_variable = Cur().text;
    Advance();
    Advance();
  }
  bool shortest = AtKeyword("SHORTESTPATH");
  if ((shortest || AtKeyword("ALLSHORTESTPATHS")) && PeekIs(1, TokenKind::kLParen)) {
    out->kind = shortest ? ast::PatternPartKind::kShortest : ast::PatternPartKind::kAllShortest;
    Advance();
    Advance();
    DYAD_RETURN_IF_ERROR(ParsePatternChain(out, false));
    return Expect(TokenKind::kRParen);
  }
  if (!At(TokenKind::kLParen)) return ErrorExpected("a pattern");
  return ParsePatternChain(out, false);
}

Status Parser::ParsePatternChain(ast::PatternPart* out, bool require_rel) {
  ast::NodePattern first;
  DYAD_RETURN_IF_ERROR(ParseNodePattern(&first));
  out->nodes.push_back(std::move(first));
  while (true) {
    Note("a relationship pattern");
    if (!AtRelStart()) break;
    if (out->rels.size() >= kMaxPatternLength) return TooLong("Pattern", kMaxPatternLength);
    ast::RelPattern rel;
    DYAD_RETURN_IF_ERROR(ParseRelPattern(&rel));
    ast::NodePattern node;
    DYAD_RETURN_IF_ERROR(ParseNodePattern(&node));
    out->rels.push_back(std::move(rel));
    out->nodes.push_back(std::move(node));
  }
  if (require_rel && out->rels.empty()) return ErrorExpected("a relationship pattern");
  return Status::OK();
}

bool Parser::AtRelStart() const {
  return At(TokenKind::kMinus) || (At(TokenKind::kLt) && PeekIs(1, TokenKind::kMinus));
}

Status Parser::ParseLabels(std::vector<std::string>* labels) {
  while (Accept(TokenKind::kColon)) {
    DYAD_ASSIGN_OR_RETURN(std::string label, ParseName("a label name"));
    labels->push_back(std::move(label));
  }
  return Status::OK();
}

Result<ast::ExprPtr> Parser::ParsePatternProperties() {
  if (At(TokenKind::kLBrace)) return ParseMapLiteral();
  auto p = std::make_unique<ast::ParameterExpr>();
  p->pos = CurPos();
  p->name = Cur().text;
  Advance();
  return ast::ExprPtr(std::move(p));
}

Status Parser::ParseNodePattern(ast::NodePattern* out) {
  out->pos = CurPos();
  DYAD_RETURN_IF_ERROR(Expect(TokenKind::kLParen));
  if (Cur().IsName()) {
    out->variable = Cur().text;
    Advance();
  }
  DYAD_RETURN_IF_ERROR(ParseLabels(&out->labels));
  if (At(TokenKind::kLBrace) || At(TokenKind::kParameter)) {
    DYAD_ASSIGN_OR_RETURN(out->properties, ParsePatternProperties());
  }
  if (!At(TokenKind::kRParen)) {
    if (out->labels.empty() && !out->properties) {
      if (out->variable.empty()) Note("a variable");
      Note("':'");
    }
    if (!out->properties) Note("'{'");
  }
  return Expect(TokenKind::kRParen);
}

Status Parser::ParseRelPattern(ast::RelPattern* out) {
  out->pos = CurPos();
  bool left = Accept(TokenKind::kLt);
  DYAD_RETURN_IF_ERROR(Expect(TokenKind::kMinus));
  if (Accept(TokenKind::kLBracket)) {
    if (Cur().IsName()) {
      out->variable = Cur().text;
      Advance();
    }
    if (Accept(TokenKind::kColon)) {
      do {
        DYAD_ASSIGN_OR_RETURN(std::string type, ParseName("a relationship type"));
        out->types.push_back(std::move(type));
        Note("'|'");
        if (!At(TokenKind::kPipe)) break;
        Advance();
        Accept(TokenKind::kColon);  // :A|:B is accepted as well as :A|B
      } while (true);
    }
    if (Accept(TokenKind::kStar)) {
      ast::VarLength len;
      Note("an integer");
      Note("'..'");
      if (At(TokenKind::kInteger)) {
        int64_t v = 0;
        if (!IntegerFromText(Cur().text, false, &v)) return ErrorAt(Cur(), "Integer literal is too large");
        len.min = v;
        Advance();
        Note("'..'");
        if (Accept(TokenKind::kDotDot)) {
          Note("an integer");
          if (At(TokenKind::kInteger)) {
            if (!IntegerFromText(Cur().text, false, &v)) return ErrorAt(Cur(), "Integer literal is too large");
            len.max = v;
            Advance();
          }
        } else {
          len.max = len.min;
        }
      } else if (Accept(TokenKind::kDotDot)) {
        Note("an integer");
        if (At(TokenKind::kInteger)) {  // *..3 (`*..` alone is the same as `*`)
          int64_t v = 0;
          if (!IntegerFromText(Cur().text, false, &v)) return ErrorAt(Cur(), "Integer literal is too large");
          len.max = v;
          Advance();
        }
      }
      out->length = len;
    }
    if (At(TokenKind::kLBrace) || At(TokenKind::kParameter)) {
      DYAD_ASSIGN_OR_RETURN(out->properties, ParsePatternProperties());
    }
    if (!At(TokenKind::kRBracket)) {
      if (out->types.empty() && !out->length && !out->properties) Note("':'");
      if (!out->length && !out->properties) Note("'*'");
      if (!out->properties) Note("'{'");
    }
    DYAD_RETURN_IF_ERROR(Expect(TokenKind::kRBracket));
  }
  DYAD_RETURN_IF_ERROR(Expect(TokenKind::kMinus));
  bool right = Accept(TokenKind::kGt);
  if (left && !right) {
    out->direction = ast::RelDirection::kIncoming;
  } else if (right && !left) {
    out->direction = ast::RelDirection::kOutgoing;
  } else {
    out->direction = ast::RelDirection::kBoth;
  }
  return Status::OK();
}

}  // namespace dyad::query::internal
