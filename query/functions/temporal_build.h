// Building dates and datetimes from maps of fields ({year, month, day, ...},
// {date: d, hour: 12}, {datetime: dt, timezone: '+05:00'}) and truncating
// them, as Neo4j's temporal builders do (not a public API).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "graph/status.h"
#include "graph/value.h"
#include "query/functions/temporal_util.h"

namespace dyad::query::temporal {

// The fields of a map argument, keyed by lower-case name.
struct Fields {
  // year, quarter, month, week, ordinalday, dayofquarter, dayofweek, day,
  // hour, minute, second, millisecond, microsecond, nanosecond,
  // epochseconds, epochmillis.
  std::map<std::string, int64_t> ints;
  std::optional<Value> date, time, datetime;  // selectors
  std::optional<Zone> zone;

  // True when the integer field was given.
  bool Has(const char* key) const { return ints.count(key) > 0; }
  // The integer field (0 when absent).
  int64_t Get(const char* key) const {
    auto it = ints.find(key);
    return it == ints.end() ? 0 : it->second;
  }
  // True when any date field was given.
  bool HasDateField() const;
  // True when any time-of-day field was given.
  bool HasTimeField() const;
};

// Reads the map argument of fn (for error messages). Time fields and the
// time/datetime selectors are refused unless with_time.
Status ReadFields(std::string_view fn, const Map& map, bool with_time, Fields* out);

// The date the fields describe: base adjusted by the fields when base is
// given, otherwise built from year, month, week, ... alone.
Status ResolveDate(std::string_view fn, const Fields& f, const int64_t* base, int64_t* days);
// The time of day the fields describe, likewise.
Status ResolveTime(std::string_view fn, const Fields& f, const int64_t* base, int64_t* tod);

// date(map): now_micros gives the current date when the map only names a
// time zone.
Status BuildDate(std::string_view fn, const Fields& f, int64_t now_micros, int64_t* days);
// datetime(map).
Status BuildDateTime(std::string_view fn, const Fields& f, int64_t now_micros, DateTime* out);

// time(map) / localtime(map): the wall-clock time and its offset.
Status BuildTime(std::string_view fn, const Fields& f, int64_t now_micros, LocalDateTime* local, int32_t* offset);

// Truncates a wall-clock time to unit (millennium ... microsecond); units
// below a day are refused unless with_time.
Status TruncateLocal(std::string_view fn, std::string_view unit, bool with_time, LocalDateTime* l);

}  // namespace dyad::query::temporal
