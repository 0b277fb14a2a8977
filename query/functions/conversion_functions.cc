// Type conversions: toInteger, toFloat, toBoolean, toString, their OrNull
// variants (null instead of an error for unconvertible kinds) and the List
// variants (element-wise, OrNull semantics).
#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <string>

#include "query/functions/function_util.h"
#include "query/functions/temporal_util.h"

namespace dyad::query::fn {

namespace {

using Args = std::vector<Value>;

// The outcome of one conversion: a value (possibly null) or "wrong kind".
struct Converted {
  bool ok;
  Value value;
};

std::string_view TrimAscii(std::string_view s) {
  while (!s.empty() && static_cast<unsigned char>(s.front()) <= ' ') s.remove_prefix(1);
  while (!s.empty() && static_cast<unsigned char>(s.back()) <= ' ') s.remove_suffix(1);
  return s;
}

// A decimal number: [+-] digits [. digits] [e [+-] digits] (at least one digit
// before or after the point).
bool IsDecimal(std::string_view s) {
  size_t i = 0, digits = 0;
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
  while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) ++i, ++digits;
  if (i < s.size() && s[i] == '.') {
    ++i;
    while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) ++i, ++digits;
  }
  if (digits == 0) return false;
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
    size_t exp = 0;
    while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) ++i, ++exp;
    if (exp == 0) return false;
  }
  return i == s.size();
}

// Java's (long) cast of a double: truncation, NaN to 0, saturation.
int64_t JavaLong(double d) {
  if (std::isnan(d)) return 0;
  if (d >= 9223372036854775807.0) return INT64_MAX;
  if (d <= -9223372036854775808.0) return INT64_MIN;
  return static_cast<int64_t>(d);
}

// String to integer: an integer literal, else a decimal truncated (null when
// it is not a number or does not fit).
Value StringToInteger(const std::string& s) {
  if (!IsDecimal(s)) return Value();
  errno = 0;
  char* end;
  long long v = std::strtoll(s.c_str(), &end, 10);
  if (*end == '\0' && errno == 0) return Value(static_cast<int64_t>(v));
  long double d = std::strtold(s.c_str(), nullptr);
  if (!(d > -9223372036854775809.0L && d < 9223372036854775808.0L)) return Value();
  return Value(static_cast<int64_t>(d));
}

// String to float as Java's Double.parseDouble reads it (surrounding
// whitespace, NaN, Infinity, a trailing d/f type suffix); null otherwise.
Value StringToFloat(const std::string& str) {
  std::string_view s = TrimAscii(str);
  if (!s.empty() && (s.back() == 'd' || s.back() == 'D' || s.back() == 'f' || s.back() == 'F')) s.remove_suffix(1);
  std::string_view body = s;
  bool neg = !body.empty() && body[0] == '-';
  if (!body.empty() && (body[0] == '-' || body[0] == '+')) body.remove_prefix(1);
  if (body == "NaN") return Value(std::nan(""));
  if (body == "Infinity") return Value(neg ? -HUGE_VAL : HUGE_VAL);
  if (!IsDecimal(s)) return Value();
  return Value(std::strtod(std::string(s).c_str(), nullptr));
}

Converted ToInteger(const Value& v) {
  if (v.is_null() || v.is_int()) return {true, v};
  if (v.is_float()) return {true, Value(JavaLong(v.as_float()))};
  if (v.is_bool()) return {true, Value(int64_t{v.as_bool() ? 1 : 0})};
  if (v.is_string()) return {true, StringToInteger(v.as_string())};
  return {false, Value()};
}

Converted ToFloat(const Value& v) {
  if (v.is_null() || v.is_float()) return {true, v};
  if (v.is_int()) return {true, Value(static_cast<double>(v.as_int()))};
  if (v.is_string()) return {true, StringToFloat(v.as_string())};
  return {false, Value()};
}

