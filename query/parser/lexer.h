// The lexer: cuts an openCypher text into Tokens.
#pragma once

#include <string_view>
#include <vector>

#include "graph/status.h"
#include "query/parser/token.h"

namespace dyad::query {

// Splits `text` into tokens, skipping whitespace and // and /* */ comments.
// The result always ends with one kEnd token. Errors (an unterminated string
// or comment, a bad escape, a malformed number, a character that cannot start
// a token) are SyntaxErrors carrying the 1-based line and column.
Result<std::vector<Token>> Tokenize(std::string_view text);

// Decodes the UTF-8 code point starting at text[*pos] and advances *pos past
// it; returns U+FFFD (and advances one byte) on malformed input.
char32_t DecodeUtf8(std::string_view text, size_t* pos);

// Appends the UTF-8 encoding of code point `cp` to `out`.
void AppendUtf8(char32_t cp, std::string* out);

}  // namespace dyad::query
