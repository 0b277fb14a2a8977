// Value: the dynamically typed value of a property or a query expression.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <variant>
#include <vector>

namespace dyad {

class Value;
using List = std::vector<Value>;
using Map = std::map<std::string, Value>;

// A calendar date, stored as days since 1970-01-01 (proleptic Gregorian).
struct Date {
  int64_t days = 0;
  bool operator==(const Date& o) const { return days == o.days; }
};

// Which of Cypher's four clock-time types a DateTime value is.
enum class TimeKind : uint8_t { kDateTime = 0, kLocalDateTime, kTime, kLocalTime };

// A datetime, localdatetime, time or localtime (see kind). The wall clock is
// seconds + offset_seconds (+ nanos): for kDateTime, seconds counts from the
// epoch in UTC; for the local kinds offset_seconds is 0; for the time kinds
// the wall clock lies within day 0. zone names a tz database zone (see
// graph/temporal.h; 0 = a fixed offset only).
struct DateTime {
  int64_t seconds = 0;
  int32_t nanos = 0;  // [0, 1e9)
  int32_t offset_seconds = 0;
  uint16_t zone = 0;
  TimeKind kind = TimeKind::kDateTime;
  bool operator==(const DateTime& o) const {
    return seconds == o.seconds && nanos == o.nanos && offset_seconds == o.offset_seconds && zone == o.zone &&
           kind == o.kind;
  }
};

// An ISO 8601 duration kept in its three incommensurable parts; the time
// part is seconds plus nanos in [0, 1e9).
struct Duration {
  int64_t months = 0;
  int64_t days = 0;
  int64_t seconds = 0;
  int32_t nanos = 0;
  bool operator==(const Duration& o) const {
    return months == o.months && days == o.days && seconds == o.seconds && nanos == o.nanos;
  }
};

// A reference to a stored node (query values; never stored as a property).
struct NodeRef {
  uint64_t id = 0;
  bool operator==(const NodeRef& o) const { return id == o.id; }
};

// A reference to a stored relationship: its id, its endpoints and, when the
// code that made it knew it (an adjacency key holds it), its type id, so that
// type(r) needs no record read. Ids take 48 bits (they are allocated upwards
// from 1) so that the type fits beside them and Value stays at 32 bytes;
// type ids that do not fit in 16 bits are not carried.
struct RelRef {
  // type_id of a reference that does not carry its type.
  static constexpr uint32_t kUnknownType = 0xffff;

  RelRef() : id(0), type_id(kUnknownType) {}
  RelRef(uint64_t id, uint64_t start, uint64_t end, uint32_t type = kUnknownType)
      : id(id), type_id(type < kUnknownType ? type : kUnknownType), start(start), end(end) {}

  // True when type_id is the relationship's type.
  bool has_type() const { return type_id != kUnknownType; }
  bool operator==(const RelRef& o) const { return id == o.id; }

  uint64_t id : 48;
  uint64_t type_id : 16;
  uint64_t start = 0;
  uint64_t end = 0;
};
static_assert(sizeof(RelRef) == 24, "RelRef must keep Value at 32 bytes");

// An alternating node/relationship sequence: nodes.size() == rels.size() + 1.
struct PathValue {
  std::vector<NodeRef> nodes;
  std::vector<RelRef> rels;
  bool operator==(const PathValue& o) const { return nodes == o.nodes && rels == o.rels; }
};

// The kinds a Value can hold, in the order Cypher sorts them in ORDER BY.
enum class ValueType : uint8_t {
  kMap = 0, kNode, kRel, kList, kPath, kDateTime, kDate, kDuration,
  kString, kBool, kInt, kFloat, kNull,
};

// A Cypher value. Lists and maps are shared and immutable once built, so
// copies are cheap.
class Value {
 public:
  // Null.
  Value() = default;
  Value(std::nullptr_t) {}
  Value(bool b) : v_(b) {}
  Value(int v) : v_(static_cast<int64_t>(v)) {}
  Value(int64_t v) : v_(v) {}
  Value(double v) : v_(v) {}
  Value(const char* s) : v_(std::make_shared<const std::string>(s)) {}
  Value(std::string s) : v_(std::make_shared<const std::string>(std::move(s))) {}
  Value(List l) : v_(std::make_shared<const List>(std::move(l))) {}
  Value(Map m) : v_(std::make_shared<const Map>(std::move(m))) {}
  Value(Date d) : v_(d) {}
  Value(DateTime d) : v_(d) {}
  Value(Duration d) : v_(std::make_shared<const Duration>(d)) {}
  Value(NodeRef n) : v_(n) {}
  Value(RelRef r) : v_(r) {}
  Value(PathValue p) : v_(std::make_shared<const PathValue>(std::move(p))) {}

