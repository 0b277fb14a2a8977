#include "query/expr/value_ops.h"

#include <cmath>

#include "query/functions/function_registry.h"

namespace dyad::query {

const char* KindName(const Value& v) {
  switch (v.type()) {
    case ValueType::kNull: return "Null";
    case ValueType::kBool: return "Boolean";
    case ValueType::kInt: return "Integer";
    case ValueType::kFloat: return "Float";
    case ValueType::kString: return "String";
    case ValueType::kList: return "List";
    case ValueType::kMap: return "Map";
    case ValueType::kDate: return "Date";
    case ValueType::kDateTime: return "DateTime";
    case ValueType::kDuration: return "Duration";
    case ValueType::kNode: return "Node";
    case ValueType::kRel: return "Relationship";
    case ValueType::kPath: return "Path";
  }
  return "Unknown";
}

Value CypherEquals(const Value& a, const Value& b) {
  if (a.is_null() || b.is_null()) return Value();
  if (a.is_number() && b.is_number()) {
    if (a.is_int() && b.is_int()) return Value(a.as_int() == b.as_int());
    double x = a.as_number(), y = b.as_number();
    if (a.is_int() != b.is_int()) {
      // Compare exactly: a large int must not equal a float it rounds to.
      long double lx = a.is_int() ? static_cast<long double>(a.as_int()) : a.as_float();
      long double ly = b.is_int() ? static_cast<long double>(b.as_int()) : b.as_float();
      return Value(lx == ly);
    }
    return Value(x == y);
  }
  if (a.type() != b.type()) return Value(false);
  if (a.is_list()) {
    const List &x = a.as_list(), &y = b.as_list();
    if (x.size() != y.size()) return Value(false);
    bool unknown = false;
    for (size_t i = 0; i < x.size(); ++i) {
      Value e = CypherEquals(x[i], y[i]);
      if (e.is_null()) unknown = true;
      else if (!e.as_bool()) return Value(false);
    }
    return unknown ? Value() : Value(true);
  }
  if (a.is_map()) {
    const Map &x = a.as_map(), &y = b.as_map();
    if (x.size() != y.size()) return Value(false);
    bool unknown = false;
    for (auto i = x.begin(), j = y.begin(); i != x.end(); ++i, ++j) {
      if (i->first != j->first) return Value(false);
      Value e = CypherEquals(i->second, j->second);
      if (e.is_null()) unknown = true;
      else if (!e.as_bool()) return Value(false);
    }
    return unknown ? Value() : Value(true);
  }
  if (a.is_float()) return Value(a.as_float() == b.as_float());
  return Value(a == b);
}

std::optional<int> CypherCompare(const Value& a, const Value& b) {
  if (a.is_null() || b.is_null()) return std::nullopt;
  if (a.is_number() && b.is_number()) {
    if ((a.is_float() && std::isnan(a.as_float())) || (b.is_float() && std::isnan(b.as_float()))) return std::nullopt;
    return CompareForOrder(a, b);
  }
  if (a.type() != b.type()) return std::nullopt;
  switch (a.type()) {
    case ValueType::kString:
    case ValueType::kBool:
      return CompareForOrder(a, b);
    case ValueType::kDateTime:
      if (a.as_datetime().kind != b.as_datetime().kind) return std::nullopt;
      return CompareForOrder(a, b);
    case ValueType::kDate:
      return CompareForOrder(a, b);
    case ValueType::kList: {
      const List &x = a.as_list(), &y = b.as_list();
      for (size_t i = 0; i < x.size() && i < y.size(); ++i) {
        auto c = CypherCompare(x[i], y[i]);
        if (!c) return std::nullopt;
        if (*c) return c;
      }
      return x.size() < y.size() ? -1 : (x.size() > y.size() ? 1 : 0);
    }
    default:
      return std::nullopt;
  }
}

namespace {

Status TypeMismatch(const char* op, const Value& a, const Value& b) {
  return Status::TypeError(std::string("cannot apply '") + op + "' to " + KindName(a) + " and " + KindName(b));
}

Status Overflow(const char* op) {
  return Status(Status::Code::kArithmeticError, std::string("integer overflow in '") + op + "'");
}

bool IsTemporal(const Value& v) { return v.is_date() || v.is_datetime() || v.is_duration(); }

}  // namespace

Result<Value> Add(const Value& a, const Value& b) {
  if (a.is_null() || b.is_null()) return Value();
  if (a.is_int() && b.is_int()) {
    int64_t r;
    if (__builtin_add_overflow(a.as_int(), b.as_int(), &r)) return Overflow("+");
    return Value(r);
  }
  if (a.is_number() && b.is_number()) return Value(a.as_number() + b.as_number());
  if (a.is_string() && b.is_string()) return Value(a.as_string() + b.as_string());
  if (a.is_list() || b.is_list()) {
    List out;
    if (a.is_list()) out = a.as_list(); else out.push_back(a);
    if (b.is_list()) out.insert(out.end(), b.as_list().begin(), b.as_list().end()); else out.push_back(b);
    return Value(std::move(out));
  }
  if (a.is_string() && (b.is_number() || b.is_bool()))
    return Value(a.as_string() + (b.is_float() ? FormatFloat(b.as_float()) : b.ToString()));
  if (b.is_string() && (a.is_number() || a.is_bool()))
    return Value((a.is_float() ? FormatFloat(a.as_float()) : a.ToString()) + b.as_string());
  if (IsTemporal(a) || IsTemporal(b)) return TemporalAdd(a, b);
  return TypeMismatch("+", a, b);
}

Result<Value> Subtract(const Value& a, const Value& b) {
  if (a.is_null() || b.is_null()) return Value();
  if (a.is_int() && b.is_int()) {
    int64_t r;
    if (__builtin_sub_overflow(a.as_int(), b.as_int(), &r)) return Overflow("-");
    return Value(r);
  }
  if (a.is_number() && b.is_number()) return Value(a.as_number() - b.as_number());
  if (IsTemporal(a) || IsTemporal(b)) return TemporalSubtract(a, b);
  return TypeMismatch("-", a, b);
}

Result<Value> Multiply(const Value& a, const Value& b) {
  if (a.is_null() || b.is_null()) return Value();
  if (a.is_int() && b.is_int()) {
    int64_t r;
    if (__builtin_mul_overflow(a.as_int(), b.as_int(), &r)) return Overflow("*");
    return Value(r);
  }
  if (a.is_number() && b.is_number()) return Value(a.as_number() * b.as_number());
  if (IsTemporal(a) || IsTemporal(b)) return TemporalMultiply(a, b);
  return TypeMismatch("*", a, b);
}

Result<Value> Divide(const Value& a, const Value& b) {
  if (a.is_null() || b.is_null()) return Value();
  if (a.is_int() && b.is_int()) {
    if (b.as_int() == 0) return Status(Status::Code::kArithmeticError, "/ by zero");
    if (a.as_int() == INT64_MIN && b.as_int() == -1) return Overflow("/");
    return Value(a.as_int() / b.as_int());
  }
  if (a.is_number() && b.is_number()) return Value(a.as_number() / b.as_number());
  if (IsTemporal(a) || IsTemporal(b)) return TemporalDivide(a, b);
  return TypeMismatch("/", a, b);
}

Result<Value> Modulo(const Value& a, const Value& b) {
  if (a.is_null() || b.is_null()) return Value();
  if (a.is_int() && b.is_int()) {
    if (b.as_int() == 0) return Status(Status::Code::kArithmeticError, "/ by zero");
    if (b.as_int() == -1) return Value(int64_t{0});
    return Value(a.as_int() % b.as_int());
  }
  if (a.is_number() && b.is_number()) return Value(std::fmod(a.as_number(), b.as_number()));
  return TypeMismatch("%", a, b);
}

Result<Value> Power(const Value& a, const Value& b) {
  if (a.is_null() || b.is_null()) return Value();
  if (a.is_number() && b.is_number()) return Value(std::pow(a.as_number(), b.as_number()));
  return TypeMismatch("^", a, b);
}

Result<Value> Negate(const Value& a) {
  if (a.is_null()) return Value();
  if (a.is_int()) {
    if (a.as_int() == INT64_MIN) return Overflow("-");
    return Value(-a.as_int());
  }
  if (a.is_float()) return Value(-a.as_float());
  if (a.is_duration()) {
    return Subtract(Value(Duration{}), a);
  }
  return Status::TypeError(std::string("cannot negate ") + KindName(a));
}

}  // namespace dyad::query
