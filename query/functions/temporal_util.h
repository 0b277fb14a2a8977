// Calendar arithmetic, ISO 8601 parsing and Neo4j-style formatting for the
// temporal functions (not a public API). Dates are days since 1970-01-01;
// datetimes are UTC microseconds plus an offset; durations are months, days
// and microseconds (Neo4j keeps nanoseconds: sub-microsecond parts are
// truncated here).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "graph/status.h"
#include "graph/temporal.h"
#include "graph/value.h"

namespace dyad::query::temporal {

constexpr int64_t kMinYear = -999'999'999;
constexpr int64_t kMaxYear = 999'999'999;
// Neo4j's average month: 365.2425 / 12 days.
constexpr double kAvgDaysPerMonth = 365.2425 / 12;

// Division and remainder rounding towards negative infinity.
inline int64_t FloorDiv(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }
inline int64_t FloorMod(int64_t a, int64_t b) { return a - FloorDiv(a, b) * b; }

// A wall-clock date and time: days since the epoch and microseconds of day.
struct LocalDateTime {
  int64_t days = 0;
  int64_t tod = 0;  // nanoseconds of the day, [0, kNanosPerDay)
};

// Calendar fields of a date.
struct Civil {
  int64_t year = 0, month = 1, day = 1;
};

// True in a leap year.
bool IsLeap(int64_t year);
// Days in a month of a year.
int64_t DaysInMonth(int64_t year, int64_t month);
// Days since the epoch of a calendar date (no validation).
int64_t CivilToDays(int64_t year, int64_t month, int64_t day);
// Calendar fields of a day number.
Civil ToCivil(int64_t days);
// True when the date exists and its year is within Neo4j's range.
bool ValidCivil(int64_t year, int64_t month, int64_t day);
// ISO day of week: 1 = Monday ... 7 = Sunday.
int64_t DayOfWeek(int64_t days);
// Day of the year, from 1.
int64_t OrdinalDay(int64_t days);
// The Monday that starts ISO week 1 of week_year.
int64_t WeekYearStart(int64_t week_year);
// Number of ISO weeks (52 or 53) in week_year.
int64_t WeeksInWeekYear(int64_t week_year);
// The ISO week-based year and week of a date.
void IsoWeek(int64_t days, int64_t* week_year, int64_t* week);
// Quarter (1-4) of a month.
inline int64_t QuarterOf(int64_t month) { return (month - 1) / 3 + 1; }
// Day of the quarter, from 1.
int64_t DayOfQuarter(int64_t days);
// Adds months, clamping the day to the end of the month; false when the
// year leaves Neo4j's range.
bool PlusMonths(int64_t days, int64_t months, int64_t* out);
// True when a day number lies within Neo4j's year range.
bool DaysInRange(int64_t days);

// The wall clock of a temporal value at its own offset.
LocalDateTime ToLocal(DateTime dt);
// The datetime whose wall clock at offset is local; false on overflow. The
// kind and zone of *out are reset to a plain datetime.
bool FromLocal(LocalDateTime local, int32_t offset_seconds, DateTime* out);
// A value of a local kind (or time) from a wall clock: kLocalDateTime,
// kLocalTime (days ignored) or kTime with an offset.
DateTime MakeClock(TimeKind kind, LocalDateTime local, int32_t offset_seconds = 0);
// True for the kinds that carry a date (datetime, localdatetime).
inline bool HasDate(const DateTime& dt) { return dt.kind == TimeKind::kDateTime || dt.kind == TimeKind::kLocalDateTime; }
// True for the kinds that carry an offset (datetime, time).
inline bool HasZone(const DateTime& dt) { return dt.kind == TimeKind::kDateTime || dt.kind == TimeKind::kTime; }

// A time zone: a fixed offset, or a tz database zone whose offset varies.
class TzRules;
struct Zone {
  int32_t fixed = 0;
  std::shared_ptr<const TzRules> named;  // null for a fixed offset
  std::string name;                      // "Europe/Stockholm", or empty
};
// The offset of zone at a UTC instant (seconds since the epoch).
int32_t OffsetAt(const Zone& zone, int64_t utc_seconds);
// The offset for a wall-clock time in zone (a time in a gap is read with the
// offset before the gap; in an overlap, the earlier offset wins).
int32_t OffsetForLocal(const Zone& zone, LocalDateTime local);
// The datetime whose wall clock in zone is local, carrying the offset in
// force at that instant (a time in a gap moves on by the gap); false on
// overflow.
bool FromLocalInZone(LocalDateTime local, const Zone& zone, DateTime* out);
// Parses "Z", "+01", "+0100", "+01:00", "-02:05:07" or a tz database name.
Status ParseZone(std::string_view text, Zone* zone);
// Loads tz database rules for a zone name (from /usr/share/zoneinfo).
std::shared_ptr<const TzRules> LoadTzRules(const std::string& name);

// Parses an ISO date: 2015-07-21, 20150721, 2015-07, 201507, 2015-W30-2,
// 2015W302, 2015-W30, 2015-202, 2015202, 2015, +999999999-12-31.
Status ParseDate(std::string_view text, int64_t* days);
// Parses an ISO datetime: a date, optionally T and a time (21, 2140, 21:40,
// 214032.142, 21:40:32.142), optionally an offset and/or a [zone name].
// Without offset or zone the time is UTC.
Status ParseDateTime(std::string_view text, DateTime* out);
// Parses a localdatetime: a date, optionally T and a time, no offset.
Status ParseLocalDateTime(std::string_view text, LocalDateTime* out);
// Parses a time of day (21:40:32.142, 214032) with an optional offset or
// [zone]; *zone stays empty without one.
Status ParseTime(std::string_view text, int64_t* tod, std::optional<Zone>* zone);
// Parses an ISO duration: P1Y2M10DT12H45M30.5S (any unit may be fractional
// when it is the last one given), PT-1.5S, -P2W, P2012-02-02T14:37:21.545.
Status ParseDuration(std::string_view text, Duration* out);

// A duration from possibly fractional parts, spreading fractions to the
// smaller units with Neo4j's average month (Neo4j's `approximate`).
Result<Duration> ApproximateDuration(double months, double days, double seconds, double nanos);
// A duration from whole parts; ArithmeticError on overflow.
Result<Duration> ExactDuration(int64_t months, int64_t days, int64_t seconds, int64_t nanos);
// Whole seconds of a duration's time part, rounded down (Neo4j's seconds).
inline int64_t DurationSeconds(const Duration& d) { return d.seconds; }
// Nanoseconds of a duration within its second, in [0, 1e9).
inline int64_t DurationNanos(const Duration& d) { return d.nanos; }

// Neo4j renderings (graph/temporal.h): 2015-07-21, -0005-01-01.
inline std::string FormatDate(int64_t days) { return FormatDays(days); }
using dyad::FormatDateTime;
using dyad::FormatDuration;
using dyad::FormatOffset;

}  // namespace dyad::query::temporal
