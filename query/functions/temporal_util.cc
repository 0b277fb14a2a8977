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
  l.days = FloorDiv(dt.micros, kMicrosPerDay);
  l.tod = FloorMod(dt.micros, kMicrosPerDay) + int64_t{dt.offset_seconds} * kMicrosPerSecond;
  if (l.tod >= kMicrosPerDay) {
    l.tod -= kMicrosPerDay;
    ++l.days;
  } else if (l.tod < 0) {
    l.tod += kMicrosPerDay;
    --l.days;
  }
  return l;
}

bool FromLocal(LocalDateTime l, int32_t offset, DateTime* out) {
  int64_t m;
  if (__builtin_mul_overflow(l.days, kMicrosPerDay, &m)) return false;
  if (__builtin_add_overflow(m, l.tod - int64_t{offset} * kMicrosPerSecond, &m)) return false;
  out->micros = m;
  out->offset_seconds = offset;
  return true;
}

Result<Duration> ExactDuration(int64_t months, int64_t days, int64_t seconds, int64_t nanos) {
  int64_t micros;
  if (__builtin_mul_overflow(seconds, kMicrosPerSecond, &micros) ||
      __builtin_add_overflow(micros, nanos / 1000, &micros)) {
    return Status(Status::Code::kArithmeticError, "duration out of range");
  }
  Duration d;
  d.months = months;
  d.days = days;
  d.micros = micros;
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

std::string FormatDate(int64_t days) {
  Civil c = ToCivil(days);
  char buf[64];
  int64_t y = c.year;
  if (y > -1000 && y < 1000) {
    snprintf(buf, sizeof buf, "%s%04lld", y < 0 ? "-" : "", static_cast<long long>(y < 0 ? -y : y));
  } else {
    snprintf(buf, sizeof buf, "%s%lld", y > 9999 ? "+" : "", static_cast<long long>(y));
  }
  std::string out = buf;
  snprintf(buf, sizeof buf, "-%02lld-%02lld", static_cast<long long>(c.month), static_cast<long long>(c.day));
  return out + buf;
}

std::string FormatOffset(int32_t offset) {
  if (offset == 0) return "Z";
  int32_t a = offset < 0 ? -offset : offset;
  char buf[32];
  snprintf(buf, sizeof buf, "%c%02d:%02d", offset < 0 ? '-' : '+', a / 3600, a / 60 % 60);
  std::string out = buf;
  if (a % 60) {
    snprintf(buf, sizeof buf, ":%02d", a % 60);
    out += buf;
  }
  return out;
}

std::string FormatDateTime(DateTime dt) {
  LocalDateTime l = ToLocal(dt);
  int64_t secs = l.tod / kMicrosPerSecond, frac = l.tod % kMicrosPerSecond;
  char buf[64];
  snprintf(buf, sizeof buf, "T%02lld:%02lld", static_cast<long long>(secs / 3600),
           static_cast<long long>(secs / 60 % 60));
  std::string out = FormatDate(l.days) + buf;
  if (secs % 60 || frac) {
    snprintf(buf, sizeof buf, ":%02lld", static_cast<long long>(secs % 60));
    out += buf;
    if (frac % 1000 == 0) {
      snprintf(buf, sizeof buf, ".%03lld", static_cast<long long>(frac / 1000));
      if (frac) out += buf;
    } else {
      snprintf(buf, sizeof buf, ".%06lld", static_cast<long long>(frac));
      out += buf;
    }
  }
  return out + FormatOffset(dt.offset_seconds);
}

namespace {

void AppendUnit(std::string* out, int64_t n, char unit) {
  if (n != 0) *out += std::to_string(n) + unit;
}

// ".5", ".000000001": the fraction of a second, without trailing zeros.
void AppendNanos(std::string* out, int64_t n) {
  char buf[32];
  snprintf(buf, sizeof buf, ".%09lld", static_cast<long long>(n < 0 ? -n : n));
  std::string f = buf;
  while (f.back() == '0') f.pop_back();
  *out += f;
}

}  // namespace

std::string FormatDuration(const Duration& d) {
  int64_t seconds = DurationSeconds(d), nanos = DurationNanos(d);
  std::string out = "P";
  AppendUnit(&out, d.months / 12, 'Y');
  AppendUnit(&out, d.months % 12, 'M');
  AppendUnit(&out, d.days, 'D');
  if (seconds != 0 || nanos != 0) {
    // Show negative times with a negative fraction: -1.5s is "-1.5S".
    bool negative = seconds < 0;
    int64_t s = seconds, n = nanos;
    if (negative && n != 0) {
      ++s;
      n -= 1'000'000'000;
    }
    out += 'T';
    AppendUnit(&out, s / 3600, 'H');
    s %= 3600;
    AppendUnit(&out, s / 60, 'M');
    s %= 60;
    if (s != 0) {
      out += std::to_string(s);
      if (n != 0) AppendNanos(&out, n);
      out += 'S';
    } else if (n != 0) {
      out += negative ? "-0" : "0";
      AppendNanos(&out, n);
      out += 'S';
    }
  }
  return out == "P" ? "PT0S" : out;
}

}  // namespace dyad::query::temporal
