// Temporal functions: date(), datetime(), duration() and their namespaced
// variants (truncate, fromepoch, between, inMonths, ...), and timestamp().
#include <algorithm>
#include <cctype>
#include <chrono>
#include <cmath>
#include <string>

#include "query/functions/function_util.h"
#include "query/functions/temporal_build.h"
#include "query/functions/temporal_util.h"

namespace dyad::query::fn {

namespace {

using Args = std::vector<Value>;
using namespace temporal;

int64_t RealtimeMicros() {
  return std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// The function families: date, datetime, localdatetime, time, localtime.
enum class Target { kDate, kDateTime, kLocalDateTime, kTime, kLocalTime };

TimeKind KindOf(Target t) {
  switch (t) {
    case Target::kLocalDateTime: return TimeKind::kLocalDateTime;
    case Target::kTime: return TimeKind::kTime;
    case Target::kLocalTime: return TimeKind::kLocalTime;
    default: return TimeKind::kDateTime;
  }
}

bool WantsDate(Target t) { return t != Target::kTime && t != Target::kLocalTime; }
bool WantsTime(Target t) { return t != Target::kDate; }

// The value of kind target for a wall clock, with a zone for the zoned kinds
// (the offset in force there, named zones kept by datetimes).
Result<Value> Emit(const char* name, Target target, LocalDateTime l, const Zone& zone) {
  if (target == Target::kDate) return Value(Date{l.days});
  if (target == Target::kDateTime) {
    DateTime dt;
    if (!FromLocalInZone(l, zone, &dt)) return ArgError(name, "datetime out of range");
    return Value(dt);
  }
  int32_t offset = target == Target::kTime ? OffsetForLocal(zone, l) : 0;
  return Value(MakeClock(KindOf(target), l, offset));
}

// The current time in an optional zone argument (a String).
Result<Value> Now(const char* name, Target target, const Args& a, int64_t now_micros) {
  if (!a.empty() && a[0].is_null()) return Value();
  Zone zone;
  if (!a.empty()) {
    if (!a[0].is_string()) return ArgTypeError(name, "a String time zone", a[0]);
    DYAD_RETURN_IF_ERROR(ParseZone(a[0].as_string(), &zone));
  }
  DateTime now;
  now.seconds = FloorDiv(now_micros, 1'000'000);
  now.nanos = static_cast<int32_t>(FloorMod(now_micros, 1'000'000) * 1000);
  now.offset_seconds = OffsetAt(zone, now.seconds);
  if (zone.named) now.zone = InternZone(zone.name);
  if (target == Target::kDateTime) return Value(now);
  LocalDateTime l = ToLocal(now);
  if (target == Target::kDate) return Value(Date{l.days});
  return Value(MakeClock(KindOf(target), l, now.offset_seconds));
}

// The zone a temporal value carries (a fixed offset, or its named zone).
Zone ZoneOf(const DateTime& dt) {
  Zone zone;
  zone.fixed = dt.offset_seconds;
  if (dt.zone && dt.kind == TimeKind::kDateTime) ParseZone(ZoneName(dt.zone), &zone);
  return zone;
}

// Converts another temporal value to target.
Result<Value> Convert(const char* name, Target target, const Value& v) {
  if (v.is_date()) {
    if (!WantsDate(target)) return ArgTypeError(name, "a value with a time", v);
    return Emit(name, target, LocalDateTime{v.as_date().days, 0}, Zone());
  }
  DateTime dt = v.as_datetime();
  if (WantsDate(target) && !HasDate(dt)) return ArgTypeError(name, "a value with a date", v);
  if (target == Target::kDateTime && dt.kind == TimeKind::kDateTime) return v;
  LocalDateTime l = ToLocal(dt);
  if (target == Target::kTime) {
    if (dt.kind == TimeKind::kTime) return v;
    return Value(MakeClock(TimeKind::kTime, l, HasZone(dt) ? dt.offset_seconds : 0));
  }
  return Emit(name, target, l, HasZone(dt) ? ZoneOf(dt) : Zone());
}

Result<Value> Construct(const char* name, Target target, const Args& a, int64_t now_micros) {
  if (a.empty()) return Now(name, target, a, now_micros);
  const Value& v = a[0];
  if (v.is_null()) return Value();
  if (v.is_date() || v.is_datetime()) return Convert(name, target, v);
  if (v.is_string()) {
    const std::string& s = v.as_string();
    switch (target) {
      case Target::kDate: {
        Date d;
        DYAD_RETURN_IF_ERROR(ParseDate(s, &d.days));
        return Value(d);
      }
      case Target::kDateTime: {
        DateTime dt;
        DYAD_RETURN_IF_ERROR(ParseDateTime(s, &dt));
        return Value(dt);
      }
      case Target::kLocalDateTime: {
        LocalDateTime l;
        DYAD_RETURN_IF_ERROR(ParseLocalDateTime(s, &l));
        return Value(MakeClock(TimeKind::kLocalDateTime, l));
      }
      default: {
        LocalDateTime l;
        std::optional<Zone> zone;
        DYAD_RETURN_IF_ERROR(ParseTime(s, &l.tod, &zone));
        int32_t offset = zone ? OffsetAt(*zone, FloorDiv(now_micros, 1'000'000)) : 0;
        return Value(MakeClock(KindOf(target), l, offset));
      }
    }
  }
  if (!v.is_map()) return ArgTypeError(name, "a String, Map or temporal value", v);
  Fields f;
  DYAD_RETURN_IF_ERROR(ReadFields(name, v.as_map(), WantsTime(target), &f));
  if (target == Target::kDate) {
    Date d;
    DYAD_RETURN_IF_ERROR(BuildDate(name, f, now_micros, &d.days));
    return Value(d);
  }
  if (target == Target::kTime || target == Target::kLocalTime) {
    LocalDateTime l;
    int32_t offset;
    DYAD_RETURN_IF_ERROR(BuildTime(name, f, now_micros, &l, &offset));
    return Value(MakeClock(KindOf(target), l, offset));
  }
  if (target == Target::kLocalDateTime && f.zone && !f.date && !f.time && !f.datetime && !f.HasDateField() &&
      !f.HasTimeField()) {
    return Now(name, target, {Value(f.zone->name.empty() ? FormatOffset(f.zone->fixed) : f.zone->name)}, now_micros);
  }
  DateTime dt;
  DYAD_RETURN_IF_ERROR(BuildDateTime(name, f, now_micros, &dt));
  if (target == Target::kLocalDateTime) return Value(MakeClock(TimeKind::kLocalDateTime, ToLocal(dt)));
  return Value(dt);
}

Result<Value> Timestamp(const Args&, FunctionContext& ctx) {
  return Value(FloorDiv(ctx.StatementTime(), 1000));
}

// datetime.fromepoch(seconds, nanoseconds).
Result<Value> FromEpoch(const Args& a, FunctionContext&) {
  if (a[0].is_null() || a[1].is_null()) return Value();
  int64_t secs, nanos;
  DYAD_RETURN_IF_ERROR(GetInt("datetime.fromepoch", a[0], "seconds", &secs));
  DYAD_RETURN_IF_ERROR(GetInt("datetime.fromepoch", a[1], "nanoseconds", &nanos));
  DateTime dt;
  dt.seconds = secs + FloorDiv(nanos, kNanosPerSecond);
  dt.nanos = static_cast<int32_t>(FloorMod(nanos, kNanosPerSecond));
  return Value(dt);
}

Result<Value> FromEpochMillis(const Args& a, FunctionContext&) {
  if (a[0].is_null()) return Value();
  int64_t ms;
  DYAD_RETURN_IF_ERROR(GetInt("datetime.fromepochmillis", a[0], "milliseconds", &ms));
  DateTime dt;
  dt.seconds = FloorDiv(ms, 1000);
  dt.nanos = static_cast<int32_t>(FloorMod(ms, 1000) * 1'000'000);
  return Value(dt);
}

// X.truncate(unit, temporal[, map]) for the five families.
Result<Value> Truncate(const char* name, Target target, const Args& a) {
  if (a[0].is_null() || a[1].is_null()) return Value();
  if (!a[0].is_string()) return ArgTypeError(name, "a String unit", a[0]);
  const Value& t = a[1];
  if (!t.is_date() && !t.is_datetime()) return ArgTypeError(name, "a temporal value", t);
  bool has_date = t.is_date() || HasDate(t.as_datetime());
  if (WantsDate(target) && !has_date) return ArgTypeError(name, "a value with a date", t);
  if (!WantsDate(target) && t.is_date()) return ArgTypeError(name, "a value with a time", t);
  LocalDateTime l = t.is_date() ? LocalDateTime{t.as_date().days, 0} : ToLocal(t.as_datetime());
  std::string unit = a[0].as_string();
  for (char& c : unit) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (!WantsDate(target) && unit != "day" && unit != "hour" && unit != "minute" && unit != "second" &&
      unit != "millisecond" && unit != "microsecond" && unit != "nanosecond") {
    return ArgError(name, "unit too large for truncating a time: '" + a[0].as_string() + "'");
  }
  int64_t tod_before = l.tod;
  if (!WantsDate(target)) {
    if (unit == "day") l.tod = 0;
    else DYAD_RETURN_IF_ERROR(TruncateLocal(name, unit, true, &l));
  } else {
    DYAD_RETURN_IF_ERROR(TruncateLocal(name, unit, WantsTime(target), &l));
  }
  Fields f;
  if (a.size() > 2 && !a[2].is_null()) {
    if (!a[2].is_map()) return ArgTypeError(name, "a Map of fields", a[2]);
    DYAD_RETURN_IF_ERROR(ReadFields(name, a[2].as_map(), WantsTime(target), &f));
    if (f.date || f.time || f.datetime || f.Has("epochseconds") || f.Has("epochmillis")) {
      return ArgError(name, "cannot select date, time, datetime or epoch fields");
    }
    if ((target == Target::kDate || target == Target::kLocalDateTime || target == Target::kLocalTime) && f.zone) {
      return ArgError(name, "cannot assign a time zone to a local value");
    }
  }
  // A finer subsecond field adds to the kept milli/microseconds.
  int64_t frac = tod_before % kNanosPerSecond;
  if (unit == "millisecond" && !f.Has("millisecond") && (f.Has("microsecond") || f.Has("nanosecond"))) {
    f.ints["millisecond"] = frac / 1'000'000;
  } else if (unit == "microsecond" && !f.Has("millisecond") && !f.Has("microsecond") && f.Has("nanosecond")) {
    f.ints["microsecond"] = frac / 1000;
  }
  LocalDateTime out;
  if (WantsDate(target)) DYAD_RETURN_IF_ERROR(ResolveDate(name, f, &l.days, &out.days));
  if (WantsTime(target)) DYAD_RETURN_IF_ERROR(ResolveTime(name, f, &l.tod, &out.tod));
  // A timezone in the map keeps the wall clock; otherwise keep the input's.
  Zone zone;
  if (t.is_datetime() && HasZone(t.as_datetime())) zone = ZoneOf(t.as_datetime());
  if (f.zone) zone = *f.zone;
  if (target == Target::kTime) return Value(MakeClock(TimeKind::kTime, out, zone.named ? OffsetForLocal(zone, out) : zone.fixed));
  return Emit(name, target, out, zone);
}

#define DYAD_TEMPORAL_FAMILY(Prefix, fname, target)                                                      \
  Result<Value> Prefix##Fn(const Args& a, FunctionContext& ctx) {                                       \
    return Construct(fname, target, a, ctx.StatementTime());                                            \
  }                                                                                                     \
  Result<Value> Prefix##Statement(const Args& a, FunctionContext& ctx) {                                \
    return Now(fname ".statement", target, a, ctx.StatementTime());                                     \
  }                                                                                                     \
  Result<Value> Prefix##Realtime(const Args& a, FunctionContext&) {                                     \
    return Now(fname ".realtime", target, a, RealtimeMicros());                                         \
  }                                                                                                     \
  Result<Value> Prefix##Truncate(const Args& a, FunctionContext&) { return Truncate(fname ".truncate", target, a); }

