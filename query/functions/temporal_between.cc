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
  // The frame is the wall clock of the first side with a zone (a time or a
  // datetime); a side without one is read in that side's zone, so a named
  // zone's daylight saving time counts.
  const Value* zoned = nullptr;
  for (const Value& v : a) {
    if (!zoned && v.is_datetime() && HasZone(v.as_datetime())) zoned = &v;
  }
  int32_t frame = zoned ? zoned->as_datetime().offset_seconds : 0;
  Zone zone;
  zone.fixed = frame;
  if (zoned && zoned->as_datetime().zone) ParseZone(ZoneName(zoned->as_datetime().zone), &zone);
  auto wall = [&](const Value& v) {
    if (v.is_date()) return LocalDateTime{v.as_date().days, 0};
    DateTime dt = v.as_datetime();
    if (HasZone(dt)) dt.offset_seconds = frame;
    return ToLocal(dt);
  };
  LocalDateTime w[2] = {wall(a[0]), wall(a[1])};
  const int64_t dates[2] = {w[0].days, w[1].days};
  // A time without a date compares times of day only.
  for (const Value& v : a) {
    if (v.is_datetime() && !HasDate(v.as_datetime())) w[0].days = w[1].days = 0;
  }
  for (int i = 0; i < 2; ++i) {
    const Value& v = a[i];
    if (!zoned || (v.is_datetime() && HasZone(v.as_datetime()))) continue;
    LocalDateTime l = w[i];
    l.days = v.is_datetime() && !HasDate(v.as_datetime()) ? dates[1 - i] : dates[i];
    int64_t shift = int64_t{frame - OffsetForLocal(zone, l)} * kNanosPerSecond + w[i].tod;
    w[i].days += FloorDiv(shift, kNanosPerDay);
    w[i].tod = FloorMod(shift, kNanosPerDay);
  }
  *from = w[0];
  *to = w[1];
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

// The time from one wall-clock time to another, as a duration's seconds
// and nanoseconds.
Status TimeUntil(const char*, const LocalDateTime& from, const LocalDateTime& to, Duration* out) {
  int64_t nanos = to.tod - from.tod;
  out->seconds = (to.days - from.days) * kSecondsPerDay + FloorDiv(nanos, kNanosPerSecond);
  out->nanos = static_cast<int32_t>(FloorMod(nanos, kNanosPerSecond));
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
  DYAD_RETURN_IF_ERROR(TimeUntil("duration.between", from, to, &d));
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
  DYAD_RETURN_IF_ERROR(TimeUntil("duration.inSeconds", from, to, &d));
  return Value(d);
}

}  // namespace dyad::query::fn
