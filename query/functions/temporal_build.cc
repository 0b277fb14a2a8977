// Map-based construction and truncation of dates and datetimes.
#include "query/functions/temporal_build.h"

#include <algorithm>
#include <cctype>

#include "query/functions/function_util.h"

namespace dyad::query::temporal {

namespace {

const char* const kDateFields[] = {"year", "quarter", "month", "week", "ordinalday", "dayofquarter", "dayofweek", "day"};
const char* const kTimeFields[] = {"hour", "minute", "second", "millisecond", "microsecond", "nanosecond"};

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool OneOf(const std::string& k, const char* const* names, size_t n) {
  return std::any_of(names, names + n, [&](const char* name) { return k == name; });
}

Status Invalid(std::string_view fn, const std::string& what) { return fn::ArgError(fn, what); }

// Checks lo <= v <= hi for a named field.
Status InRange(std::string_view fn, const char* field, int64_t v, int64_t lo, int64_t hi) {
  if (v < lo || v > hi) {
    return Invalid(fn, std::string(field) + " must be in " + std::to_string(lo) + ".." + std::to_string(hi) +
                           ", got " + std::to_string(v));
  }
  return Status::OK();
}

// The nanosecond of second from millisecond, microsecond and nanosecond
// fields, each checked against the finer precision the others leave it.
Status SubsecondNanos(std::string_view fn, const Fields& f, int64_t* nanos) {
  bool ms = f.Has("millisecond"), us = f.Has("microsecond");
  if (ms) DYAD_RETURN_IF_ERROR(InRange(fn, "millisecond", f.Get("millisecond"), 0, 999));
  if (us) DYAD_RETURN_IF_ERROR(InRange(fn, "microsecond", f.Get("microsecond"), 0, ms ? 999 : 999'999));
  if (f.Has("nanosecond")) {
    DYAD_RETURN_IF_ERROR(InRange(fn, "nanosecond", f.Get("nanosecond"), 0, us ? 999 : ms ? 999'999 : 999'999'999));
  }
  *nanos = f.Get("millisecond") * 1'000'000 + f.Get("microsecond") * 1000 + f.Get("nanosecond");
  return Status::OK();
}

bool HasSubsecond(const Fields& f) { return f.Has("millisecond") || f.Has("microsecond") || f.Has("nanosecond"); }

// Moves a date to another ISO week-based year, keeping week and weekday.
int64_t WithWeekYear(int64_t days, int64_t week_year) {
  int64_t wy, week;
  IsoWeek(days, &wy, &week);
  if (week == 53 && WeeksInWeekYear(week_year) == 52) week = 52;
  return WeekYearStart(week_year) + (week - 1) * 7 + (DayOfWeek(days) - 1);
}

// Adjusts base by the given fields, in Neo4j's order (year ... day).
Status AdjustDate(std::string_view fn, const Fields& f, int64_t d, int64_t* days) {
  if (f.Has("year")) {
    int64_t y = f.Get("year");
    DYAD_RETURN_IF_ERROR(InRange(fn, "year", y, kMinYear, kMaxYear));
    Civil c = ToCivil(d);
    d = f.Has("week") ? WithWeekYear(d, y) : CivilToDays(y, c.month, std::min(c.day, DaysInMonth(y, c.month)));
  }
  if (f.Has("quarter")) {
    DYAD_RETURN_IF_ERROR(InRange(fn, "quarter", f.Get("quarter"), 1, 4));
    if (!PlusMonths(d, (f.Get("quarter") - QuarterOf(ToCivil(d).month)) * 3, &d)) return Invalid(fn, "date out of range");
  }
  if (f.Has("month")) {
    int64_t m = f.Get("month");
    DYAD_RETURN_IF_ERROR(InRange(fn, "month", m, 1, 12));
    Civil c = ToCivil(d);
    d = CivilToDays(c.year, m, std::min(c.day, DaysInMonth(c.year, m)));
  }
  if (f.Has("week")) {
    int64_t wy, week;
    IsoWeek(d, &wy, &week);
    DYAD_RETURN_IF_ERROR(InRange(fn, "week", f.Get("week"), 1, WeeksInWeekYear(wy)));
    d += (f.Get("week") - week) * 7;
  }
  if (f.Has("ordinalday")) {
    int64_t y = ToCivil(d).year;
    DYAD_RETURN_IF_ERROR(InRange(fn, "ordinalDay", f.Get("ordinalday"), 1, IsLeap(y) ? 366 : 365));
    d = CivilToDays(y, 1, 1) + f.Get("ordinalday") - 1;
  }
  if (f.Has("dayofquarter")) {
    Civil c = ToCivil(d);
    int64_t first = (QuarterOf(c.month) - 1) * 3 + 1;
    int64_t len = CivilToDays(c.year + (first == 10), first == 10 ? 1 : first + 3, 1) - CivilToDays(c.year, first, 1);
    DYAD_RETURN_IF_ERROR(InRange(fn, "dayOfQuarter", f.Get("dayofquarter"), 1, len));
    d = CivilToDays(c.year, first, 1) + f.Get("dayofquarter") - 1;
  }
  if (f.Has("dayofweek")) {
    DYAD_RETURN_IF_ERROR(InRange(fn, "dayOfWeek", f.Get("dayofweek"), 1, 7));
    d += f.Get("dayofweek") - DayOfWeek(d);
  }
  if (f.Has("day")) {
    Civil c = ToCivil(d);
    DYAD_RETURN_IF_ERROR(InRange(fn, "day", f.Get("day"), 1, DaysInMonth(c.year, c.month)));
    d = CivilToDays(c.year, c.month, f.Get("day"));
  }
  if (!DaysInRange(d)) return Invalid(fn, "date out of range");
  *days = d;
  return Status::OK();
}

// Builds a date from fields alone: one of the calendar, week, ordinal or
// quarter forms, each with a year.
Status ConstructDate(std::string_view fn, const Fields& f, int64_t* days) {
  if (!f.Has("year")) return Invalid(fn, "year must be specified");
  int64_t y = f.Get("year");
  DYAD_RETURN_IF_ERROR(InRange(fn, "year", y, kMinYear, kMaxYear));
  bool cal = f.Has("month") || f.Has("day"), week = f.Has("week") || f.Has("dayofweek");
  bool ord = f.Has("ordinalday"), quarter = f.Has("quarter") || f.Has("dayofquarter");
  if (cal + week + ord + quarter > 1) return Invalid(fn, "cannot mix calendar, week, ordinal and quarter fields");
  if (week) {
    if (!f.Has("week")) return Invalid(fn, "dayOfWeek cannot be specified without week");
    DYAD_RETURN_IF_ERROR(InRange(fn, "week", f.Get("week"), 1, WeeksInWeekYear(y)));
    int64_t dow = f.Has("dayofweek") ? f.Get("dayofweek") : 1;
    DYAD_RETURN_IF_ERROR(InRange(fn, "dayOfWeek", dow, 1, 7));
    *days = WeekYearStart(y) + (f.Get("week") - 1) * 7 + dow - 1;
  } else if (ord) {
    DYAD_RETURN_IF_ERROR(InRange(fn, "ordinalDay", f.Get("ordinalday"), 1, IsLeap(y) ? 366 : 365));
    *days = CivilToDays(y, 1, 1) + f.Get("ordinalday") - 1;
  } else if (quarter) {
    if (!f.Has("quarter")) return Invalid(fn, "dayOfQuarter cannot be specified without quarter");
    DYAD_RETURN_IF_ERROR(InRange(fn, "quarter", f.Get("quarter"), 1, 4));
    int64_t first = (f.Get("quarter") - 1) * 3 + 1;
    int64_t start = CivilToDays(y, first, 1);
    int64_t len = CivilToDays(y + (first == 10), first == 10 ? 1 : first + 3, 1) - start;
    int64_t doq = f.Has("dayofquarter") ? f.Get("dayofquarter") : 1;
    DYAD_RETURN_IF_ERROR(InRange(fn, "dayOfQuarter", doq, 1, len));
    *days = start + doq - 1;
  } else {
    if (f.Has("day") && !f.Has("month")) return Invalid(fn, "day cannot be specified without month");
    int64_t m = f.Has("month") ? f.Get("month") : 1, d = f.Has("day") ? f.Get("day") : 1;
    DYAD_RETURN_IF_ERROR(InRange(fn, "month", m, 1, 12));
    DYAD_RETURN_IF_ERROR(InRange(fn, "day", d, 1, DaysInMonth(y, m)));
    *days = CivilToDays(y, m, d);
  }
  if (!DaysInRange(*days)) return Invalid(fn, "date out of range");
  return Status::OK();
}

// The current instant as a datetime in zone.
DateTime NowIn(const Zone& zone, int64_t now_micros) {
  DateTime dt;
  dt.seconds = FloorDiv(now_micros, 1'000'000);
  dt.nanos = static_cast<int32_t>(FloorMod(now_micros, 1'000'000) * 1000);
  dt.offset_seconds = OffsetAt(zone, dt.seconds);
  if (zone.named) dt.zone = InternZone(zone.name);
  return dt;
}

}  // namespace

bool Fields::HasDateField() const {
  return std::any_of(std::begin(kDateFields), std::end(kDateFields), [&](const char* k) { return Has(k); });
}

bool Fields::HasTimeField() const {
  return std::any_of(std::begin(kTimeFields), std::end(kTimeFields), [&](const char* k) { return Has(k); });
}

Status ReadFields(std::string_view fn, const Map& map, bool with_time, Fields* out) {
  *out = Fields();
  for (const auto& [key, v] : map) {
    std::string k = Lower(key);
    if (k == "weekday") k = "dayofweek";
    if (k == "quarterday") k = "dayofquarter";
    if (v.is_null()) continue;
    if (k == "date") {
      if (!v.is_date() && !(v.is_datetime() && HasDate(v.as_datetime()))) {
        return fn::ArgTypeError(fn, "a value with a date for 'date'", v);
      }
      out->date = v;
    } else if (with_time && (k == "time" || k == "datetime")) {
      if (!v.is_datetime() || (k == "datetime" && !HasDate(v.as_datetime()))) {
        return fn::ArgTypeError(fn, "a temporal value with a time for '" + k + "'", v);
      }
      (k == "time" ? out->time : out->datetime) = v;
    } else if (k == "timezone") {
      if (!v.is_string()) return fn::ArgTypeError(fn, "a String for 'timezone'", v);
      Zone zone;
      DYAD_RETURN_IF_ERROR(ParseZone(v.as_string(), &zone));
      out->zone = zone;
    } else if (OneOf(k, kDateFields, 8) ||
               (with_time && (OneOf(k, kTimeFields, 6) || k == "epochseconds" || k == "epochmillis"))) {
      if (!v.is_int()) return fn::ArgTypeError(fn, "an Integer for '" + key + "'", v);
      out->ints[k] = v.as_int();
    } else {
      return Invalid(fn, "no such field: " + key);
    }
  }
  if (out->datetime && (out->date || out->time)) return Invalid(fn, "datetime cannot be selected together with date or time");
  return Status::OK();
}

Status ResolveDate(std::string_view fn, const Fields& f, const int64_t* base, int64_t* days) {
  return base ? AdjustDate(fn, f, *base, days) : ConstructDate(fn, f, days);
}

Status ResolveTime(std::string_view fn, const Fields& f, const int64_t* base, int64_t* tod) {
  int64_t h = 0, m = 0, s = 0, nanos = 0;
  if (base) {
    int64_t secs = *base / kNanosPerSecond;
    h = secs / 3600;
    m = secs / 60 % 60;
    s = secs % 60;
    nanos = *base % kNanosPerSecond;
  } else {
    if (f.Has("minute") && !f.Has("hour")) return Invalid(fn, "minute cannot be specified without hour");
    if (f.Has("second") && !f.Has("minute")) return Invalid(fn, "second cannot be specified without minute");
    if (HasSubsecond(f) && !f.Has("second")) return Invalid(fn, "subseconds cannot be specified without second");
  }
  if (f.Has("hour")) DYAD_RETURN_IF_ERROR(InRange(fn, "hour", h = f.Get("hour"), 0, 23));
  if (f.Has("minute")) DYAD_RETURN_IF_ERROR(InRange(fn, "minute", m = f.Get("minute"), 0, 59));
  if (f.Has("second")) DYAD_RETURN_IF_ERROR(InRange(fn, "second", s = f.Get("second"), 0, 59));
  if (HasSubsecond(f)) DYAD_RETURN_IF_ERROR(SubsecondNanos(fn, f, &nanos));
  *tod = (h * 3600 + m * 60 + s) * kNanosPerSecond + nanos;
  return Status::OK();
}

Status BuildDate(std::string_view fn, const Fields& f, int64_t now_micros, int64_t* days) {
  if (f.zone) {
    if (f.date || f.HasDateField()) return Invalid(fn, "cannot assign a time zone together with other fields");
    *days = ToLocal(NowIn(*f.zone, now_micros)).days;
    return Status::OK();
  }
  if (f.date) {
    int64_t base = f.date->is_date() ? f.date->as_date().days : ToLocal(f.date->as_datetime()).days;
    return ResolveDate(fn, f, &base, days);
  }
  return ResolveDate(fn, f, nullptr, days);
}

Status BuildDateTime(std::string_view fn, const Fields& f, int64_t now_micros, DateTime* out) {
  if (f.Has("epochseconds") || f.Has("epochmillis")) {
    if (f.date || f.time || f.datetime || f.HasDateField() || f.Has("hour") || f.Has("minute") || f.Has("second") ||
        (f.Has("epochseconds") && f.Has("epochmillis"))) {
      return Invalid(fn, "epochSeconds and epochMillis cannot be combined with other fields except subseconds");
    }
    int64_t nanos = 0;
    if (HasSubsecond(f)) DYAD_RETURN_IF_ERROR(SubsecondNanos(fn, f, &nanos));
    int64_t secs = f.Has("epochseconds") ? f.Get("epochseconds") : FloorDiv(f.Get("epochmillis"), 1000);
    if (!f.Has("epochseconds")) nanos += FloorMod(f.Get("epochmillis"), 1000) * 1'000'000;
    *out = NowIn(f.zone ? *f.zone : Zone(), 0);
    out->seconds = secs + nanos / kNanosPerSecond;
    out->nanos = static_cast<int32_t>(nanos % kNanosPerSecond);
    if (f.zone) out->offset_seconds = OffsetAt(*f.zone, out->seconds);
    return Status::OK();
  }
  if (!f.date && !f.time && !f.datetime && !f.HasDateField() && !f.HasTimeField()) {
    if (!f.zone) return Invalid(fn, "no fields given");
    *out = NowIn(*f.zone, now_micros);
    return Status::OK();
  }
  // The selected values give a base date, time and (for time/datetime) zone.
  std::optional<int64_t> bdays, btod;
  std::optional<int32_t> sel_offset;
  if (f.datetime) {
    LocalDateTime l = ToLocal(f.datetime->as_datetime());
    bdays = l.days;
    btod = l.tod;
    if (HasZone(f.datetime->as_datetime())) sel_offset = f.datetime->as_datetime().offset_seconds;
  }
  if (f.date) bdays = f.date->is_date() ? f.date->as_date().days : ToLocal(f.date->as_datetime()).days;
  if (f.time) {
    btod = ToLocal(f.time->as_datetime()).tod;
    if (HasZone(f.time->as_datetime())) sel_offset = f.time->as_datetime().offset_seconds;
  }
  LocalDateTime local;
  DYAD_RETURN_IF_ERROR(ResolveDate(fn, f, bdays ? &*bdays : nullptr, &local.days));
  DYAD_RETURN_IF_ERROR(ResolveTime(fn, f, btod ? &*btod : nullptr, &local.tod));
  if (sel_offset) {
    // Fields apply in the selected value's zone (its rules, when named); a
    // timezone then converts.
    const DateTime& sel = (f.datetime ? *f.datetime : *f.time).as_datetime();
    Zone sel_zone;
    sel_zone.fixed = *sel_offset;
    if (sel.zone && sel.kind == TimeKind::kDateTime) ParseZone(ZoneName(sel.zone), &sel_zone);
    if (!FromLocalInZone(local, sel_zone, out)) return Invalid(fn, "datetime out of range");
    if (f.zone) {
      out->offset_seconds = OffsetAt(*f.zone, out->seconds);
      out->zone = f.zone->named ? InternZone(f.zone->name) : 0;
    } else {
      out->zone = sel.zone;
    }
    return Status::OK();
  }
  Zone zone = f.zone ? *f.zone : Zone();
  if (!FromLocalInZone(local, zone, out)) return Invalid(fn, "datetime out of range");
  return Status::OK();
}

Status BuildTime(std::string_view fn, const Fields& f, int64_t now_micros, LocalDateTime* local, int32_t* offset) {
  if (f.date || f.datetime || f.HasDateField() || f.Has("epochseconds") || f.Has("epochmillis")) {
    return Invalid(fn, "date fields cannot be given for a time");
  }
  std::optional<int64_t> btod;
  std::optional<int32_t> sel_offset;
  if (f.time) {
    btod = ToLocal(f.time->as_datetime()).tod;
    if (HasZone(f.time->as_datetime())) sel_offset = f.time->as_datetime().offset_seconds;
  }
  if (!f.time && !f.HasTimeField()) {
    if (!f.zone) return Invalid(fn, "no fields given");
    DateTime now = NowIn(*f.zone, now_micros);
    *local = ToLocal(now);
    *offset = now.offset_seconds;
    return Status::OK();
  }
  *local = LocalDateTime{};
  DYAD_RETURN_IF_ERROR(ResolveTime(fn, f, btod ? &*btod : nullptr, &local->tod));
  int32_t zone_offset = f.zone ? OffsetAt(*f.zone, FloorDiv(now_micros, 1'000'000)) : 0;
  if (sel_offset && f.zone) {
    // The selected time moves to the new zone.
    int64_t t = local->tod + int64_t{zone_offset - *sel_offset} * kNanosPerSecond;
    local->tod = FloorMod(t, kNanosPerDay);
  }
  *offset = f.zone ? zone_offset : sel_offset ? *sel_offset : 0;
  return Status::OK();
}

Status TruncateLocal(std::string_view fn, std::string_view unit_name, bool with_time, LocalDateTime* l) {
  std::string unit = Lower(unit_name);
  Civil c = ToCivil(l->days);
  int64_t d = l->days;
  if (unit == "millennium" || unit == "century" || unit == "decade" || unit == "year") {
    int64_t per = unit == "millennium" ? 1000 : unit == "century" ? 100 : unit == "decade" ? 10 : 1;
    d = CivilToDays(c.year / per * per, 1, 1);
  } else if (unit == "weekyear") {
    int64_t wy, week;
    IsoWeek(d, &wy, &week);
    d = WeekYearStart(wy);
  } else if (unit == "quarter") {
    d = CivilToDays(c.year, (QuarterOf(c.month) - 1) * 3 + 1, 1);
  } else if (unit == "month") {
    d = CivilToDays(c.year, c.month, 1);
  } else if (unit == "week") {
    d -= DayOfWeek(d) - 1;
  } else if (unit == "day") {
  } else {
    int64_t step = unit == "hour" ? 3600 * kNanosPerSecond
                   : unit == "minute" ? 60 * kNanosPerSecond
                   : unit == "second" ? kNanosPerSecond
                   : unit == "millisecond" ? 1'000'000
                   : unit == "microsecond" ? 1000
                   : unit == "nanosecond" ? 1
                                                                      : 0;
    if (step == 0) return Invalid(fn, "unknown truncation unit '" + std::string(unit_name) + "'");
    if (!with_time) return Invalid(fn, "unit too small for truncating a date: '" + std::string(unit_name) + "'");
    l->tod -= l->tod % step;
    return Status::OK();
  }
  if (!DaysInRange(d)) return Invalid(fn, "date out of range");
  l->days = d;
  l->tod = 0;
  return Status::OK();
}

}  // namespace dyad::query::temporal
