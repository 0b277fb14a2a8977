// Temporal helpers shared by the value layer and the query functions: the
// table of tz zone names a DateTime refers to, the wall clock of a DateTime,
// and the Neo4j/TCK renderings of the temporal types.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "graph/value.h"

namespace dyad {

constexpr int64_t kNanosPerSecond = 1'000'000'000;
constexpr int64_t kSecondsPerDay = 86'400;
constexpr int64_t kNanosPerDay = kSecondsPerDay * kNanosPerSecond;

// The id of a tz database zone name (1, 2, ...), interned for this process.
uint16_t InternZone(std::string_view name);
// The name of an interned zone ("" for 0 or an unknown id).
std::string ZoneName(uint16_t id);

// The wall clock of a temporal value: days since the epoch and nanoseconds
// of the day (days is 0 for the time kinds).
void WallClock(const DateTime& dt, int64_t* days, int64_t* nanos_of_day);

// 12:31, 12:31:14, 12:31:14.645, 12:31:14.645876, 12:31:14.645876123.
std::string FormatLocalTime(int64_t nanos_of_day);
// Z, +01:00, -02:05:07.
std::string FormatOffset(int32_t offset_seconds);
// The ISO rendering of a date from its day number (1984-10-11, -0005-01-01,
// +10000-01-01).
std::string FormatDays(int64_t days);

// Compares two temporal values of the same kind by instant (datetime, time)
// or wall clock (local kinds); <0, 0 or >0.
int CompareDateTime(const DateTime& a, const DateTime& b);
// Compares durations field by field (months, days, seconds, nanos).
int CompareDuration(const Duration& a, const Duration& b);

}  // namespace dyad
