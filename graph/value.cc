#include "graph/value.h"

#include "graph/temporal.h"

#include <cmath>
#include <cstdio>
#include <functional>

namespace dyad {

ValueType Value::type() const {
  switch (v_.index()) {
    case 0: return ValueType::kNull;
    case 1: return ValueType::kBool;
    case 2: return ValueType::kInt;
    case 3: return ValueType::kFloat;
    case 4: return ValueType::kString;
    case 5: return ValueType::kList;
    case 6: return ValueType::kMap;
    case 7: return ValueType::kDate;
    case 8: return ValueType::kDateTime;
    case 9: return ValueType::kDuration;
    case 10: return ValueType::kNode;
    case 11: return ValueType::kRel;
    default: return ValueType::kPath;
  }
}

bool Value::operator==(const Value& o) const {
  if (is_number() && o.is_number()) {
    if (is_int() && o.is_int()) return as_int() == o.as_int();
    double a = as_number(), b = o.as_number();
    if (std::isnan(a) && std::isnan(b)) return true;
    return a == b;
  }
  if (type() != o.type()) return false;
  switch (type()) {
    case ValueType::kNull: return true;
    case ValueType::kBool: return as_bool() == o.as_bool();
    case ValueType::kString: return as_string() == o.as_string();
    case ValueType::kList: return as_list() == o.as_list();
    case ValueType::kMap: return as_map() == o.as_map();
    case ValueType::kDate: return as_date() == o.as_date();
    case ValueType::kDateTime: return as_datetime() == o.as_datetime();
    case ValueType::kDuration: return as_duration() == o.as_duration();
    case ValueType::kNode: return as_node() == o.as_node();
    case ValueType::kRel: return as_rel() == o.as_rel();
    case ValueType::kPath: return as_path() == o.as_path();
    default: return false;
  }
}

namespace {

int Sign(int64_t a, int64_t b) { return a < b ? -1 : (a > b ? 1 : 0); }

int CompareNumbers(const Value& a, const Value& b) {
  if (a.is_int() && b.is_int()) return Sign(a.as_int(), b.as_int());
  double x = a.as_number(), y = b.as_number();
  bool nx = std::isnan(x), ny = std::isnan(y);
  if (nx || ny) return nx == ny ? 0 : (nx ? 1 : -1);
  if (x < y) return -1;
  if (x > y) return 1;
  // Equal as doubles: break ties between an int and a float exactly.
  if (a.is_int() != b.is_int()) {
    long double lx = a.is_int() ? static_cast<long double>(a.as_int()) : a.as_float();
    long double ly = b.is_int() ? static_cast<long double>(b.as_int()) : b.as_float();
    return lx < ly ? -1 : (lx > ly ? 1 : 0);
  }
  return 0;
}

}  // namespace

int CompareForOrder(const Value& a, const Value& b) {
  ValueType ta = a.type(), tb = b.type();
  bool na = a.is_number(), nb = b.is_number();
  if (na && nb) return CompareNumbers(a, b);
  if (na) ta = ValueType::kInt;
  if (nb) tb = ValueType::kInt;
  if (ta != tb) return static_cast<int>(ta) < static_cast<int>(tb) ? -1 : 1;
  switch (ta) {
    case ValueType::kNull: return 0;
    case ValueType::kBool: return Sign(a.as_bool(), b.as_bool());
    case ValueType::kString: {
      int c = a.as_string().compare(b.as_string());
      return c < 0 ? -1 : (c > 0 ? 1 : 0);
    }
    case ValueType::kList: {
      const List &x = a.as_list(), &y = b.as_list();
      for (size_t i = 0; i < x.size() && i < y.size(); ++i) {
        int c = CompareForOrder(x[i], y[i]);
        if (c) return c;
      }
      return Sign(x.size(), y.size());
    }
    case ValueType::kMap: {
      const Map &x = a.as_map(), &y = b.as_map();
      auto i = x.begin(), j = y.begin();
      for (; i != x.end() && j != y.end(); ++i, ++j) {
        int c = i->first.compare(j->first);
        if (c) return c < 0 ? -1 : 1;
        c = CompareForOrder(i->second, j->second);
        if (c) return c;
      }
      return Sign(x.size(), y.size());
    }
    case ValueType::kDate: return Sign(a.as_date().days, b.as_date().days);
    case ValueType::kDateTime: {
      DateTime x = a.as_datetime(), y = b.as_datetime();
      if (x.kind != y.kind) return Sign(static_cast<int>(x.kind), static_cast<int>(y.kind));
      return CompareDateTime(x, y);
    }
    case ValueType::kDuration: return CompareDuration(a.as_duration(), b.as_duration());
    case ValueType::kNode: return Sign(a.as_node().id, b.as_node().id);
    case ValueType::kRel: return Sign(a.as_rel().id, b.as_rel().id);
    case ValueType::kPath: {
      const PathValue &x = a.as_path(), &y = b.as_path();
      for (size_t i = 0; i < x.nodes.size() && i < y.nodes.size(); ++i) {
        if (x.nodes[i].id != y.nodes[i].id) return Sign(x.nodes[i].id, y.nodes[i].id);
        if (i < x.rels.size() && i < y.rels.size() && x.rels[i].id != y.rels[i].id)
          return Sign(x.rels[i].id, y.rels[i].id);
      }
      return Sign(x.nodes.size(), y.nodes.size());
    }
    default: return 0;
  }
}

size_t HashValue(const Value& v) {
  auto mix = [](size_t h, size_t x) { return h ^ (x + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2)); };
  switch (v.type()) {
    case ValueType::kNull: return 0x51;
    case ValueType::kBool: return v.as_bool() ? 0x61 : 0x62;
    case ValueType::kInt:
    case ValueType::kFloat: {
      double d = v.as_number();
      if (std::isnan(d)) return 0x7ff8;
      if (v.is_int() && static_cast<double>(v.as_int()) != d) return std::hash<int64_t>()(v.as_int());
      if (d == 0) d = 0;  // -0.0 and 0.0 hash alike
      return std::hash<double>()(d);
    }
    case ValueType::kString: return std::hash<std::string>()(v.as_string());
    case ValueType::kList: {
      size_t h = 0x4c;
      for (const Value& e : v.as_list()) h = mix(h, HashValue(e));
      return h;
    }
    case ValueType::kMap: {
      size_t h = 0x4d;
      for (const auto& [k, e] : v.as_map()) h = mix(mix(h, std::hash<std::string>()(k)), HashValue(e));
      return h;
    }
    case ValueType::kDate: return mix(0xd1, v.as_date().days);
    case ValueType::kDateTime: {
      DateTime d = v.as_datetime();
      return mix(mix(mix(mix(0xd2, d.seconds), d.nanos), d.offset_seconds), static_cast<int>(d.kind));
    }
    case ValueType::kDuration: {
      const Duration& d = v.as_duration();
      return mix(mix(mix(mix(0xd3, d.months), d.days), d.seconds), d.nanos);
    }
    case ValueType::kNode: return mix(0xe1, v.as_node().id);
    case ValueType::kRel: return mix(0xe2, v.as_rel().id);
    case ValueType::kPath: {
      size_t h = 0xe3;
      for (auto n : v.as_path().nodes) h = mix(h, n.id);
      for (auto r : v.as_path().rels) h = mix(h, r.id);
      return h;
    }
  }
  return 0;
}

