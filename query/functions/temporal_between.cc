// duration.between(a, b), duration.inMonths, duration.inDays and
// duration.inSeconds, following Java's until() as Neo4j uses it: a date is
// read as midnight, and when one side has an offset both sides are compared
// on the wall clock of the first side's offset.
#include "query/functions/function_util.h"
#include "query/functions/temporal_util.h"

namespace dyad::query::fn {

namespace {

using Args = std::vector<Value>;
using namespace temporal;

// Reads both arguments as wall-clock times in a common frame; *null when
// either is null.
Status Frame(const char* name, const Args& a, LocalDateTime* from, LocalDateTime* to, bool* null) {
  *null = a[0].is_null() || a[1].is_null();
  if (*null) return Status::OK();
  for (const Value& v : a) {
    if (!v.is_date() && !v.is_datetime()) return ArgTypeError(name, "a Date or DateTime", v);
  }
  // The zone of the first side that has one (a date takes the other's zone).
  int32_t offset = a[0].is_datetime() ? a[0].as_datetime().offset_seconds
                   : a[1].is_datetime() ? a[1].as_datetime().offset_seconds
                                        : 0;
  auto local = [&](const Value& v) {
    if (v.is_date()) return LocalDateTime{v.as_date().days, 0};
    return ToLocal(DateTime{v.as_datetime().micros, offset});
  };
  *from = local(a[0]);
  *to = local(a[1]);
  return Status::OK();
}

// The end date Java's LocalDateTime.until() compares dates with: one day
// nearer when the time of day has not yet come round.
int64_t EndDate(const LocalDateTime& from, const LocalDateTime& to) {
  if (to.days > from.days && to.tod < from.tod) return to.days - 1;
  if (to.days < from.days && to.tod > from.tod) return to.days + 1;
  return to.days;
}

// Whole months from one wall-clock time to another (rounded towards zero).
int64_t MonthsUntil(const LocalDateTime& from, const LocalDateTime& to) {
  Civil a = ToCivil(from.days), b = ToCivil(EndDate(from, to));
  int64_t pa = (a.year * 12 + a.month - 1) * 32 + a.day, pb = (b.year * 12 + b.month - 1) * 32 + b.day;
  return (pb - pa) / 32;
}

int64_t DaysUntil(const LocalDateTime& from, const LocalDateTime& to) { return EndDate(from, to) - from.days; }

// Microseconds from one wall-clock time to another.
Status MicrosUntil(const char* name, const LocalDateTime& from, const LocalDateTime& to, int64_t* out) {
  __int128 m = static_cast<__int128>(to.days - from.days) * kMicrosPerDay + (to.tod - from.tod);
  if (m > INT64_MAX || m < INT64_MIN) return ArithError(name, "duration out of range");
  *out = static_cast<int64_t>(m);
  return Status::OK();
}

}  // namespace

Result<Value> DurationBetween(const Args& a, FunctionContext&) {
  LocalDateTime from, to;
  bool null;
  DYAD_RETURN_IF_ERROR(Frame("duration.between", a, &from, &to, &null));
  if (null) return Value();
  Duration d;
  d.months = MonthsUntil(from, to);
  if (!PlusMonths(from.days, d.months, &from.days)) return ArithError("duration.between", "date out of range");
  d.days = DaysUntil(from, to);
  from.days += d.days;
  DYAD_RETURN_IF_ERROR(MicrosUntil("duration.between", from, to, &d.micros));
  return Value(d);
}

Result<Value> DurationInMonths(const Args& a, FunctionContext&) {
  LocalDateTime from, to;
  bool null;
  DYAD_RETURN_IF_ERROR(Frame("duration.inMonths", a, &from, &to, &null));
  if (null) return Value();
  Duration d;
  d.months = MonthsUntil(from, to);
  return Value(d);
}

Result<Value> DurationInDays(const Args& a, FunctionContext&) {
  LocalDateTime from, to;
  bool null;
  DYAD_RETURN_IF_ERROR(Frame("duration.inDays", a, &from, &to, &null));
  if (null) return Value();
  Duration d;
  d.days = DaysUntil(from, to);
  return Value(d);
}

Result<Value> DurationInSeconds(const Args& a, FunctionContext&) {
  LocalDateTime from, to;
  bool null;
  DYAD_RETURN_IF_ERROR(Frame("duration.inSeconds", a, &from, &to, &null));
  if (null) return Value();
  Duration d;
  DYAD_RETURN_IF_ERROR(MicrosUntil("duration.inSeconds", from, to, &d.micros));
  return Value(d);
}

}  // namespace dyad::query::fn
