// Mathematical functions: abs, rounding, sign, roots, logarithms,
// trigonometry, constants and rand().
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>

#include "query/functions/function_util.h"

namespace dyad::query::fn {

namespace {

using Args = std::vector<Value>;

// Reads a numeric argument as a double.
Status GetNumber(const char* name, const Value& v, double* out) {
  if (!v.is_number()) return ArgTypeError(name, "a number", v);
  *out = v.as_number();
  return Status::OK();
}

// A float function of one number: null in, null out.
template <double (*F)(double)>
Result<Value> Unary(const char* name, const Args& a) {
  if (a[0].is_null()) return Value();
  double x = 0;
  DYAD_RETURN_IF_ERROR(GetNumber(name, a[0], &x));
  return Value(F(x));
}

double Cot(double x) { return 1.0 / std::tan(x); }
double Degrees(double x) { return x * 180.0 / M_PI; }
double Radians(double x) { return x * M_PI / 180.0; }
double Haversin(double x) { return (1.0 - std::cos(x)) / 2.0; }
double Sqrt(double x) { return std::sqrt(x); }
double Exp(double x) { return std::exp(x); }
double Log(double x) { return std::log(x); }
double Log10(double x) { return std::log10(x); }
double Sin(double x) { return std::sin(x); }
double Cos(double x) { return std::cos(x); }
double Tan(double x) { return std::tan(x); }
double Asin(double x) { return std::asin(x); }
double Acos(double x) { return std::acos(x); }
double Atan(double x) { return std::atan(x); }
double Ceil(double x) { return std::ceil(x); }
double Floor(double x) { return std::floor(x); }
// Nearest integer, ties towards positive infinity (Java's Math.round).
double RoundHalfUp(double x) {
  if (!std::isfinite(x)) return x;
  double r = std::floor(x);
  return x - r >= 0.5 ? r + 1 : r;
}

#define DYAD_UNARY(Name, fn_name, F) \
  Result<Value> Name(const Args& a, FunctionContext&) { return Unary<F>(fn_name, a); }
DYAD_UNARY(SqrtFn, "sqrt", Sqrt)
DYAD_UNARY(ExpFn, "exp", Exp)
DYAD_UNARY(LogFn, "log", Log)
DYAD_UNARY(Log10Fn, "log10", Log10)
DYAD_UNARY(SinFn, "sin", Sin)
DYAD_UNARY(CosFn, "cos", Cos)
DYAD_UNARY(TanFn, "tan", Tan)
DYAD_UNARY(AsinFn, "asin", Asin)
DYAD_UNARY(AcosFn, "acos", Acos)
DYAD_UNARY(AtanFn, "atan", Atan)
DYAD_UNARY(CotFn, "cot", Cot)
DYAD_UNARY(DegreesFn, "degrees", Degrees)
DYAD_UNARY(RadiansFn, "radians", Radians)
DYAD_UNARY(HaversinFn, "haversin", Haversin)
DYAD_UNARY(CeilFn, "ceil", Ceil)
DYAD_UNARY(FloorFn, "floor", Floor)
#undef DYAD_UNARY

Result<Value> Abs(const Args& a, FunctionContext&) {
  const Value& v = a[0];
  if (v.is_null()) return Value();
  if (v.is_int()) {
    if (v.as_int() == INT64_MIN) return ArithError("abs", "integer overflow");
    return Value(v.as_int() < 0 ? -v.as_int() : v.as_int());
  }
  if (v.is_float()) return Value(std::fabs(v.as_float()));
  return ArgTypeError("abs", "a number", v);
}

Result<Value> Sign(const Args& a, FunctionContext&) {
  const Value& v = a[0];
  if (v.is_null()) return Value();
  if (v.is_int()) return Value(int64_t{v.as_int() > 0 ? 1 : (v.as_int() < 0 ? -1 : 0)});
  if (v.is_float()) return Value(int64_t{v.as_float() > 0 ? 1 : (v.as_float() < 0 ? -1 : 0)});
  return ArgTypeError("sign", "a number", v);
}

Result<Value> Atan2(const Args& a, FunctionContext&) {
  if (a[0].is_null() || a[1].is_null()) return Value();
  double y = 0, x = 0;
  DYAD_RETURN_IF_ERROR(GetNumber("atan2", a[0], &y));
  DYAD_RETURN_IF_ERROR(GetNumber("atan2", a[1], &x));
  return Value(std::atan2(y, x));
}

Result<Value> E(const Args&, FunctionContext&) { return Value(M_E); }
Result<Value> Pi(const Args&, FunctionContext&) { return Value(M_PI); }

Result<Value> Rand(const Args&, FunctionContext&) {
  thread_local std::mt19937_64 gen{std::random_device{}()};
  return Value(std::uniform_real_distribution<double>(0.0, 1.0)(gen));
}

Result<Value> IsNaN(const Args& a, FunctionContext&) {
  if (a[0].is_null()) return Value();
  if (a[0].is_int()) return Value(false);
  if (a[0].is_float()) return Value(std::isnan(a[0].as_float()));
  return ArgTypeError("isNaN", "a number", a[0]);
}

enum class Mode { kUp, kDown, kCeiling, kFloor, kHalfUp, kHalfDown, kHalfEven, kUnnecessary };

bool ParseMode(const std::string& s, Mode* m) {
  static const struct { const char* name; Mode mode; } kModes[] = {
      {"UP", Mode::kUp},           {"DOWN", Mode::kDown},          {"CEILING", Mode::kCeiling},
      {"FLOOR", Mode::kFloor},     {"HALF_UP", Mode::kHalfUp},     {"HALF_DOWN", Mode::kHalfDown},
      {"HALF_EVEN", Mode::kHalfEven}, {"UNNECESSARY", Mode::kUnnecessary},
  };
  for (const auto& e : kModes) {
    if (s == e.name) {
      *m = e.mode;
      return true;
    }
  }
  return false;
}

// Rounds x to `precision` decimal places the way Java's BigDecimal does on
// the shortest decimal rendering of x (so 2.675 rounds HALF_UP to 2.68).
Result<Value> RoundDecimal(double x, int64_t precision, Mode mode) {
  if (!std::isfinite(x) || x == 0) return Value(x);
  if (precision > 400) return Value(x);
  if (precision < -400) precision = -400;
  char buf[40];
  for (int prec = 0; prec <= 16; ++prec) {
    snprintf(buf, sizeof buf, "%.*e", prec, x);
    if (std::strtod(buf, nullptr) == x) break;
  }
  std::string s = buf;
  bool neg = s[0] == '-';
  if (neg) s.erase(0, 1);
  size_t epos = s.find('e');
  int64_t exp = std::atoi(s.c_str() + epos + 1);
  std::string digits = s.substr(0, epos);
  if (digits.size() > 1) digits.erase(1, 1);
  // Keep the digits worth at least 10^-precision.
  int64_t keep = exp + 1 + precision;
  if (keep >= static_cast<int64_t>(digits.size())) return Value(x);
  std::string kept = keep > 0 ? digits.substr(0, keep) : "0";
  std::string rest = keep > 0 ? digits.substr(keep) : std::string(static_cast<size_t>(-keep), '0') + digits;
  bool nonzero = rest.find_first_not_of('0') != std::string::npos;
  int half = rest[0] > '5' || (rest[0] == '5' && rest.find_first_not_of('0', 1) != std::string::npos) ? 1
             : rest[0] == '5'                                                                            ? 0
                                                                                                         : -1;
  bool inc = false;
  switch (mode) {
    case Mode::kUp: inc = nonzero; break;
    case Mode::kDown: inc = false; break;
    case Mode::kCeiling: inc = nonzero && !neg; break;
    case Mode::kFloor: inc = nonzero && neg; break;
    case Mode::kHalfUp: inc = half >= 0; break;
    case Mode::kHalfDown: inc = half > 0; break;
    case Mode::kHalfEven: inc = half > 0 || (half == 0 && (kept.back() - '0') % 2 == 1); break;
    case Mode::kUnnecessary:
      if (nonzero) return ArithError("round", "rounding necessary with mode UNNECESSARY");
      break;
  }
  if (inc) {
    int i = static_cast<int>(kept.size()) - 1;
    for (; i >= 0 && kept[i] == '9'; --i) kept[i] = '0';
    if (i >= 0) ++kept[i]; else kept.insert(kept.begin(), '1');
  }
  std::string out = (neg ? "-" : "") + kept + "e" + std::to_string(-precision);
  double r = std::strtod(out.c_str(), nullptr);
  return Value(r == 0 ? 0.0 : r);
}

// round(x), round(x, precision), round(x, precision, mode).
Result<Value> Round(const Args& a, FunctionContext&) {
  for (const Value& v : a) if (v.is_null()) return Value();
  double x = 0;
  DYAD_RETURN_IF_ERROR(GetNumber("round", a[0], &x));
  if (a.size() == 1) return Value(RoundHalfUp(x));
  int64_t precision;
  DYAD_RETURN_IF_ERROR(GetInt("round", a[1], "precision", &precision));
  Mode mode = Mode::kHalfUp;
  if (a.size() == 3) {
    if (!a[2].is_string()) return ArgTypeError("round", "a String rounding mode", a[2]);
    if (!ParseMode(a[2].as_string(), &mode)) return ArgError("round", "unknown rounding mode '" + a[2].as_string() + "'");
  } else if (precision == 0) {
    return Value(RoundHalfUp(x));  // as Neo4j: round(-1.5, 0) = round(-1.5) = -1.0
  }
  return RoundDecimal(x, precision, mode);
}

}  // namespace

void AddMathFunctions(std::vector<FunctionDef>* defs) {
  defs->insert(defs->end(), {
                                {"abs", 1, 1, Abs},          {"ceil", 1, 1, CeilFn},
                                {"floor", 1, 1, FloorFn},    {"round", 1, 3, Round},
                                {"sign", 1, 1, Sign},        {"sqrt", 1, 1, SqrtFn},
                                {"exp", 1, 1, ExpFn},        {"log", 1, 1, LogFn},
                                {"log10", 1, 1, Log10Fn},    {"e", 0, 0, E},
                                {"pi", 0, 0, Pi},            {"rand", 0, 0, Rand},
                                {"sin", 1, 1, SinFn},        {"cos", 1, 1, CosFn},
                                {"tan", 1, 1, TanFn},        {"cot", 1, 1, CotFn},
                                {"asin", 1, 1, AsinFn},      {"acos", 1, 1, AcosFn},
                                {"atan", 1, 1, AtanFn},      {"atan2", 2, 2, Atan2},
                                {"degrees", 1, 1, DegreesFn}, {"radians", 1, 1, RadiansFn},
                                {"haversin", 1, 1, HaversinFn}, {"isNaN", 1, 1, IsNaN},
                            });
}

}  // namespace dyad::query::fn
