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

// The current datetime in an optional zone argument (a String), for date(),
// date.statement(tz), datetime.realtime(tz), ...
Result<Value> Now(const char* name, const Args& a, int64_t now_micros, bool date) {
  Zone zone;
  if (!a.empty()) {
    if (!a[0].is_string()) return ArgTypeError(name, "a String time zone", a[0]);
    DYAD_RETURN_IF_ERROR(ParseZone(a[0].as_string(), &zone));
  }
  DateTime dt{now_micros, OffsetAt(zone, FloorDiv(now_micros, kMicrosPerSecond))};
  if (date) return Value(Date{ToLocal(dt).days});
  return Value(dt);
}

Result<Value> MakeDate(const char* name, const Args& a, int64_t now_micros) {
  if (a.empty()) return Value(Date{ToLocal(DateTime{now_micros, 0}).days});
  const Value& v = a[0];
  if (v.is_null()) return Value();
  if (v.is_date()) return v;
  if (v.is_datetime()) return Value(Date{ToLocal(v.as_datetime()).days});
  Date d;
  if (v.is_string()) {
    DYAD_RETURN_IF_ERROR(ParseDate(v.as_string(), &d.days));
    return Value(d);
  }
  if (!v.is_map()) return ArgTypeError(name, "a String, Map or temporal value", v);
  Fields f;
  DYAD_RETURN_IF_ERROR(ReadFields(name, v.as_map(), false, &f));
  DYAD_RETURN_IF_ERROR(BuildDate(name, f, now_micros, &d.days));
  return Value(d);
}

Result<Value> MakeDateTime(const char* name, const Args& a, int64_t now_micros) {
  if (a.empty()) return Value(DateTime{now_micros, 0});
  const Value& v = a[0];
  if (v.is_null()) return Value();
  if (v.is_datetime()) return v;
  DateTime dt;
  if (v.is_date()) {
    if (!FromLocal(LocalDateTime{v.as_date().days, 0}, 0, &dt)) return ArgError(name, "datetime out of range");
    return Value(dt);
  }
  if (v.is_string()) {
    DYAD_RETURN_IF_ERROR(ParseDateTime(v.as_string(), &dt));
    return Value(dt);
  }
  if (!v.is_map()) return ArgTypeError(name, "a String, Map or temporal value", v);
  Fields f;
  DYAD_RETURN_IF_ERROR(ReadFields(name, v.as_map(), true, &f));
  DYAD_RETURN_IF_ERROR(BuildDateTime(name, f, now_micros, &dt));
  return Value(dt);
}

Result<Value> DateFn(const Args& a, FunctionContext& ctx) { return MakeDate("date", a, ctx.statement_time_micros); }
Result<Value> DateStatement(const Args& a, FunctionContext& ctx) {
  if (!a.empty() && a[0].is_null()) return Value();
  return Now("date.statement", a, ctx.statement_time_micros, true);
}
Result<Value> DateTransaction(const Args& a, FunctionContext& ctx) {
  if (!a.empty() && a[0].is_null()) return Value();
  return Now("date.transaction", a, ctx.statement_time_micros, true);
}
Result<Value> DateRealtime(const Args& a, FunctionContext&) {
  if (!a.empty() && a[0].is_null()) return Value();
  return Now("date.realtime", a, RealtimeMicros(), true);
}

Result<Value> DateTimeFn(const Args& a, FunctionContext& ctx) {
  return MakeDateTime("datetime", a, ctx.statement_time_micros);
}
Result<Value> DateTimeStatement(const Args& a, FunctionContext& ctx) {
  if (!a.empty() && a[0].is_null()) return Value();
  return Now("datetime.statement", a, ctx.statement_time_micros, false);
}
Result<Value> DateTimeTransaction(const Args& a, FunctionContext& ctx) {
  if (!a.empty() && a[0].is_null()) return Value();
  return Now("datetime.transaction", a, ctx.statement_time_micros, false);
}
Result<Value> DateTimeRealtime(const Args& a, FunctionContext&) {
  if (!a.empty() && a[0].is_null()) return Value();
  return Now("datetime.realtime", a, RealtimeMicros(), false);
}

Result<Value> Timestamp(const Args&, FunctionContext& ctx) {
  return Value(FloorDiv(ctx.statement_time_micros, 1000));
}

