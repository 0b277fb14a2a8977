// The function table: every area's functions, looked up case-insensitively.
#include <algorithm>
#include <cctype>
#include <chrono>
#include <string>
#include <unordered_map>
#include <vector>

#include "query/functions/function_registry.h"
#include "query/functions/function_util.h"

namespace dyad::query {

int64_t FunctionContext::StatementTime() {
  if (statement_time_micros == 0)
    statement_time_micros =
        std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::system_clock::now().time_since_epoch())
            .count();
  return statement_time_micros;
}

namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// The table and its index, built once (thread-safe static initialization).
struct Registry {
  std::vector<FunctionDef> defs;
  std::unordered_map<std::string, const FunctionDef*> by_name;

  Registry() {
    fn::AddStringFunctions(&defs);
    fn::AddListFunctions(&defs);
    fn::AddMathFunctions(&defs);
    fn::AddConversionFunctions(&defs);
    fn::AddGraphFunctions(&defs);
    fn::AddTemporalFunctions(&defs);
    std::sort(defs.begin(), defs.end(),
              [](const FunctionDef& a, const FunctionDef& b) { return Lower(a.name) < Lower(b.name); });
    for (const FunctionDef& d : defs) by_name.emplace(Lower(d.name), &d);
  }
};

const Registry& TheRegistry() {
  static const Registry* r = new Registry();
  return *r;
}

}  // namespace

const FunctionDef* LookupFunction(std::string_view name) {
  const Registry& r = TheRegistry();
  auto it = r.by_name.find(Lower(name));
  return it == r.by_name.end() ? nullptr : it->second;
}

std::vector<const FunctionDef*> AllFunctions() {
  std::vector<const FunctionDef*> out;
  for (const FunctionDef& d : TheRegistry().defs) out.push_back(&d);
  return out;
}

}  // namespace dyad::query
