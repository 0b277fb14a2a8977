// String functions: case, trimming, slicing, replace, split, reverse.
// Positions and lengths count Unicode code points, as Cypher does.
#include <locale.h>
#include <wctype.h>

#include <algorithm>
#include <string>

#include "query/functions/function_util.h"

namespace dyad::query::fn {

namespace {

using Args = std::vector<Value>;

// A locale for Unicode case mapping, or null when C.UTF-8 is missing (then
// only ASCII letters change case).
locale_t Utf8Locale() {
  static locale_t loc = newlocale(LC_CTYPE_MASK, "C.UTF-8", static_cast<locale_t>(0));
  return loc;
}

std::string MapCase(const std::string& s, bool upper) {
  locale_t loc = Utf8Locale();
  std::u32string cps = Utf8Decode(s);
  for (char32_t& c : cps) {
    if (c < 0x80 || !loc) {
      if (c < 0x80) c = upper ? std::toupper(static_cast<int>(c)) : std::tolower(static_cast<int>(c));
    } else {
      c = static_cast<char32_t>(upper ? towupper_l(static_cast<wint_t>(c), loc) : towlower_l(static_cast<wint_t>(c), loc));
    }
  }
  return Utf8Encode(cps);
}

// Java's Character.isWhitespace, which Neo4j's trim functions use.
bool IsSpace(char32_t c) {
  return (c >= 0x09 && c <= 0x0d) || (c >= 0x1c && c <= 0x20) || c == 0x1680 || (c >= 0x2000 && c <= 0x2006) ||
         (c >= 0x2008 && c <= 0x200a) || c == 0x2028 || c == 0x2029 || c == 0x205f || c == 0x3000;
}

Result<Value> Trim(const char* name, const Value& v, bool left, bool right) {
  if (v.is_null()) return Value();
  if (!v.is_string()) return ArgTypeError(name, "a String", v);
  std::u32string cps = Utf8Decode(v.as_string());
  size_t b = 0, e = cps.size();
  if (left) while (b < e && IsSpace(cps[b])) ++b;
  if (right) while (e > b && IsSpace(cps[e - 1])) --e;
  return Value(Utf8Encode(std::u32string_view(cps).substr(b, e - b)));
}

Result<Value> ToUpper(const Args& a, FunctionContext&) {
  if (a[0].is_null()) return Value();
  if (!a[0].is_string()) return ArgTypeError("toUpper", "a String", a[0]);
  return Value(MapCase(a[0].as_string(), true));
}

Result<Value> ToLower(const Args& a, FunctionContext&) {
  if (a[0].is_null()) return Value();
  if (!a[0].is_string()) return ArgTypeError("toLower", "a String", a[0]);
  return Value(MapCase(a[0].as_string(), false));
}

Result<Value> TrimFn(const Args& a, FunctionContext&) { return Trim("trim", a[0], true, true); }
Result<Value> LTrim(const Args& a, FunctionContext&) { return Trim("lTrim", a[0], true, false); }
Result<Value> RTrim(const Args& a, FunctionContext&) { return Trim("rTrim", a[0], false, true); }

// Reads a non-negative integer argument (ArgumentError when negative).
Status NonNegative(const char* name, const Value& v, const char* what, int64_t* out) {
  DYAD_RETURN_IF_ERROR(GetInt(name, v, what, out));
  if (*out < 0) return ArgError(name, std::string(what) + " must not be negative, got " + std::to_string(*out));
  return Status::OK();
}

Result<Value> Substring(const Args& a, FunctionContext&) {
  for (const Value& v : a) if (v.is_null()) return Value();
  if (!a[0].is_string()) return ArgTypeError("substring", "a String", a[0]);
  int64_t start, len = INT64_MAX;
  DYAD_RETURN_IF_ERROR(NonNegative("substring", a[1], "start", &start));
  if (a.size() > 2) DYAD_RETURN_IF_ERROR(NonNegative("substring", a[2], "length", &len));
  const std::string& s = a[0].as_string();
  size_t b = Utf8Advance(s, 0, start);
  size_t e = Utf8Advance(s, b, len);
  return Value(s.substr(b, e - b));
}

Result<Value> Left(const Args& a, FunctionContext&) {
  if (a[0].is_null() || a[1].is_null()) return Value();
  if (!a[0].is_string()) return ArgTypeError("left", "a String", a[0]);
  int64_t n;
  DYAD_RETURN_IF_ERROR(NonNegative("left", a[1], "length", &n));
  const std::string& s = a[0].as_string();
  return Value(s.substr(0, Utf8Advance(s, 0, n)));
}

Result<Value> Right(const Args& a, FunctionContext&) {
  if (a[0].is_null() || a[1].is_null()) return Value();
  if (!a[0].is_string()) return ArgTypeError("right", "a String", a[0]);
  int64_t n;
  DYAD_RETURN_IF_ERROR(NonNegative("right", a[1], "length", &n));
  const std::string& s = a[0].as_string();
  int64_t total = Utf8Length(s);
  return Value(s.substr(Utf8Advance(s, 0, std::max<int64_t>(0, total - n))));
}

Result<Value> Replace(const Args& a, FunctionContext&) {
  for (const Value& v : a) if (v.is_null()) return Value();
  for (const Value& v : a) if (!v.is_string()) return ArgTypeError("replace", "String arguments", v);
  const std::string &s = a[0].as_string(), &from = a[1].as_string(), &to = a[2].as_string();
  if (from.empty()) {
    // Java's String.replace("", x) inserts x around every character.
    std::u32string cps = Utf8Decode(s);
    std::string out = to;
    for (char32_t c : cps) {
      Utf8Append(c, &out);
      out += to;
    }
    return Value(std::move(out));
  }
  std::string out;
  size_t pos = 0;
  for (size_t hit; (hit = s.find(from, pos)) != std::string::npos; pos = hit + from.size()) {
    out.append(s, pos, hit - pos);
    out += to;
  }
  out.append(s, pos);
  return Value(std::move(out));
}

// split(s, delimiter) with a String delimiter or a List of them.
Result<Value> Split(const Args& a, FunctionContext&) {
  if (a[0].is_null() || a[1].is_null()) return Value();
  if (!a[0].is_string()) return ArgTypeError("split", "a String", a[0]);
  std::vector<std::string> delims;
  if (a[1].is_string()) {
    delims.push_back(a[1].as_string());
  } else if (a[1].is_list()) {
    for (const Value& d : a[1].as_list()) {
      if (d.is_null()) return Value();
      if (!d.is_string()) return ArgTypeError("split", "String delimiters", d);
      delims.push_back(d.as_string());
    }
  } else {
    return ArgTypeError("split", "a String or List of Strings delimiter", a[1]);
  }
  const std::string& s = a[0].as_string();
  List out;
  bool all_empty = std::all_of(delims.begin(), delims.end(), [](const std::string& d) { return d.empty(); });
  if (all_empty) {
    // An empty delimiter splits into single characters.
    for (char32_t c : Utf8Decode(s)) out.push_back(Value(Utf8Encode(std::u32string(1, c))));
    if (s.empty()) out.push_back(Value(""));
    return Value(std::move(out));
  }
  size_t pos = 0, start = 0;
  while (pos < s.size()) {
    size_t match = 0;
    for (const std::string& d : delims) {
      if (!d.empty() && s.compare(pos, d.size(), d) == 0) {
        match = d.size();
        break;
      }
    }
    if (match) {
      out.push_back(Value(s.substr(start, pos - start)));
      pos += match;
      start = pos;
    } else {
      ++pos;
    }
  }
  out.push_back(Value(s.substr(start)));
  return Value(std::move(out));
}

Result<Value> Reverse(const Args& a, FunctionContext&) {
  if (a[0].is_null()) return Value();
  if (a[0].is_string()) {
    std::u32string cps = Utf8Decode(a[0].as_string());
    std::reverse(cps.begin(), cps.end());
    return Value(Utf8Encode(cps));
  }
  if (a[0].is_list()) {
    List l = a[0].as_list();
    std::reverse(l.begin(), l.end());
    return Value(std::move(l));
  }
  return ArgTypeError("reverse", "a String or List", a[0]);
}

}  // namespace

void AddStringFunctions(std::vector<FunctionDef>* defs) {
  defs->insert(defs->end(), {
                                {"toUpper", 1, 1, ToUpper},
                                {"upper", 1, 1, ToUpper},
                                {"toLower", 1, 1, ToLower},
                                {"lower", 1, 1, ToLower},
                                {"trim", 1, 1, TrimFn},
                                {"lTrim", 1, 1, LTrim},
                                {"rTrim", 1, 1, RTrim},
                                {"substring", 2, 3, Substring},
                                {"left", 2, 2, Left},
                                {"right", 2, 2, Right},
                                {"replace", 3, 3, Replace},
                                {"split", 2, 2, Split},
                                {"reverse", 1, 1, Reverse},
                            });
}

}  // namespace dyad::query::fn
