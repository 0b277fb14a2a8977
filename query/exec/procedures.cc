#include "query/exec/procedures.h"

#include <algorithm>
#include <cctype>
#include <mutex>

namespace dyad::query {

namespace {

Status Names(storage::NameKind kind, ExecContext& ctx, std::vector<std::vector<Value>>* rows) {
  storage::Counters c = ctx.txn()->store()->counters();
  const auto& counts = kind == storage::NameKind::kLabel ? c.per_label : c.per_type;
  for (auto& [id, name] : ctx.txn()->store()->dict().All(kind)) {
    if (kind != storage::NameKind::kKey) {
      auto it = counts.find(id);
      if (it == counts.end() || it->second <= 0) continue;  // no longer used
    }
    rows->push_back({Value(name)});
  }
  std::sort(rows->begin(), rows->end(), [](const auto& a, const auto& b) { return a[0].as_string() < b[0].as_string(); });
  return Status::OK();
}

std::vector<ProcedureDef>& Registry() {
  static std::vector<ProcedureDef> registry = {
      {"db.labels", {}, {"label"}, "the labels in use",
       [](const std::vector<Value>&, ExecContext& ctx, std::vector<std::vector<Value>>* rows) {
         return Names(storage::NameKind::kLabel, ctx, rows);
       }},
      {"db.relationshipTypes", {}, {"relationshipType"}, "the relationship types in use",
       [](const std::vector<Value>&, ExecContext& ctx, std::vector<std::vector<Value>>* rows) {
         return Names(storage::NameKind::kType, ctx, rows);
       }},
      {"db.propertyKeys", {}, {"propertyKey"}, "every property key ever used",
       [](const std::vector<Value>&, ExecContext& ctx, std::vector<std::vector<Value>>* rows) {
         return Names(storage::NameKind::kKey, ctx, rows);
       }},
      {"dbms.procedures", {}, {"name", "signature", "description"}, "the procedures available",
       [](const std::vector<Value>&, ExecContext&, std::vector<std::vector<Value>>* rows) {
         for (const auto& p : AllProcedures()) {
           std::string sig = p.name + "(";
           for (size_t i = 0; i < p.inputs.size(); ++i) sig += (i ? ", " : "") + p.inputs[i];
           sig += ") :: (";
           for (size_t i = 0; i < p.outputs.size(); ++i) sig += (i ? ", " : "") + p.outputs[i];
           rows->push_back({Value(p.name), Value(sig + ")"), Value(p.description)});
         }
         return Status::OK();
       }},
  };
  return registry;
}

std::mutex& RegistryMutex() {
  static std::mutex mu;
  return mu;
}

bool SameName(std::string_view a, std::string_view b) {
  return a.size() == b.size() &&
         std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) { return std::tolower(x) == std::tolower(y); });
}

}  // namespace

const ProcedureDef* LookupProcedure(std::string_view name) {
  std::lock_guard lock(RegistryMutex());
  for (const auto& p : Registry())
    if (SameName(p.name, name)) return &p;
  return nullptr;
}

const std::vector<ProcedureDef>& AllProcedures() { return Registry(); }

void RegisterProcedure(ProcedureDef def) {
  std::lock_guard lock(RegistryMutex());
  Registry().push_back(std::move(def));
}

}  // namespace dyad::query