DYAD_TEMPORAL_FAMILY(Date, "date", Target::kDate)
DYAD_TEMPORAL_FAMILY(DateTime, "datetime", Target::kDateTime)
DYAD_TEMPORAL_FAMILY(LocalDateTime, "localdatetime", Target::kLocalDateTime)
DYAD_TEMPORAL_FAMILY(Time, "time", Target::kTime)
DYAD_TEMPORAL_FAMILY(LocalTime, "localtime", Target::kLocalTime)
#undef DYAD_TEMPORAL_FAMILY

// duration(map): whole numbers add up exactly; any fraction spreads to the
// smaller units as Neo4j's approximation does.
Result<Duration> DurationFromMap(const Map& m) {
  static const char* const kKeys[] = {"years",   "quarters", "months",       "weeks",        "days",       "hours",
                                      "minutes", "seconds",  "milliseconds", "microseconds", "nanoseconds"};
  static const int64_t kScale[] = {12, 3, 1, 7, 1, 3600, 60, 1, 1'000'000, 1000, 1};
  static const int kPart[] = {0, 0, 0, 1, 1, 2, 2, 2, 3, 3, 3};
  double val[11] = {};
  int64_t exact[4] = {0, 0, 0, 0};
  bool fractional = false, overflow = false;
  for (const auto& [key, v] : m) {
    std::string k = key;
    for (char& c : k) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    size_t i = std::find_if(std::begin(kKeys), std::end(kKeys), [&](const char* x) { return k == x; }) - std::begin(kKeys);
    if (i == 11) return ArgError("duration", "no such field: " + key);
    if (v.is_null()) continue;
    if (!v.is_number()) return ArgTypeError("duration", "a number for '" + key + "'", v);
    val[i] = v.as_number();
    if (v.is_float()) {
      fractional = true;
    } else {
      int64_t scaled;
      overflow |= __builtin_mul_overflow(v.as_int(), kScale[i], &scaled) ||
                  __builtin_add_overflow(exact[kPart[i]], scaled, &exact[kPart[i]]);
    }
  }
  if (fractional) {
    return ApproximateDuration(val[0] * 12 + val[1] * 3 + val[2], val[3] * 7 + val[4],
                               val[5] * 3600 + val[6] * 60 + val[7], val[8] * 1'000'000 + val[9] * 1000 + val[10]);
  }
  if (overflow) return ArithError("duration", "duration out of range");
  return ExactDuration(exact[0], exact[1], exact[2], exact[3]);
}

