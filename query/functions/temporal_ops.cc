// Temporal component access (d.year, dt.epochMillis, dur.minutes) and
// temporal arithmetic (date/datetime ± duration, duration ± duration,
// duration * / number), with Neo4j's semantics.
#include <cctype>
#include <string>

#include "query/functions/function_registry.h"
#include "query/functions/function_util.h"
#include "query/functions/temporal_util.h"

namespace dyad::query {

namespace {

using namespace temporal;

Status NoSuchField(const Value& v, std::string_view key) {
  return Status::ArgumentError(std::string("no such field on a ") + fn::KindOf(v) + ": " + std::string(key));
}

// Date components shared by dates and datetimes; false when key is not one.
bool DateComponent(int64_t days, const std::string& k, Value* out) {
  Civil c = ToCivil(days);
  int64_t wy, week;
  IsoWeek(days, &wy, &week);
  if (k == "year") *out = Value(c.year);
  else if (k == "quarter") *out = Value(QuarterOf(c.month));
  else if (k == "month") *out = Value(c.month);
  else if (k == "week") *out = Value(week);
  else if (k == "weekyear") *out = Value(wy);
  else if (k == "day") *out = Value(c.day);
  else if (k == "ordinalday") *out = Value(OrdinalDay(days));
  else if (k == "dayofweek" || k == "weekday") *out = Value(DayOfWeek(days));
  else if (k == "dayofquarter" || k == "quarterday") *out = Value(DayOfQuarter(days));
  else return false;
  return true;
}

bool TimeComponent(DateTime dt, const std::string& k, Value* out) {
  int64_t tod = ToLocal(dt).tod, secs = tod / kNanosPerSecond, frac = tod % kNanosPerSecond;
  bool zoned = HasZone(dt), instant = dt.kind == TimeKind::kDateTime;
  if (k == "hour") *out = Value(secs / 3600);
  else if (k == "minute") *out = Value(secs / 60 % 60);
  else if (k == "second") *out = Value(secs % 60);
  else if (k == "millisecond") *out = Value(frac / 1'000'000);
  else if (k == "microsecond") *out = Value(frac / 1000);
  else if (k == "nanosecond") *out = Value(frac);
  else if (zoned && k == "timezone") *out = Value(dt.zone ? ZoneName(dt.zone) : FormatOffset(dt.offset_seconds));
  else if (zoned && k == "offset") *out = Value(FormatOffset(dt.offset_seconds));
  else if (zoned && k == "offsetminutes") *out = Value(int64_t{dt.offset_seconds / 60});
  else if (zoned && k == "offsetseconds") *out = Value(int64_t{dt.offset_seconds});
  else if (instant && k == "epochmillis") *out = Value(dt.seconds * 1000 + dt.nanos / 1'000'000);
  else if (instant && k == "epochseconds") *out = Value(dt.seconds);
  else return false;
  return true;
}

bool DurationComponent(const Duration& d, const std::string& k, Value* out) {
  int64_t m = d.months, s = DurationSeconds(d), n = DurationNanos(d);
  if (k == "years") *out = Value(m / 12);
  else if (k == "quarters") *out = Value(m / 3);
  else if (k == "months") *out = Value(m);
  else if (k == "monthsofyear") *out = Value(m % 12);
  else if (k == "monthsofquarter") *out = Value(m % 3);
  else if (k == "quartersofyear") *out = Value(m / 3 % 4);
  else if (k == "weeks") *out = Value(d.days / 7);
  else if (k == "days") *out = Value(d.days);
  else if (k == "daysofweek") *out = Value(d.days % 7);
  else if (k == "hours") *out = Value(s / 3600);
  else if (k == "minutes") *out = Value(s / 60);
  else if (k == "minutesofhour") *out = Value(s / 60 % 60);
  else if (k == "seconds") *out = Value(s);
  else if (k == "secondsofminute") *out = Value(s % 60);
  else if (k == "milliseconds") *out = Value(s * 1000 + n / 1'000'000);
  else if (k == "millisecondsofsecond") *out = Value(n / 1'000'000);
  else if (k == "microseconds") *out = Value(s * 1'000'000 + n / 1000);
  else if (k == "microsecondsofsecond") *out = Value(n / 1000);
  else if (k == "nanoseconds") *out = Value(s * 1'000'000'000 + n);
  else if (k == "nanosecondsofsecond") *out = Value(n);
  else return false;
  return true;
}

Status ArithOverflow(const char* op) {
  return Status(Status::Code::kArithmeticError, std::string("temporal value out of range in '") + op + "'");
}

Status BadOperands(const char* op, const Value& a, const Value& b) {
  return Status::TypeError(std::string("cannot apply '") + op + "' to " + fn::KindOf(a) + " and " + fn::KindOf(b));
}

// sign * d, false when that overflows.
bool Signed(Duration d, int sign, Duration* out) {
  *out = d;
  if (sign > 0) return true;
  int64_t carry = d.nanos > 0;
  out->nanos = d.nanos > 0 ? static_cast<int32_t>(kNanosPerSecond - d.nanos) : 0;
  return !__builtin_sub_overflow(0, d.months, &out->months) && !__builtin_sub_overflow(0, d.days, &out->days) &&
         !__builtin_sub_overflow(-carry, d.seconds, &out->seconds);
}

// Adds seconds and nanoseconds to a wall clock, carrying into days.
void AddTime(LocalDateTime* l, int64_t seconds, int64_t nanos) {
  int64_t t = l->tod + FloorMod(seconds, kSecondsPerDay) * kNanosPerSecond + nanos;
  l->days += FloorDiv(seconds, kSecondsPerDay) + FloorDiv(t, kNanosPerDay);
  l->tod = FloorMod(t, kNanosPerDay);
}

// date + sign * duration: months, then days, then whole days of the time.
Result<Value> ShiftDate(Date date, const Duration& dur, int sign, const char* op) {
  Duration d;
  if (!Signed(dur, sign, &d)) return ArithOverflow(op);
  // Whole days of the time part count, truncated towards zero as Java does.
  int64_t days, time_days = dur.seconds / kSecondsPerDay;
  if (!PlusMonths(date.days, d.months, &days) || __builtin_add_overflow(days, d.days, &days) ||
      __builtin_add_overflow(days, sign * time_days, &days) || !DaysInRange(days)) {
    return ArithOverflow(op);
  }
  return Value(Date{days});
}

// datetime + sign * duration: months and days on the wall clock, then the
// time part on the instant.
Result<Value> ShiftDateTime(DateTime dt, const Duration& dur, int sign, const char* op) {
  Duration d;
  if (!Signed(dur, sign, &d)) return ArithOverflow(op);
  LocalDateTime l = ToLocal(dt);
  if (!HasDate(dt)) {
    AddTime(&l, d.seconds, d.nanos);
    return Value(MakeClock(dt.kind, l, dt.offset_seconds));
  }
  if (!PlusMonths(l.days, d.months, &l.days) || __builtin_add_overflow(l.days, d.days, &l.days) ||
      !DaysInRange(l.days)) {
    return ArithOverflow(op);
  }
  AddTime(&l, d.seconds, d.nanos);
  if (dt.kind == TimeKind::kLocalDateTime) return Value(MakeClock(dt.kind, l));
  DateTime out;
  if (!FromLocal(l, dt.offset_seconds, &out)) return ArithOverflow(op);
  out.zone = dt.zone;
  if (dt.zone) {
    // A named zone keeps its wall clock rules: re-resolve the offset.
    Zone zone;
    if (ParseZone(ZoneName(dt.zone), &zone).ok() && !FromLocalInZone(l, zone, &out)) return ArithOverflow(op);
  }
  return Value(out);
}

Result<Value> CombineDurations(const Duration& a, const Duration& b, int sign, const char* op) {
  Duration r, sb;
  if (!Signed(b, sign, &sb) || __builtin_add_overflow(a.months, sb.months, &r.months) ||
      __builtin_add_overflow(a.days, sb.days, &r.days) || __builtin_add_overflow(a.seconds, sb.seconds, &r.seconds)) {
    return ArithOverflow(op);
  }
  int64_t n = int64_t{a.nanos} + sb.nanos;
  r.nanos = static_cast<int32_t>(n % kNanosPerSecond);
  if (__builtin_add_overflow(r.seconds, n / kNanosPerSecond, &r.seconds)) return ArithOverflow(op);
  return Value(r);
}

Result<Value> Scale(const Duration& d, const Value& factor, bool divide, const char* op) {
  if (!divide && factor.is_int()) {
    int64_t f = factor.as_int();
    Duration r;
    if (__builtin_mul_overflow(d.months, f, &r.months) || __builtin_mul_overflow(d.days, f, &r.days)) {
      return ArithOverflow(op);
    }
    __int128 t = (static_cast<__int128>(d.seconds) * kNanosPerSecond + d.nanos) * f;
    __int128 s = t / kNanosPerSecond, n = t % kNanosPerSecond;
    if (n < 0) {
      n += kNanosPerSecond;
      --s;
    }
    if (s > INT64_MAX || s < INT64_MIN) return ArithOverflow(op);
    r.seconds = static_cast<int64_t>(s);
    r.nanos = static_cast<int32_t>(n);
    return Value(r);
  }
  double f = factor.as_number();
  if (divide && f == 0) return Status(Status::Code::kArithmeticError, "division of a duration by zero");
  double m = static_cast<double>(d.months), days = static_cast<double>(d.days);
  double s = static_cast<double>(DurationSeconds(d)), n = static_cast<double>(DurationNanos(d));
  auto r = divide ? ApproximateDuration(m / f, days / f, s / f, n / f) : ApproximateDuration(m * f, days * f, s * f, n * f);
  if (!r.ok()) return ArithOverflow(op);
  return Value(r.value());
}

}  // namespace

Result<Value> TemporalProperty(const Value& v, std::string_view key) {
  if (v.is_null()) return Value();
  std::string k(key);
  for (char& c : k) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  Value out;
  if (v.is_date()) {
    if (DateComponent(v.as_date().days, k, &out)) return out;
  } else if (v.is_datetime()) {
    DateTime dt = v.as_datetime();
    if ((HasDate(dt) && DateComponent(ToLocal(dt).days, k, &out)) || TimeComponent(dt, k, &out)) return out;
  } else if (v.is_duration()) {
    if (DurationComponent(v.as_duration(), k, &out)) return out;
  } else {
    return Status::TypeError(std::string("cannot read temporal field '") + std::string(key) + "' of " + fn::KindOf(v));
  }
  return NoSuchField(v, key);
}

Result<Value> TemporalAdd(const Value& a, const Value& b) {
  if (a.is_null() || b.is_null()) return Value();
  if (a.is_duration() && b.is_duration()) return CombineDurations(a.as_duration(), b.as_duration(), 1, "+");
  const Value& t = a.is_duration() ? b : a;
  const Value& d = a.is_duration() ? a : b;
  if (d.is_duration() && t.is_date()) return ShiftDate(t.as_date(), d.as_duration(), 1, "+");
  if (d.is_duration() && t.is_datetime()) return ShiftDateTime(t.as_datetime(), d.as_duration(), 1, "+");
  return BadOperands("+", a, b);
}

Result<Value> TemporalSubtract(const Value& a, const Value& b) {
  if (a.is_null() || b.is_null()) return Value();
  if (b.is_duration()) {
    if (a.is_duration()) return CombineDurations(a.as_duration(), b.as_duration(), -1, "-");
    if (a.is_date()) return ShiftDate(a.as_date(), b.as_duration(), -1, "-");
    if (a.is_datetime()) return ShiftDateTime(a.as_datetime(), b.as_duration(), -1, "-");
  }
  return BadOperands("-", a, b);
}

Result<Value> TemporalMultiply(const Value& a, const Value& b) {
  if (a.is_null() || b.is_null()) return Value();
  if (a.is_duration() && b.is_number()) return Scale(a.as_duration(), b, false, "*");
  if (b.is_duration() && a.is_number()) return Scale(b.as_duration(), a, false, "*");
  return BadOperands("*", a, b);
}

Result<Value> TemporalDivide(const Value& a, const Value& b) {
  if (a.is_null() || b.is_null()) return Value();
  if (a.is_duration() && b.is_number()) return Scale(a.as_duration(), b, true, "/");
  return BadOperands("/", a, b);
}

}  // namespace dyad::query
