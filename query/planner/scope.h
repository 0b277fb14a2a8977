// Scope: the variables visible at a point of a query and the row slots that
// hold them (the binder's symbol table).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace dyad::query {

// What a variable holds, as far as the planner can tell: kValue may be
// anything (a node from a list, a parameter, ...); kScalar is known not to be
// a node, relationship or path (a literal, an arithmetic result, ...).
enum class VarKind { kNode, kRel, kRelList, kPath, kValue, kScalar };

// A value's type when the query text makes it certain (static_types.h);
// kAny when it depends on the data.
enum class StaticType { kAny, kNull, kBool, kInt, kFloat, kString, kList, kMap, kNode, kRel, kPath };

// A bound variable.
struct Variable {
  int slot = -1;
  VarKind kind = VarKind::kValue;
  StaticType type = StaticType::kAny;  // comprehension variables over literal lists
};

// Name → variable; copied freely (small).
class Scope {
 public:
  // The variable called name, if visible.
  std::optional<Variable> Find(const std::string& name) const {
    auto it = vars_.find(name);
    if (it == vars_.end()) return std::nullopt;
    return it->second;
  }
  // Binds (or rebinds) name.
  void Bind(const std::string& name, Variable v) { vars_[name] = v; }
  // True when name is visible.
  bool Has(const std::string& name) const { return vars_.count(name) > 0; }
  // Every visible user variable, sorted by name (hidden ones start with ' ').
  std::vector<std::pair<std::string, Variable>> UserVariables() const {
    std::vector<std::pair<std::string, Variable>> out;
    for (const auto& [n, v] : vars_)
      if (!n.empty() && n[0] != ' ') out.emplace_back(n, v);
    return out;
  }

 private:
  std::map<std::string, Variable> vars_;
};

}  // namespace dyad::query
