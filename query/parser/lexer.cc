// The openCypher lexer. See lexer.h.
#include "query/parser/lexer.h"

#include <cctype>
#include <cstdio>
#include <string>

namespace dyad::query {

const char* TokenKindName(TokenKind kind) {
  switch (kind) {
    case TokenKind::kEnd: return "end of input";
    case TokenKind::kIdentifier: return "an identifier";
    case TokenKind::kEscapedIdentifier: return "an identifier";
    case TokenKind::kInteger: return "an integer";
    case TokenKind::kFloat: return "a float";
    case TokenKind::kString: return "a string";
    case TokenKind::kParameter: return "a parameter";
    case TokenKind::kLParen: return "'('";
    case TokenKind::kRParen: return "')'";
    case TokenKind::kLBracket: return "'['";
    case TokenKind::kRBracket: return "']'";
    case TokenKind::kLBrace: return "'{'";
    case TokenKind::kRBrace: return "'}'";
    case TokenKind::kComma: return "','";
    case TokenKind::kDot: return "'.'";
    case TokenKind::kDotDot: return "'..'";
    case TokenKind::kColon: return "':'";
    case TokenKind::kSemicolon: return "';'";
    case TokenKind::kPipe: return "'|'";
    case TokenKind::kPlus: return "'+'";
    case TokenKind::kMinus: return "'-'";
    case TokenKind::kStar: return "'*'";
    case TokenKind::kSlash: return "'/'";
    case TokenKind::kPercent: return "'%'";
    case TokenKind::kCaret: return "'^'";
    case TokenKind::kEq: return "'='";
    case TokenKind::kNeq: return "'<>'";
    case TokenKind::kLt: return "'<'";
    case TokenKind::kGt: return "'>'";
    case TokenKind::kLe: return "'<='";
    case TokenKind::kGe: return "'>='";
    case TokenKind::kRegexMatch: return "'=~'";
    case TokenKind::kPlusEq: return "'+='";
  }
  return "?";
}

bool Token::IsKeyword(std::string_view upper_keyword) const {
  if (kind != TokenKind::kIdentifier || text.size() != upper_keyword.size()) return false;
  for (size_t i = 0; i < text.size(); ++i) {
    if (std::toupper(static_cast<unsigned char>(text[i])) != upper_keyword[i]) return false;
  }
  return true;
}

char32_t DecodeUtf8(std::string_view text, size_t* pos) {
  size_t i = *pos;
  unsigned char c = static_cast<unsigned char>(text[i]);
  int extra = 0;
  char32_t cp = 0;
  if (c < 0x80) {
    *pos = i + 1;
    return c;
  } else if ((c & 0xE0) == 0xC0) {
    extra = 1;
    cp = c & 0x1F;
  } else if ((c & 0xF0) == 0xE0) {
    extra = 2;
    cp = c & 0x0F;
  } else if ((c & 0xF8) == 0xF0) {
    extra = 3;
    cp = c & 0x07;
  } else {
    *pos = i + 1;
    return 0xFFFD;
  }
  if (i + extra >= text.size()) {
    *pos = i + 1;
    return 0xFFFD;
  }
  for (int k = 1; k <= extra; ++k) {
    unsigned char cc = static_cast<unsigned char>(text[i + k]);
    if ((cc & 0xC0) != 0x80) {
      *pos = i + 1;
      return 0xFFFD;
    }
    cp = (cp << 6) | (cc & 0x3F);
  }
  *pos = i + 1 + extra;
  return cp;
}

void AppendUtf8(char32_t cp, std::string* out) {
  if (cp < 0x80) {
    out->push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

namespace {

bool IsAsciiLetter(char32_t c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IsDigit(char32_t c) { return c >= '0' && c <= '9'; }
bool IsHexDigit(char32_t c) {
  return IsDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

// Non-ASCII letters that may appear in identifiers. An approximation of
// Unicode ID_Start without tables: the letter blocks of the common scripts.
bool IsUnicodeLetter(char32_t c) {
  return c == 0xAA || c == 0xB5 || c == 0xBA || (c >= 0xC0 && c <= 0x24F && c != 0xD7 && c != 0xF7) ||
         (c >= 0x250 && c <= 0x2FF) || (c >= 0x370 && c <= 0x1FFF) || (c >= 0x3040 && c <= 0x9FFF) ||
         (c >= 0xAC00 && c <= 0xD7AF) || (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x10000 && c <= 0x1FFFF &&
                                                                         !(c >= 0x1F000 && c <= 0x1FAFF));
}

bool IsIdentStart(char32_t c) { return IsAsciiLetter(c) || c == '_' || (c >= 0x80 && IsUnicodeLetter(c)); }
bool IsIdentPart(char32_t c) { return IsIdentStart(c) || IsDigit(c) || c == '$'; }

// Unicode white space accepted between tokens besides ASCII space/tab/CR/LF.
bool IsUnicodeSpace(char32_t c) {
  return c == 0xA0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 ||
         c == 0x202F || c == 0x205F || c == 0x3000 || c == 0xFEFF || c == 0x0B || c == 0x0C ||
         c == 0x1C || c == 0x1D || c == 0x1E || c == 0x1F;
}

// The lexer's cursor over the text; tracks line and column.
class Lexer {
 public:
  explicit Lexer(std::string_view text) : text_(text) {}

  Result<std::vector<Token>> Run() {
    std::vector<Token> tokens;
    while (true) {
      DYAD_RETURN_IF_ERROR(SkipSpaceAndComments());
      Token tok;
      tok.line = line_;
      tok.column = column_;
      tok.offset = pos_;
      if (pos_ >= text_.size()) {
        tok.kind = TokenKind::kEnd;
        tokens.push_back(std::move(tok));
        return tokens;
      }
      DYAD_RETURN_IF_ERROR(LexToken(&tok));
      tok.length = pos_ - tok.offset;
      tokens.push_back(std::move(tok));
    }
  }

 private:
  // The code point at the cursor (0 at the end) without consuming it.
  char32_t Peek(size_t ahead = 0) const {
    size_t p = pos_;
    char32_t c = 0;
    for (size_t i = 0; i <= ahead; ++i) {
      if (p >= text_.size()) return 0;
      c = DecodeUtf8(text_, &p);
    }
    return c;
  }

  // Consumes one code point and keeps line/column current.
  char32_t Advance() {
    char32_t c = DecodeUtf8(text_, &pos_);
    if (c == '\n') {
      ++line_;
      column_ = 1;
    } else {
      ++column_;
    }
    return c;
  }

  Status ErrorAt(int line, int column, std::string message) const {
    return Status::SyntaxError(std::move(message)).WithPosition(line, column);
  }

  Status SkipSpaceAndComments() {
    while (pos_ < text_.size()) {
      char32_t c = Peek();
      if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || IsUnicodeSpace(c)) {
        Advance();
      } else if (c == '/' && Peek(1) == '/') {
        while (pos_ < text_.size() && Peek() != '\n') Advance();
      } else if (c == '/' && Peek(1) == '*') {
        int line = line_, column = column_;
        Advance();
        Advance();
        while (true) {
          if (pos_ >= text_.size()) return ErrorAt(line, column, "Unterminated comment: missing '*/'");
          if (Peek() == '*' && Peek(1) == '/') {
            Advance();
            Advance();
            break;
          }
          Advance();
        }
      } else {
        break;
      }
    }
    return Status::OK();
  }

  Status LexToken(Token* tok) {
    char32_t c = Peek();
    if (IsDigit(c) || (c == '.' && IsDigit(Peek(1)))) return LexNumber(tok);
    if (IsIdentStart(c)) {
      tok->kind = TokenKind::kIdentifier;
      size_t start = pos_;
      while (pos_ < text_.size() && IsIdentPart(Peek())) Advance();
      tok->text = std::string(text_.substr(start, pos_ - start));
      return Status::OK();
    }
    switch (c) {
      case '\'':
      case '"':
        return LexString(tok);
      case '`':
        tok->kind = TokenKind::kEscapedIdentifier;
        return LexQuotedName(&tok->text);
      case '$': {
        tok->kind = TokenKind::kParameter;
        Advance();
        char32_t n = Peek();
        if (n == '`') return LexQuotedName(&tok->text);
        if (!IsIdentPart(n)) return ErrorAt(tok->line, tok->column, "Invalid input '$': expected a parameter name");
        size_t start = pos_;
        while (pos_ < text_.size() && IsIdentPart(Peek())) Advance();
        tok->text = std::string(text_.substr(start, pos_ - start));
        return Status::OK();
      }
      default:
        break;
    }
    return LexPunctuation(tok);
  }

  Status LexPunctuation(Token* tok) {
    char32_t c = Peek();
    char32_t n = Peek(1);
    auto one = [&](TokenKind k) {
      Advance();
      tok->kind = k;
      return Status::OK();
    };
    auto two = [&](TokenKind k) {
      Advance();
      Advance();
      tok->kind = k;
      return Status::OK();
    };
    switch (c) {
      case '(': return one(TokenKind::kLParen);
      case ')': return one(TokenKind::kRParen);
      case '[': return one(TokenKind::kLBracket);
      case ']': return one(TokenKind::kRBracket);
      case '{': return one(TokenKind::kLBrace);
      case '}': return one(TokenKind::kRBrace);
      case ',': return one(TokenKind::kComma);
      case '.': return n == '.' ? two(TokenKind::kDotDot) : one(TokenKind::kDot);
      case ':': return one(TokenKind::kColon);
      case ';': return one(TokenKind::kSemicolon);
      case '|': return one(TokenKind::kPipe);
      case '+': return n == '=' ? two(TokenKind::kPlusEq) : one(TokenKind::kPlus);
      case '-': return one(TokenKind::kMinus);
      case '*': return one(TokenKind::kStar);
      case '/': return one(TokenKind::kSlash);
      case '%': return one(TokenKind::kPercent);
      case '^': return one(TokenKind::kCaret);
      case '=': return n == '~' ? two(TokenKind::kRegexMatch) : one(TokenKind::kEq);
      case '<':
        if (n == '>') return two(TokenKind::kNeq);
        if (n == '=') return two(TokenKind::kLe);
        return one(TokenKind::kLt);
      case '>': return n == '=' ? two(TokenKind::kGe) : one(TokenKind::kGt);
      case '!':
        if (n == '=') return two(TokenKind::kNeq);
        break;
      default:
        break;
    }
    std::string shown;
    AppendUtf8(c, &shown);
    if (c >= 0x80) {
      return ErrorAt(line_, column_, "Invalid input '" + shown + "': invalid character (U+" + Hex(c) +
                                         ") in query text");
    }
    return ErrorAt(line_, column_, "Invalid input '" + shown + "': unexpected character");
  }

  static std::string Hex(char32_t c) {
    char buf[16];
    snprintf(buf, sizeof buf, "%04X", static_cast<unsigned>(c));
    return buf;
  }

  // Numbers: decimal, 0x hex, 0o octal integers; floats with a fraction
  // and/or an exponent. A letter or digit glued to a number is an error
  // (9223372h54775808, 0x1Z, 1B2c).
  Status LexNumber(Token* tok) {
    size_t start = pos_;
    tok->kind = TokenKind::kInteger;
    auto glued = [&]() {
      return ErrorAt(tok->line, tok->column, "Invalid number literal '" + NumberTail(start) + "'");
    };
    if (Peek() == '0' && (Peek(1) == 'x' || Peek(1) == 'X' || Peek(1) == 'o' || Peek(1) == 'O')) {
      bool hex = Peek(1) == 'x' || Peek(1) == 'X';
      Advance();
      Advance();
      size_t digits = 0;
      while (hex ? IsHexDigit(Peek()) : (Peek() >= '0' && Peek() <= '7')) {
        Advance();
        ++digits;
      }
      if (digits == 0 || IsIdentPart(Peek())) return glued();
      tok->text = std::string(text_.substr(start, pos_ - start));
      return Status::OK();
    }
    while (IsDigit(Peek())) Advance();
    if (Peek() == '.' && IsDigit(Peek(1))) {
      tok->kind = TokenKind::kFloat;
      Advance();
      while (IsDigit(Peek())) Advance();
    }
    if ((Peek() == 'e' || Peek() == 'E') &&
        (IsDigit(Peek(1)) || ((Peek(1) == '-' || Peek(1) == '+') && IsDigit(Peek(2))))) {
      tok->kind = TokenKind::kFloat;
      Advance();
      if (Peek() == '-' || Peek() == '+') Advance();
      while (IsDigit(Peek())) Advance();
    }
    if (IsIdentPart(Peek())) return glued();
    tok->text = std::string(text_.substr(start, pos_ - start));
    return Status::OK();
  }

  // The malformed number from `start` up to the end of its glued letters.
  std::string NumberTail(size_t start) const {
    size_t p = pos_;
    while (p < text_.size()) {
      size_t q = p;
      char32_t c = DecodeUtf8(text_, &q);
      if (!IsIdentPart(c)) break;
      p = q;
    }
    return std::string(text_.substr(start, p - start));
  }

  Status LexString(Token* tok) {
    tok->kind = TokenKind::kString;
    char32_t quote = Advance();
    std::string out;
    while (true) {
      if (pos_ >= text_.size()) return ErrorAt(tok->line, tok->column, "Unterminated string literal");
      int esc_line = line_, esc_column = column_;
      char32_t c = Advance();
      if (c == quote) break;
      if (c != '\\') {
        AppendUtf8(c, &out);
        continue;
      }
      if (pos_ >= text_.size()) return ErrorAt(tok->line, tok->column, "Unterminated string literal");
      char32_t e = Advance();
      switch (e) {
        case '\\': out.push_back('\\'); break;
        case '\'': out.push_back('\''); break;
        case '"': out.push_back('"'); break;
        case 'b': case 'B': out.push_back('\b'); break;
        case 'f': case 'F': out.push_back('\f'); break;
        case 'n': case 'N': out.push_back('\n'); break;
        case 'r': case 'R': out.push_back('\r'); break;
        case 't': case 'T': out.push_back('\t'); break;
        case 'u':
        case 'U': {
          int want = e == 'u' ? 4 : 8;
          char32_t cp = 0;
          for (int i = 0; i < want; ++i) {
            char32_t h = Peek();
            if (!IsHexDigit(h)) {
              return ErrorAt(esc_line, esc_column,
                             std::string("Invalid unicode literal: '\\") + static_cast<char>(e) +
                                 "' must be followed by " + std::to_string(want) + " hexadecimal digits");
            }
            Advance();
            cp = cp * 16 + (IsDigit(h) ? h - '0' : (h | 0x20) - 'a' + 10);
          }
          // Combine a UTF-16 surrogate pair written as two \u escapes.
          if (cp >= 0xD800 && cp <= 0xDBFF && Peek() == '\\' && Peek(1) == 'u') {
            size_t save_pos = pos_;
            int save_line = line_, save_col = column_;
            Advance();
            Advance();
            char32_t lo = 0;
            bool ok = true;
            for (int i = 0; i < 4; ++i) {
              char32_t h = Peek();
              if (!IsHexDigit(h)) {
                ok = false;
                break;
              }
              Advance();
              lo = lo * 16 + (IsDigit(h) ? h - '0' : (h | 0x20) - 'a' + 10);
            }
            if (ok && lo >= 0xDC00 && lo <= 0xDFFF) {
              cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
            } else {
              pos_ = save_pos;
              line_ = save_line;
              column_ = save_col;
            }
          }
          if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
            return ErrorAt(esc_line, esc_column, "Invalid unicode literal: not a valid code point");
          }
          AppendUtf8(cp, &out);
          break;
        }
        default: {
          std::string shown = "\\";
          AppendUtf8(e, &shown);
          return ErrorAt(esc_line, esc_column, "Invalid escape sequence '" + shown + "' in string literal");
        }
      }
    }
    tok->text = std::move(out);
    return Status::OK();
  }

  // A `quoted` name; `` inside stands for one backtick.
  Status LexQuotedName(std::string* out) {
    int line = line_, column = column_;
    Advance();  // opening backtick
    while (true) {
      if (pos_ >= text_.size()) return ErrorAt(line, column, "Unterminated quoted identifier: missing '`'");
      char32_t c = Advance();
      if (c == '`') {
        if (Peek() == '`') {
          Advance();
          out->push_back('`');
          continue;
        }
        return Status::OK();
      }
      AppendUtf8(c, out);
    }
  }

  std::string_view text_;
  size_t pos_ = 0;
  int line_ = 1;
  int column_ = 1;
};

}  // namespace

Result<std::vector<Token>> Tokenize(std::string_view text) { return Lexer(text).Run(); }

}  // namespace dyad::query
