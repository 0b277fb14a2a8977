#include "query/functions/function_util.h"

#include "query/expr/value_ops.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace dyad::query::fn {

// One spelling of kind names for every error message: value_ops' KindName.
const char* KindOf(const Value& v) { return KindName(v); }

Status ArgTypeError(std::string_view fn, std::string_view expected, const Value& got) {
  return Status::TypeError(std::string(fn) + "(): expected " + std::string(expected) + ", got " + KindOf(got));
}

Status ArgError(std::string_view fn, std::string_view what) {
  return Status::ArgumentError(std::string(fn) + "(): " + std::string(what));
}

Status ArithError(std::string_view fn, std::string_view what) {
  return Status(Status::Code::kArithmeticError, std::string(fn) + "(): " + std::string(what));
}

Status GetInt(std::string_view fn, const Value& v, std::string_view what, int64_t* out) {
  if (!v.is_int()) {
    return Status::TypeError(std::string(fn) + "(): " + std::string(what) + " must be an Integer, got " + KindOf(v));
  }
  *out = v.as_int();
  return Status::OK();
}

namespace {

// Length of the UTF-8 sequence starting at s[i], or 0 when it is invalid.
size_t SeqLen(std::string_view s, size_t i) {
  unsigned char c = s[i];
  size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xe ? 3 : (c >> 3) == 0x1e ? 4 : 0;
  if (n == 0 || i + n > s.size()) return 0;
  for (size_t k = 1; k < n; ++k) {
    if ((static_cast<unsigned char>(s[i + k]) & 0xc0) != 0x80) return 0;
  }
  return n;
}

}  // namespace

int64_t Utf8Length(std::string_view s) {
  int64_t n = 0;
  for (size_t i = 0; i < s.size(); ++n) {
    size_t len = SeqLen(s, i);
    i += len ? len : 1;
  }
  return n;
}

size_t Utf8Advance(std::string_view s, size_t pos, int64_t n) {
  while (n > 0 && pos < s.size()) {
    size_t len = SeqLen(s, pos);
    pos += len ? len : 1;
    --n;
  }
  return pos < s.size() ? pos : s.size();
}

std::u32string Utf8Decode(std::string_view s) {
  std::u32string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    size_t len = SeqLen(s, i);
    if (len == 0) {
      out.push_back(0xfffd);
      ++i;
      continue;
    }
    unsigned char c = s[i];
    char32_t cp = len == 1 ? c : len == 2 ? (c & 0x1f) : len == 3 ? (c & 0x0f) : (c & 0x07);
    for (size_t k = 1; k < len; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3f);
    out.push_back(cp);
    i += len;
  }
  return out;
}

void Utf8Append(char32_t c, std::string* out) {
  if (c < 0x80) {
    out->push_back(static_cast<char>(c));
  } else if (c < 0x800) {
    out->push_back(static_cast<char>(0xc0 | (c >> 6)));
    out->push_back(static_cast<char>(0x80 | (c & 0x3f)));
  } else if (c < 0x10000) {
    out->push_back(static_cast<char>(0xe0 | (c >> 12)));
    out->push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3f)));
    out->push_back(static_cast<char>(0x80 | (c & 0x3f)));
  } else {
    out->push_back(static_cast<char>(0xf0 | (c >> 18)));
    out->push_back(static_cast<char>(0x80 | ((c >> 12) & 0x3f)));
    out->push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3f)));
    out->push_back(static_cast<char>(0x80 | (c & 0x3f)));
  }
}

std::string Utf8Encode(std::u32string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char32_t c : s) Utf8Append(c, &out);
  return out;
}

std::string JavaDoubleString(double d) {
  if (std::isnan(d)) return "NaN";
  if (std::isinf(d)) return d > 0 ? "Infinity" : "-Infinity";
  if (d == 0) return std::signbit(d) ? "-0.0" : "0.0";
  // The shortest scientific rendering that reads back as d.
  char buf[40];
  for (int prec = 0; prec <= 16; ++prec) {
    snprintf(buf, sizeof buf, "%.*e", prec, d);
    if (std::strtod(buf, nullptr) == d) break;
  }
  std::string s = buf;
  std::string sign = s[0] == '-' ? "-" : "";
  if (!sign.empty()) s.erase(0, 1);
  size_t epos = s.find('e');
  int exp = std::atoi(s.c_str() + epos + 1);
  std::string digits = s.substr(0, epos);
  if (digits.size() > 1) digits.erase(1, 1);  // drop the '.'
  while (digits.size() > 1 && digits.back() == '0') digits.pop_back();
  double mag = std::fabs(d);
  if (mag >= 1e-3 && mag < 1e7) {
    std::string out;
    if (exp >= 0) {
      while (static_cast<int>(digits.size()) < exp + 1) digits.push_back('0');
      out = digits.substr(0, exp + 1) + ".";
      std::string frac = digits.substr(exp + 1);
      out += frac.empty() ? "0" : frac;
    } else {
      out = "0." + std::string(-exp - 1, '0') + digits;
    }
    return sign + out;
  }
  std::string frac = digits.substr(1);
  return sign + digits.substr(0, 1) + "." + (frac.empty() ? "0" : frac) + "E" + std::to_string(exp);
}

}  // namespace dyad::query::fn