Result<Value> DurationFn(const Args& a, FunctionContext&) {
  const Value& v = a[0];
  if (v.is_null()) return Value();
  if (v.is_duration()) return v;
  if (v.is_string()) {
    Duration d;
    DYAD_RETURN_IF_ERROR(ParseDuration(v.as_string(), &d));
    return Value(d);
  }
  if (!v.is_map()) return ArgTypeError("duration", "a String or Map", v);
  DYAD_ASSIGN_OR_RETURN(Duration d, DurationFromMap(v.as_map()));
  return Value(d);
}

}  // namespace

// Defined in temporal_between.cc.
Result<Value> DurationBetween(const Args& a, FunctionContext& ctx);
Result<Value> DurationInMonths(const Args& a, FunctionContext& ctx);
Result<Value> DurationInDays(const Args& a, FunctionContext& ctx);
Result<Value> DurationInSeconds(const Args& a, FunctionContext& ctx);

void AddTemporalFunctions(std::vector<FunctionDef>* defs) {
  defs->insert(defs->end(), {
                                {"date", 0, 1, DateFn},
                                {"date.statement", 0, 1, DateStatement},
                                {"date.transaction", 0, 1, DateStatement},
                                {"date.realtime", 0, 1, DateRealtime},
                                {"date.truncate", 2, 3, DateTruncate},
                                {"datetime", 0, 1, DateTimeFn},
                                {"datetime.statement", 0, 1, DateTimeStatement},
                                {"datetime.transaction", 0, 1, DateTimeStatement},
                                {"datetime.realtime", 0, 1, DateTimeRealtime},
                                {"datetime.truncate", 2, 3, DateTimeTruncate},
                                {"localdatetime", 0, 1, LocalDateTimeFn},
                                {"localdatetime.statement", 0, 1, LocalDateTimeStatement},
                                {"localdatetime.transaction", 0, 1, LocalDateTimeStatement},
                                {"localdatetime.realtime", 0, 1, LocalDateTimeRealtime},
                                {"localdatetime.truncate", 2, 3, LocalDateTimeTruncate},
                                {"time", 0, 1, TimeFn},
                                {"time.statement", 0, 1, TimeStatement},
                                {"time.transaction", 0, 1, TimeStatement},
                                {"time.realtime", 0, 1, TimeRealtime},
                                {"time.truncate", 2, 3, TimeTruncate},
                                {"localtime", 0, 1, LocalTimeFn},
                                {"localtime.statement", 0, 1, LocalTimeStatement},
                                {"localtime.transaction", 0, 1, LocalTimeStatement},
                                {"localtime.realtime", 0, 1, LocalTimeRealtime},
                                {"localtime.truncate", 2, 3, LocalTimeTruncate},
                                {"datetime.fromepoch", 2, 2, FromEpoch},
                                {"datetime.fromepochmillis", 1, 1, FromEpochMillis},
                                {"duration", 1, 1, DurationFn},
                                {"duration.between", 2, 2, DurationBetween},
                                {"duration.inMonths", 2, 2, DurationInMonths},
                                {"duration.inDays", 2, 2, DurationInDays},
                                {"duration.inSeconds", 2, 2, DurationInSeconds},
                                {"timestamp", 0, 0, Timestamp},
                            });
}

}  // namespace dyad::query::fn