// Howard Hinnant's civil calendar algorithms.
bool DaysFromCivil(int64_t y, int64_t m, int64_t d, int64_t* days) {
  static const int kMonthDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m < 1 || m > 12 || d < 1 || d > kMonthDays[m - 1]) return false;
  bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  if (m == 2 && d == 29 && !leap) return false;
  if (y < -999999999 || y > 999999999) return false;
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const int64_t yoe = y - era * 400;
  const int64_t doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  *days = era * 146097 + doe - 719468;
  return true;
}

void CivilFromDays(int64_t z, int64_t* y, int64_t* m, int64_t* d) {
  // Split into 400-year eras before moving the epoch to 0000-03-01, so that
  // no day number overflows (a corrupt record may hold any int64).
  int64_t era = z / 146097;
  int64_t doe = z % 146097 + 719468;  // in (573371, 865565)
  era += doe / 146097;
  doe %= 146097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153;
  *d = doy - (153 * mp + 2) / 5 + 1;
  *m = mp < 10 ? mp + 3 : mp - 9;
  *y = yoe + era * 400 + (*m <= 2);
}

bool ParseIsoDate(const std::string& s, Date* out) {
  auto digits = [&](size_t pos, size_t n, int64_t* v) {
    if (pos + n > s.size()) return false;
    *v = 0;
    for (size_t i = pos; i < pos + n; ++i) {
      if (s[i] < '0' || s[i] > '9') return false;
      *v = *v * 10 + (s[i] - '0');
    }
    return true;
  };
  int64_t y = 0, m = 1, d = 1;
  if (!digits(0, 4, &y)) return false;
  if (s.size() == 4) {
  } else if (s.size() == 7 && s[4] == '-') {
    if (!digits(5, 2, &m)) return false;
  } else if (s.size() == 10 && s[4] == '-' && s[7] == '-') {
    if (!digits(5, 2, &m) || !digits(8, 2, &d)) return false;
  } else if (s.size() == 8) {
    if (!digits(4, 2, &m) || !digits(6, 2, &d)) return false;
  } else {
    return false;
  }
  int64_t days;
  if (!DaysFromCivil(y, m, d, &days)) return false;
  out->days = days;
  return true;
}

