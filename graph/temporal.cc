// Zone name interning, wall clocks, comparison and rendering of temporal
// values (value.h's FormatDate/FormatDateTime/FormatDuration live here).
#include "graph/temporal.h"

#include <cstdio>
#include <mutex>
#include <vector>

namespace dyad {

namespace {

int64_t FloorDivide(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

struct ZoneTable {
  std::mutex mu;
  std::vector<std::string> names{""};
};

ZoneTable& Zones() {
  static ZoneTable* t = new ZoneTable();
  return *t;
}

template <typename T>
int Sign(T a, T b) { return a < b ? -1 : a > b ? 1 : 0; }

}  // namespace

uint16_t InternZone(std::string_view name) {
  ZoneTable& t = Zones();
  std::lock_guard<std::mutex> lock(t.mu);
  for (size_t i = 1; i < t.names.size(); ++i) {
    if (t.names[i] == name) return static_cast<uint16_t>(i);
  }
  if (t.names.size() >= 65535) return 0;
  t.names.emplace_back(name);
  return static_cast<uint16_t>(t.names.size() - 1);
}

std::string ZoneName(uint16_t id) {
  ZoneTable& t = Zones();
  std::lock_guard<std::mutex> lock(t.mu);
  return id < t.names.size() ? t.names[id] : std::string();
}

void WallClock(const DateTime& dt, int64_t* days, int64_t* nanos_of_day) {
  // Days and seconds of the instant first, then the offset: no intermediate
  // overflows for any int64 seconds (datetime({epochSeconds: ...}) near the
  // ends of the range, or a corrupt record, overflowed seconds + offset and
  // days * 86400).
  int64_t d = dt.seconds / kSecondsPerDay, s = dt.seconds % kSecondsPerDay;  // |s| < 86400
  s += dt.offset_seconds;  // |offset| < 2^31
  d += FloorDivide(s, kSecondsPerDay);
  s -= FloorDivide(s, kSecondsPerDay) * kSecondsPerDay;
  *days = d;
  *nanos_of_day = s * kNanosPerSecond + dt.nanos;
}

std::string FormatLocalTime(int64_t tod) {
  int64_t secs = tod / kNanosPerSecond, frac = tod % kNanosPerSecond;
  char buf[64];
  snprintf(buf, sizeof buf, "%02lld:%02lld", static_cast<long long>(secs / 3600), static_cast<long long>(secs / 60 % 60));
  std::string out = buf;
  if (secs % 60 || frac) {
    snprintf(buf, sizeof buf, ":%02lld", static_cast<long long>(secs % 60));
    out += buf;
    if (frac == 0) {
    } else if (frac % 1'000'000 == 0) {
      snprintf(buf, sizeof buf, ".%03lld", static_cast<long long>(frac / 1'000'000));
      out += buf;
    } else if (frac % 1000 == 0) {
      snprintf(buf, sizeof buf, ".%06lld", static_cast<long long>(frac / 1000));
      out += buf;
    } else {
      snprintf(buf, sizeof buf, ".%09lld", static_cast<long long>(frac));
      out += buf;
    }
  }
  return out;
}

std::string FormatOffset(int32_t offset) {
  if (offset == 0) return "Z";
  int64_t a = offset < 0 ? -int64_t{offset} : offset;  // INT32_MIN in a corrupt record
  char buf[48];
  snprintf(buf, sizeof buf, "%c%02lld:%02lld", offset < 0 ? '-' : '+', static_cast<long long>(a / 3600),
           static_cast<long long>(a / 60 % 60));
  std::string out = buf;
  if (a % 60) {
    snprintf(buf, sizeof buf, ":%02lld", static_cast<long long>(a % 60));
    out += buf;
  }
  return out;
}

std::string FormatDays(int64_t days) {
  int64_t y, m, d;
  CivilFromDays(days, &y, &m, &d);
  char buf[96];
  if (y > -1000 && y < 1000) {
    snprintf(buf, sizeof buf, "%s%04lld", y < 0 ? "-" : "", static_cast<long long>(y < 0 ? -y : y));
  } else {
    snprintf(buf, sizeof buf, "%s%lld", y > 9999 ? "+" : "", static_cast<long long>(y));
  }
  std::string out = buf;
  snprintf(buf, sizeof buf, "-%02lld-%02lld", static_cast<long long>(m), static_cast<long long>(d));
  return out + buf;
}

std::string FormatDate(Date date) { return FormatDays(date.days); }

std::string FormatDateTime(DateTime dt) {
  int64_t days, tod;
  WallClock(dt, &days, &tod);
  switch (dt.kind) {
    case TimeKind::kLocalTime: return FormatLocalTime(tod);
    case TimeKind::kTime: return FormatLocalTime(tod) + FormatOffset(dt.offset_seconds);
    case TimeKind::kLocalDateTime: return FormatDays(days) + "T" + FormatLocalTime(tod);
    case TimeKind::kDateTime: break;
  }
  std::string out = FormatDays(days) + "T" + FormatLocalTime(tod) + FormatOffset(dt.offset_seconds);
  if (dt.zone) out += "[" + ZoneName(dt.zone) + "]";
  return out;
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
  std::string out = "P";
  AppendUnit(&out, d.months / 12, 'Y');
  AppendUnit(&out, d.months % 12, 'M');
  AppendUnit(&out, d.days, 'D');
  if (d.seconds != 0 || d.nanos != 0) {
    // Show negative times with a negative fraction: -1.5s is "-1.5S".
    bool negative = d.seconds < 0;
    int64_t s = d.seconds, n = d.nanos;
    if (negative && n != 0) {
      ++s;
      n -= kNanosPerSecond;
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

int CompareDateTime(const DateTime& a, const DateTime& b) {
  if (a.seconds != b.seconds) return Sign(a.seconds, b.seconds);
  return Sign(a.nanos, b.nanos);
}

int CompareDuration(const Duration& a, const Duration& b) {
  if (a.months != b.months) return Sign(a.months, b.months);
  if (a.days != b.days) return Sign(a.days, b.days);
  if (a.seconds != b.seconds) return Sign(a.seconds, b.seconds);
  return Sign(a.nanos, b.nanos);
}

}  // namespace dyad
