// Conversion between RapidJSON values and dyad Values, using the tagged JSON
// of INTERFACES.md ({"~date": ...}, {"~float": "NaN"}, ...).
#pragma once

#include <string>

#include <rapidjson/document.h>

#include "graph/status.h"
#include "graph/value.h"

namespace dyad {

// Converts JSON to a Value: integers to int64, numbers with '.' or 'e' to
// float, tagged objects to dates, datetimes, durations and special floats.
// Errors (an integer outside int64, a bad date) name the problem.
Status ValueFromJson(const rapidjson::Value& json, Value* out);

// Parses an ISO 8601 duration such as P1Y2M3DT4H5M6.5S.
bool ParseIsoDuration(const std::string& s, Duration* out);
// Parses an ISO 8601 datetime such as 2017-06-01T12:30:00Z or ...+08:00.
bool ParseIsoDateTime(const std::string& s, DateTime* out);

}  // namespace dyad
