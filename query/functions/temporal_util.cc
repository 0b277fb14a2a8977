// Calendar arithmetic, duration construction and Neo4j-style formatting.
#include "query/functions/temporal_util.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace dyad::query::temporal {

bool IsLeap(int64_t y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int64_t DaysInMonth(int64_t y, int64_t m) {
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && IsLeap(y) ? 29 : kDays[m - 1];
}

// Howard Hinnant's days_from_civil, valid for any proleptic Gregorian date.
int64_t CivilToDays(int64_t y, int64_t m, int64_t d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const int64_t yoe = y - era * 400;
  const int64_t doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

Civil ToCivil(int64_t days) {
  Civil c;
  CivilFromDays(days, &c.year, &c.month, &c.day);
  return c;
}

bool ValidCivil(int64_t y, int64_t m, int64_t d) {
  return y >= kMinYear && y <= kMaxYear && m >= 1 && m <= 12 && d >= 1 && d <= DaysInMonth(y, m);
}

int64_t DayOfWeek(int64_t days) { return FloorMod(days + 3, 7) + 1; }

int64_t OrdinalDay(int64_t days) { return days - CivilToDays(ToCivil(days).year, 1, 1) + 1; }

int64_t WeekYearStart(int64_t wy) {
  int64_t jan4 = CivilToDays(wy, 1, 4);
  return jan4 - (DayOfWeek(jan4) - 1);
}

int64_t WeeksInWeekYear(int64_t wy) { return (WeekYearStart(wy + 1) - WeekYearStart(wy)) / 7; }

void IsoWeek(int64_t days, int64_t* week_year, int64_t* week) {
  int64_t y = ToCivil(days).year;
  int64_t start = WeekYearStart(y);
  if (days < start) {
    --y;
    start = WeekYearStart(y);
  } else {
    int64_t next = WeekYearStart(y + 1);
    if (days >= next) {
      ++y;
      start = next;
    }
  }
  *week_year = y;
  *week = (days - start) / 7 + 1;
}

int64_t DayOfQuarter(int64_t days) {
  Civil c = ToCivil(days);
  return days - CivilToDays(c.year, (QuarterOf(c.month) - 1) * 3 + 1, 1) + 1;
}

bool PlusMonths(int64_t days, int64_t months, int64_t* out) {
  Civil c = ToCivil(days);
  int64_t total;
  if (__builtin_add_overflow(c.year * 12 + (c.month - 1), months, &total)) return false;
  int64_t y = FloorDiv(total, 12), m = FloorMod(total, 12) + 1;
  if (y < kMinYear || y > kMaxYear) return false;
  *out = CivilToDays(y, m, std::min(c.day, DaysInMonth(y, m)));
  return true;
}

bool DaysInRange(int64_t days) {
  static const int64_t kMin = CivilToDays(kMinYear, 1, 1), kMax = CivilToDays(kMaxYear, 12, 31);
  return days >= kMin && days <= kMax;
}

LocalDateTime ToLocal(DateTime dt) {
  LocalDateTime l;
  WallClock(dt, &l.days, &l.tod);
  return l;
}

bool FromLocal(LocalDateTime l, int32_t offset, DateTime* out) {
  int64_t s;
  if (__builtin_mul_overflow(l.days, kSecondsPerDay, &s)) return false;
  if (__builtin_add_overflow(s, l.tod / kNanosPerSecond - int64_t{offset}, &s)) return false;
  *out = DateTime{};
  out->seconds = s;
  out->nanos = static_cast<int32_t>(l.tod % kNanosPerSecond);
  out->offset_seconds = offset;
  return true;
}

DateTime MakeClock(TimeKind kind, LocalDateTime l, int32_t offset) {
  if (kind == TimeKind::kTime || kind == TimeKind::kLocalTime) l.days = 0;
  if (kind != TimeKind::kTime && kind != TimeKind::kDateTime) offset = 0;
  DateTime dt;
  // In 128 bits: the wall clock of a datetime near the ends of int64
  // (datetime({epochSeconds: ...})) overflowed here; such values saturate.
  __int128 s = static_cast<__int128>(l.days) * kSecondsPerDay + l.tod / kNanosPerSecond - offset;
  dt.seconds = s > INT64_MAX ? INT64_MAX : s < INT64_MIN ? INT64_MIN : static_cast<int64_t>(s);
  dt.nanos = static_cast<int32_t>(l.tod % kNanosPerSecond);
  dt.offset_seconds = offset;
  dt.kind = kind;
  return dt;
}

Result<Duration> ExactDuration(int64_t months, int64_t days, int64_t seconds, int64_t nanos) {
  int64_t s;
  if (__builtin_add_overflow(seconds, FloorDiv(nanos, kNanosPerSecond), &s)) {
    return Status(Status::Code::kArithmeticError, "duration out of range");
  }
  Duration d;
  d.months = months;
  d.days = days;
  d.seconds = s;
  d.nanos = static_cast<int32_t>(FloorMod(nanos, kNanosPerSecond));
  return d;
}

namespace {

// Java's (long) cast, refusing values it would saturate.
bool ToLong(double x, int64_t* out) {
  if (!std::isfinite(x) || x >= 9.2e18 || x <= -9.2e18) return false;
  *out = static_cast<int64_t>(x);
  return true;
}

}  // namespace

Result<Duration> ApproximateDuration(double months, double days, double seconds, double nanos) {
  const Status overflow(Status::Code::kArithmeticError, "duration out of range");
  int64_t m, d, s, n;
  if (!ToLong(months, &m)) return overflow;
  days += kAvgDaysPerMonth * (months - static_cast<double>(m));
  if (!ToLong(days, &d)) return overflow;
  seconds += static_cast<double>(kSecondsPerDay) * (days - static_cast<double>(d));
  if (!ToLong(seconds, &s)) return overflow;
  nanos += 1e9 * (seconds - static_cast<double>(s));
  if (!ToLong(nanos, &n)) return overflow;
  return ExactDuration(m, d, s, n);
}

}  // namespace dyad::query::temporal