  // Which kind of value this is.
  ValueType type() const;
  bool is_null() const { return std::holds_alternative<std::monostate>(v_); }
  bool is_bool() const { return std::holds_alternative<bool>(v_); }
  bool is_int() const { return std::holds_alternative<int64_t>(v_); }
  bool is_float() const { return std::holds_alternative<double>(v_); }
  bool is_number() const { return is_int() || is_float(); }
  bool is_string() const { return std::holds_alternative<StrPtr>(v_); }
  bool is_list() const { return std::holds_alternative<ListPtr>(v_); }
  bool is_map() const { return std::holds_alternative<MapPtr>(v_); }
  bool is_date() const { return std::holds_alternative<Date>(v_); }
  bool is_datetime() const { return std::holds_alternative<DateTime>(v_); }
  bool is_duration() const { return std::holds_alternative<DurPtr>(v_); }
  bool is_node() const { return std::holds_alternative<NodeRef>(v_); }
  bool is_rel() const { return std::holds_alternative<RelRef>(v_); }
  bool is_path() const { return std::holds_alternative<PathPtr>(v_); }

  // Accessors; each is only valid for its own kind.
  bool as_bool() const { return std::get<bool>(v_); }
  int64_t as_int() const { return std::get<int64_t>(v_); }
  double as_float() const { return std::get<double>(v_); }
  // The numeric value as a double (int or float).
  double as_number() const { return is_int() ? static_cast<double>(as_int()) : as_float(); }
  const std::string& as_string() const { return *std::get<StrPtr>(v_); }
  const List& as_list() const { return *std::get<ListPtr>(v_); }
  const Map& as_map() const { return *std::get<MapPtr>(v_); }
  Date as_date() const { return std::get<Date>(v_); }
  DateTime as_datetime() const { return std::get<DateTime>(v_); }
  const Duration& as_duration() const { return *std::get<DurPtr>(v_); }
  NodeRef as_node() const { return std::get<NodeRef>(v_); }
  RelRef as_rel() const { return std::get<RelRef>(v_); }
  const PathValue& as_path() const { return *std::get<PathPtr>(v_); }

  // Structural equality (1 == 1.0; NaN equals NaN here; used for grouping
  // and tests). Cypher's three-valued `=` lives in the query module.
  bool operator==(const Value& o) const;
  bool operator!=(const Value& o) const { return !(*this == o); }

  // A debug / Cypher-literal rendering: 'str', [1, 2], {a: 1}, 2017-06-01.
  std::string ToString() const;

 private:
  using StrPtr = std::shared_ptr<const std::string>;
  using ListPtr = std::shared_ptr<const List>;
  using MapPtr = std::shared_ptr<const Map>;
  using PathPtr = std::shared_ptr<const PathValue>;
  using DurPtr = std::shared_ptr<const Duration>;  // keeps Value at 32 bytes
  std::variant<std::monostate, bool, int64_t, double, StrPtr, ListPtr, MapPtr, Date,
               DateTime, DurPtr, NodeRef, RelRef, PathPtr>
      v_;
};

// Total order used by ORDER BY and DISTINCT-like grouping: Cypher's
// orderability (types ordered as ValueType, numbers by value, NaN after
// every other number, null last). Returns <0, 0 or >0.
int CompareForOrder(const Value& a, const Value& b);

// Hash consistent with operator== (1 and 1.0 hash alike).
size_t HashValue(const Value& v);

// Date helpers (proleptic Gregorian). Returns false on an invalid date.
bool DaysFromCivil(int64_t y, int64_t m, int64_t d, int64_t* days);
// Splits days since the epoch into year, month and day.
void CivilFromDays(int64_t days, int64_t* y, int64_t* m, int64_t* d);
// Parses "YYYY", "YYYY-MM" or "YYYY-MM-DD" (also "YYYYMMDD"); false on error.
bool ParseIsoDate(const std::string& s, Date* out);
// Formats a date as YYYY-MM-DD.
std::string FormatDate(Date d);
// Formats any of the four clock-time kinds as the TCK writes them
// (12:31:14.645876123+01:00, 2015-07-21T21:40:32.142+01:00[Europe/London]).
std::string FormatDateTime(DateTime d);
// Formats a duration as ISO 8601 (P1Y2M3DT4.5S; PT0S when zero).
std::string FormatDuration(const Duration& d);
// Formats a double the Cypher way: always with '.' or 'e' (1.0, 2.5e-07).
std::string FormatFloat(double d);

}  // namespace dyad
