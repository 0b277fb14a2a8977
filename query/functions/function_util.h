// Helpers shared by the files of the function library (not a public API):
// error builders, argument checks, UTF-8 handling, and the per-area tables
// that registry.cc collects.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "graph/status.h"
#include "graph/value.h"
#include "query/functions/function_registry.h"

namespace dyad::query::fn {

// The Cypher name of a value's kind for messages ("Integer", "String").
const char* KindOf(const Value& v);

// TypeError "<fn>(): expected <expected>, got <kind of got>".
Status ArgTypeError(std::string_view fn, std::string_view expected, const Value& got);
// ArgumentError "<fn>(): <what>".
Status ArgError(std::string_view fn, std::string_view what);
// ArithmeticError "<fn>(): <what>".
Status ArithError(std::string_view fn, std::string_view what);

// Reads an integer argument (TypeError naming fn and what otherwise).
Status GetInt(std::string_view fn, const Value& v, std::string_view what, int64_t* out);

// Number of code points in s (an invalid byte counts as one).
int64_t Utf8Length(std::string_view s);
// Byte offset reached by advancing n code points from byte pos (clamped to
// the end of s).
size_t Utf8Advance(std::string_view s, size_t pos, int64_t n);
// Decodes s into code points (an invalid byte becomes U+FFFD).
std::u32string Utf8Decode(std::string_view s);
// Appends the UTF-8 encoding of c to out.
void Utf8Append(char32_t c, std::string* out);
// Encodes code points as UTF-8.
std::string Utf8Encode(std::u32string_view s);

// Formats a float the way Java's Double.toString does (Neo4j's toString()):
// 2.3, 1.0E10, 1.0E-5, NaN, Infinity.
std::string JavaDoubleString(double d);

// Each area appends its functions to the registry table.
void AddStringFunctions(std::vector<FunctionDef>* defs);
void AddListFunctions(std::vector<FunctionDef>* defs);
void AddMathFunctions(std::vector<FunctionDef>* defs);
void AddConversionFunctions(std::vector<FunctionDef>* defs);
void AddGraphFunctions(std::vector<FunctionDef>* defs);
void AddTemporalFunctions(std::vector<FunctionDef>* defs);

}  // namespace dyad::query::fn
