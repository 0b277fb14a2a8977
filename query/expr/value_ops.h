// Cypher's operators on values: three-valued equality and comparison,
// arithmetic with overflow checks, and truthiness.
#pragma once

#include <optional>

#include "graph/status.h"
#include "graph/value.h"

namespace dyad::query {

// Cypher `=`: true, false, or null (unknown) when either side is or contains
// a null that decides the outcome. Values of different kinds are not equal.
Value CypherEquals(const Value& a, const Value& b);

// Cypher `<` family: the ordering of comparable values (numbers, strings,
// booleans, dates, datetimes, lists of comparable values), or nullopt when
// they are not comparable (then the comparison yields null).
std::optional<int> CypherCompare(const Value& a, const Value& b);

// a + b (numbers, string concatenation, list concatenation/append, temporal).
Result<Value> Add(const Value& a, const Value& b);
// a - b.
Result<Value> Subtract(const Value& a, const Value& b);
// a * b.
Result<Value> Multiply(const Value& a, const Value& b);
// a / b (integer division for two integers; / by zero is an error for ints).
Result<Value> Divide(const Value& a, const Value& b);
// a % b.
Result<Value> Modulo(const Value& a, const Value& b);
// a ^ b (always a float).
Result<Value> Power(const Value& a, const Value& b);
// -a.
Result<Value> Negate(const Value& a);

// The name of a value's kind as error messages use it ("Integer", "String").
const char* KindName(const Value& v);

}  // namespace dyad::query