std::string FormatFloat(double d) {
  if (std::isnan(d)) return "NaN";
  if (std::isinf(d)) return d > 0 ? "Infinity" : "-Infinity";
  char buf[40];
  for (int prec = 15; prec <= 17; ++prec) {
    snprintf(buf, sizeof buf, "%.*g", prec, d);
    if (std::strtod(buf, nullptr) == d) break;
  }
  std::string s = buf;
  if (s.find_first_of(".eE") == std::string::npos) s += ".0";
  return s;
}

namespace {

void AppendQuoted(const std::string& s, std::string* out) {
  out->push_back('\'');
  for (char c : s) {
    if (c == '\'' || c == '\\') out->push_back('\\');
    out->push_back(c);
  }
  out->push_back('\'');
}

}  // namespace

std::string Value::ToString() const {
  std::string out;
  switch (type()) {
    case ValueType::kNull: return "null";
    case ValueType::kBool: return as_bool() ? "true" : "false";
    case ValueType::kInt: return std::to_string(as_int());
    case ValueType::kFloat: return FormatFloat(as_float());
    case ValueType::kString: AppendQuoted(as_string(), &out); return out;
    case ValueType::kList: {
      out = "[";
      bool first = true;
      for (const Value& e : as_list()) {
        if (!first) out += ", ";
        first = false;
        out += e.ToString();
      }
      return out + "]";
    }
    case ValueType::kMap: {
      out = "{";
      bool first = true;
      for (const auto& [k, e] : as_map()) {
        if (!first) out += ", ";
        first = false;
        out += k + ": " + e.ToString();
      }
      return out + "}";
    }
    case ValueType::kDate: return FormatDate(as_date());
    case ValueType::kDateTime: return FormatDateTime(as_datetime());
    case ValueType::kDuration: return FormatDuration(as_duration());
    case ValueType::kNode: return "(#" + std::to_string(as_node().id) + ")";
    case ValueType::kRel: return "[#" + std::to_string(as_rel().id) + "]";
    case ValueType::kPath: {
      const PathValue& p = as_path();
      for (size_t i = 0; i < p.nodes.size(); ++i) {
        out += "(#" + std::to_string(p.nodes[i].id) + ")";
        if (i < p.rels.size()) out += "-[#" + std::to_string(p.rels[i].id) + "]-";
      }
      return "<" + out + ">";
    }
  }
  return out;
}

}  // namespace dyad
