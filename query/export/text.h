// Text helpers shared by the export formats: escaping for XML, DOT and CSV,
// values as attribute text, and values as plain JSON.
#pragma once

#include <ostream>
#include <string>
#include <string_view>

#include <rapidjson/ostreamwrapper.h>
#include <rapidjson/writer.h>

#include "graph/value.h"

namespace dyad::query {

// Escapes &, <, >, " and ' for XML text and attribute values, and drops the
// control characters XML 1.0 forbids.
std::string XmlEscape(std::string_view s);
// Escapes a string for a double-quoted DOT string: '"' and '\' get a
// backslash, newlines become \n.
std::string DotEscape(std::string_view s);
// Quotes a CSV field when it needs it (RFC 4180: doubled quotes).
std::string CsvField(std::string_view s);

// A value as attribute text: strings as they are, numbers in full
// precision (NaN, INF, -INF), booleans true/false, dates and durations in
// ISO 8601, lists and maps as tagged JSON (INTERFACES.md).
std::string ValueText(const Value& v);
// A value as tagged JSON text.
std::string TaggedJson(const Value& v);

// The JSON writer of the JSON formats (streams into an ostream).
using StreamJsonWriter = rapidjson::Writer<rapidjson::OStreamWrapper>;
// Writes a value as plain JSON for JavaScript readers: numbers, strings,
// booleans, arrays, objects; dates and durations as ISO 8601 strings;
// NaN and infinities as null.
void WritePlainJson(StreamJsonWriter& w, const Value& v);
// Writes a string (any length) through w.
inline void WriteJsonString(StreamJsonWriter& w, std::string_view s) {
  w.String(s.data(), static_cast<rapidjson::SizeType>(s.size()));
}

// A color for the i-th label of a palette (qualitative, readable with black
// text), as "#rrggbb".
const char* PaletteColor(size_t i);

}  // namespace dyad::query
