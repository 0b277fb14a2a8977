// The scalar function library: lookup by name, argument checking, and the
// graph access some functions need (labels(), type(), properties(), ...).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "graph/status.h"
#include "graph/value.h"

namespace dyad::storage {
class Transaction;
}

namespace dyad::query {

// What a function may use besides its arguments.
struct FunctionContext {
  // The query's transaction: to read labels, types and properties of nodes
  // and relationships. Never null during execution.
  storage::Transaction* txn = nullptr;
  // The statement's time in microseconds since the epoch (UTC), so that
  // date() / datetime() without arguments are stable within one statement;
  // 0 until StatementTime() first reads the clock.
  int64_t statement_time_micros = 0;

  // The statement time, read from the clock on first use (most statements
  // never ask, and a clock read is a noticeable part of a tiny query).
  int64_t StatementTime();
};

// A scalar function: args already evaluated; returns the value or an error
// (ArgumentError / TypeError with a message naming the function).
using ScalarFunction = Result<Value> (*)(const std::vector<Value>& args, FunctionContext& ctx);

// A registered function.
struct FunctionDef {
  const char* name;  // canonical spelling, e.g. "toUpper", "date.truncate"
  int min_args;
  int max_args;      // -1: variadic
  ScalarFunction fn;
};

// Finds a function by name, case-insensitively ("TOUPPER" finds toUpper).
// Aggregates (count, sum, ...) are not here: the planner handles them.
const FunctionDef* LookupFunction(std::string_view name);

// Every registered function (for docs and `:help`).
std::vector<const FunctionDef*> AllFunctions();

// value.key for temporal values (date.year, duration.days, ...): returns the
// component or an error when the key does not exist for that kind.
Result<Value> TemporalProperty(const Value& temporal, std::string_view key);

// Arithmetic on temporal values: date/datetime ± duration, duration ±
// duration, duration * / number. Returns TypeError for other combinations.
Result<Value> TemporalAdd(const Value& a, const Value& b);
Result<Value> TemporalSubtract(const Value& a, const Value& b);
Result<Value> TemporalMultiply(const Value& a, const Value& b);
Result<Value> TemporalDivide(const Value& a, const Value& b);

}  // namespace dyad::query