// datetime.fromepoch(seconds, nanoseconds).
Result<Value> FromEpoch(const Args& a, FunctionContext&) {
  if (a[0].is_null() || a[1].is_null()) return Value();
  int64_t secs, nanos, micros;
  DYAD_RETURN_IF_ERROR(GetInt("datetime.fromepoch", a[0], "seconds", &secs));
  DYAD_RETURN_IF_ERROR(GetInt("datetime.fromepoch", a[1], "nanoseconds", &nanos));
  if (__builtin_mul_overflow(secs, kMicrosPerSecond, &micros) || __builtin_add_overflow(micros, nanos / 1000, &micros)) {
    return ArgError("datetime.fromepoch", "datetime out of range");
  }
  return Value(DateTime{micros, 0});
}

Result<Value> FromEpochMillis(const Args& a, FunctionContext&) {
  if (a[0].is_null()) return Value();
  int64_t ms, micros;
  DYAD_RETURN_IF_ERROR(GetInt("datetime.fromepochmillis", a[0], "milliseconds", &ms));
  if (__builtin_mul_overflow(ms, 1000, &micros)) return ArgError("datetime.fromepochmillis", "datetime out of range");
  return Value(DateTime{micros, 0});
}

// date.truncate(unit, temporal[, map]) and datetime.truncate(...).
Result<Value> Truncate(const char* name, const Args& a, bool to_datetime) {
  if (a[0].is_null() || a[1].is_null()) return Value();
  if (!a[0].is_string()) return ArgTypeError(name, "a String unit", a[0]);
  const Value& t = a[1];
  if (!t.is_date() && !t.is_datetime()) return ArgTypeError(name, "a Date or DateTime", t);
  LocalDateTime l = t.is_date() ? LocalDateTime{t.as_date().days, 0} : ToLocal(t.as_datetime());
  int64_t tod_before = l.tod;
  DYAD_RETURN_IF_ERROR(TruncateLocal(name, a[0].as_string(), to_datetime, &l));
  Fields f;
  if (a.size() > 2 && !a[2].is_null()) {
    if (!a[2].is_map()) return ArgTypeError(name, "a Map of fields", a[2]);
    DYAD_RETURN_IF_ERROR(ReadFields(name, a[2].as_map(), to_datetime, &f));
    if (f.date || f.time || f.datetime || f.Has("epochseconds") || f.Has("epochmillis")) {
      return ArgError(name, "cannot select date, time, datetime or epoch fields");
    }
    if (!to_datetime && f.zone) return ArgError(name, "cannot assign a time zone to a date");
  }
  // A finer subsecond field adds to the kept milli/microseconds.
  std::string unit = a[0].as_string();
  for (char& c : unit) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (unit == "millisecond" && !f.Has("millisecond") && (f.Has("microsecond") || f.Has("nanosecond"))) {
    f.ints["millisecond"] = tod_before % kMicrosPerSecond / 1000;
  } else if (unit == "microsecond" && !f.Has("millisecond") && !f.Has("microsecond") && f.Has("nanosecond")) {
    f.ints["microsecond"] = tod_before % kMicrosPerSecond;
  }
  if (!to_datetime) {
    Date d;
    DYAD_RETURN_IF_ERROR(ResolveDate(name, f, &l.days, &d.days));
    return Value(d);
  }
  LocalDateTime out;
  DYAD_RETURN_IF_ERROR(ResolveDate(name, f, &l.days, &out.days));
  DYAD_RETURN_IF_ERROR(ResolveTime(name, f, &l.tod, &out.tod));
  // A timezone in the map keeps the wall clock; otherwise keep the input's.
  Zone zone;
  if (t.is_datetime()) zone.fixed = t.as_datetime().offset_seconds;
  if (f.zone) zone = *f.zone;
  DateTime dt;
  if (!FromLocalInZone(out, zone, &dt)) return ArgError(name, "datetime out of range");
  return Value(dt);
}

Result<Value> DateTruncate(const Args& a, FunctionContext&) { return Truncate("date.truncate", a, false); }
Result<Value> DateTimeTruncate(const Args& a, FunctionContext&) { return Truncate("datetime.truncate", a, true); }

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
                                {"date.transaction", 0, 1, DateTransaction},
                                {"date.realtime", 0, 1, DateRealtime},
                                {"date.truncate", 2, 3, DateTruncate},
                                {"datetime", 0, 1, DateTimeFn},
                                {"datetime.statement", 0, 1, DateTimeStatement},
                                {"datetime.transaction", 0, 1, DateTimeTransaction},
                                {"datetime.realtime", 0, 1, DateTimeRealtime},
                                {"datetime.truncate", 2, 3, DateTimeTruncate},
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