Converted ToBoolean(const Value& v) {
  if (v.is_null() || v.is_bool()) return {true, v};
  if (v.is_int()) return {true, Value(v.as_int() != 0)};
  if (v.is_string()) {
    std::string s(TrimAscii(v.as_string()));
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
    if (s == "true") return {true, Value(true)};
    if (s == "false") return {true, Value(false)};
    return {true, Value()};
  }
  return {false, Value()};
}

Converted ToStr(const Value& v) {
  switch (v.type()) {
    case ValueType::kNull:
    case ValueType::kString: return {true, v};
    case ValueType::kInt: return {true, Value(std::to_string(v.as_int()))};
    case ValueType::kFloat: return {true, Value(JavaDoubleString(v.as_float()))};
    case ValueType::kBool: return {true, Value(v.as_bool() ? "true" : "false")};
    case ValueType::kDate: return {true, Value(temporal::FormatDate(v.as_date().days))};
    case ValueType::kDateTime: return {true, Value(temporal::FormatDateTime(v.as_datetime()))};
    case ValueType::kDuration: return {true, Value(temporal::FormatDuration(v.as_duration()))};
    default: return {false, Value()};
  }
}

using Converter = Converted (*)(const Value&);

template <Converter C>
Result<Value> Strict(const char* name, const char* expected, const Args& a) {
  Converted c = C(a[0]);
  if (!c.ok) return ArgTypeError(name, expected, a[0]);
  return c.value;
}

template <Converter C>
Result<Value> OrNull(const Args& a, FunctionContext&) {
  return C(a[0]).value;
}

template <Converter C>
Result<Value> ListOf(const char* name, const Args& a) {
  if (a[0].is_null()) return Value();
  if (!a[0].is_list()) return ArgTypeError(name, "a List", a[0]);
  List out;
  out.reserve(a[0].as_list().size());
  for (const Value& e : a[0].as_list()) out.push_back(C(e).value);
  return Value(std::move(out));
}

Result<Value> ToIntegerFn(const Args& a, FunctionContext&) {
  return Strict<ToInteger>("toInteger", "a String, Integer, Float or Boolean", a);
}
Result<Value> ToFloatFn(const Args& a, FunctionContext&) {
  return Strict<ToFloat>("toFloat", "a String, Integer or Float", a);
}
Result<Value> ToBooleanFn(const Args& a, FunctionContext&) {
  return Strict<ToBoolean>("toBoolean", "a String, Integer or Boolean", a);
}
Result<Value> ToStringFn(const Args& a, FunctionContext&) {
  return Strict<ToStr>("toString", "a String, number, Boolean or temporal value", a);
}
Result<Value> ToIntegerList(const Args& a, FunctionContext&) { return ListOf<ToInteger>("toIntegerList", a); }
Result<Value> ToFloatList(const Args& a, FunctionContext&) { return ListOf<ToFloat>("toFloatList", a); }
Result<Value> ToBooleanList(const Args& a, FunctionContext&) { return ListOf<ToBoolean>("toBooleanList", a); }
Result<Value> ToStringList(const Args& a, FunctionContext&) { return ListOf<ToStr>("toStringList", a); }

}  // namespace

void AddConversionFunctions(std::vector<FunctionDef>* defs) {
  defs->insert(defs->end(), {
                                {"toInteger", 1, 1, ToIntegerFn},
                                {"toFloat", 1, 1, ToFloatFn},
                                {"toBoolean", 1, 1, ToBooleanFn},
                                {"toString", 1, 1, ToStringFn},
                                {"toIntegerOrNull", 1, 1, OrNull<ToInteger>},
                                {"toFloatOrNull", 1, 1, OrNull<ToFloat>},
                                {"toBooleanOrNull", 1, 1, OrNull<ToBoolean>},
                                {"toStringOrNull", 1, 1, OrNull<ToStr>},
                                {"toIntegerList", 1, 1, ToIntegerList},
                                {"toFloatList", 1, 1, ToFloatList},
                                {"toBooleanList", 1, 1, ToBooleanList},
                                {"toStringList", 1, 1, ToStringList},
                            });
}

}  // namespace dyad::query::fn
