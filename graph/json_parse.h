// ParseJson: RapidJSON's DOM parser with exact numbers and a nesting limit.
//
// Debian's RapidJSON 1.1.0 converts numbers wrongly: in full-precision mode
// a zero significand with a large exponent takes an undefined path (0e110
// gave 1.6e293, 0.000000000000000000000000e99 a negative number), and its
// default mode rounds about a third of random doubles off by an ulp. Its
// recursive parser also overflows the stack on deeply nested input (an
// 800 KB request body of '[' crashed the server). Every JSON document dyad
// reads from outside goes through ParseJson instead.
#pragma once

#include <string_view>

#include <rapidjson/document.h>

#include "graph/status.h"

namespace dyad {

// The deepest nesting of arrays and objects ParseJson accepts.
constexpr int kMaxJsonDepth = 256;

// Parses text (one JSON value, UTF-8, an optional BOM) into *doc. Integers
// become int64 (else uint64, else a double, as RapidJSON would); other
// numbers are rounded correctly. Invalid JSON, a number too large for a
// double or nesting deeper than kMaxJsonDepth is InvalidArgument naming the
// problem and its byte offset; *doc is then left as it was.
Status ParseJson(std::string_view text, rapidjson::Document* doc);

}  // namespace dyad
