// UTF-8 decoding and terminal display widths (wcwidth-like, locale-free).
#include <algorithm>

#include "query/result/format_internal.h"
#include "query/result/formatter.h"

namespace dyad::query {

namespace internal {

namespace {

struct Range {
  char32_t first, last;
};

#include "query/result/width_tables.inc"

template <size_t N>
bool InTable(const Range (&table)[N], char32_t c) {
  auto it = std::upper_bound(table, table + N, c, [](char32_t v, const Range& r) { return v < r.first; });
  return it != table && c <= (it - 1)->last;
}

}  // namespace

char32_t NextCodePoint(std::string_view s, size_t* pos) {
  auto byte = [&](size_t i) { return static_cast<unsigned char>(s[i]); };
  size_t p = *pos;
  unsigned char b = byte(p);
  int extra;
  char32_t c;
  if (b < 0x80) {
    *pos = p + 1;
    return b;
  } else if (b >= 0xC2 && b <= 0xDF) {
    extra = 1, c = b & 0x1F;
  } else if (b >= 0xE0 && b <= 0xEF) {
    extra = 2, c = b & 0x0F;
  } else if (b >= 0xF0 && b <= 0xF4) {
    extra = 3, c = b & 0x07;
  } else {
    *pos = p + 1;
    return 0xFFFD;
  }
  if (p + extra >= s.size()) {
    *pos = p + 1;
    return 0xFFFD;
  }
  for (int i = 1; i <= extra; ++i) {
    unsigned char t = byte(p + i);
    if ((t & 0xC0) != 0x80) {
      *pos = p + 1;
      return 0xFFFD;
    }
    c = (c << 6) | (t & 0x3F);
  }
  // Reject overlong forms, surrogates and values above U+10FFFF.
  static const char32_t kMin[] = {0, 0x80, 0x800, 0x10000};
  if (c < kMin[extra] || (c >= 0xD800 && c <= 0xDFFF) || c > 0x10FFFF) {
    *pos = p + 1;
    return 0xFFFD;
  }
  *pos = p + 1 + extra;
  return c;
}

int CodePointWidth(char32_t c) {
  if (c < 0x20 || (c >= 0x7F && c < 0xA0)) return 0;
  if (c < 0x300) return 1;
  if (InTable(kZeroWidth, c)) return 0;
  if (c >= 0x1100 && InTable(kDoubleWidth, c)) return 2;
  return 1;
}

void AppendCodePoint(char32_t c, std::string* out) {
  if (c < 0x80) {
    out->push_back(static_cast<char>(c));
  } else if (c < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (c >> 6)));
    out->push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else if (c < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (c >> 12)));
    out->push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (c >> 18)));
    out->push_back(static_cast<char>(0x80 | ((c >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (c & 0x3F)));
  }
}

}  // namespace internal

int DisplayWidth(const std::string& utf8) {
  int width = 0;
  for (size_t p = 0; p < utf8.size();) width += internal::CodePointWidth(internal::NextCodePoint(utf8, &p));
  return width;
}

}  // namespace dyad::query
