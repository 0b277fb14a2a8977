// Tokens: the units the lexer cuts an openCypher text into.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace dyad::query {

// What kind of token a Token is.
//
// Keywords are not separate kinds: they arrive as kIdentifier and the parser
// asks Token::IsKeyword(), because most keywords may also be used as names
// (labels, property keys, map keys, function names) where unambiguous.
enum class TokenKind : uint8_t {
  kEnd,                // end of input (always the last token)
  kIdentifier,         // unquoted name or keyword: MATCH, n, toUpper
  kEscapedIdentifier,  // `back ticked` name (text holds the unescaped name)
  kInteger,            // integer literal as written: 42, 0x2A, 0o52
  kFloat,              // float literal as written: 1.5, .5, 1e10
  kString,             // string literal (text holds the unescaped value)
  kParameter,          // $name or $0 (text holds the name without '$')
  kLParen,             // (
  kRParen,             // )
  kLBracket,           // [
  kRBracket,           // ]
  kLBrace,             // {
  kRBrace,             // }
  kComma,              // ,
  kDot,                // .
  kDotDot,             // ..
  kColon,              // :
  kSemicolon,          // ;
  kPipe,               // |
  kPlus,               // +
  kMinus,              // -
  kStar,               // *
  kSlash,              // /
  kPercent,            // %
  kCaret,              // ^
  kEq,                 // =
  kNeq,                // <> (also accepted: !=)
  kLt,                 // <
  kGt,                 // >
  kLe,                 // <=
  kGe,                 // >=
  kRegexMatch,         // =~
  kPlusEq,             // +=
};

// A short human-readable name for a token kind, for error messages ("'('").
const char* TokenKindName(TokenKind kind);

// One token with its place in the source text.
struct Token {
  TokenKind kind = TokenKind::kEnd;
  // For names, strings and parameters the decoded value; for numbers the
  // literal as written; empty for punctuation.
  std::string text;
  int line = 1;         // 1-based line of the first character
  int column = 1;       // 1-based column (in code points) of the first character
  size_t offset = 0;    // byte offset of the first character in the source
  size_t length = 0;    // byte length in the source (0 for kEnd)

  // True for an unquoted identifier spelled like `upper_keyword` in any case
  // (upper_keyword must be upper case, e.g. "MATCH").
  bool IsKeyword(std::string_view upper_keyword) const;
  // True for kIdentifier and kEscapedIdentifier.
  bool IsName() const { return kind == TokenKind::kIdentifier || kind == TokenKind::kEscapedIdentifier; }
};

}  // namespace dyad::query
