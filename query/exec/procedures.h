// Procedures callable with CALL: a registry of named generators of rows.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "graph/status.h"
#include "graph/value.h"
#include "query/exec/exec_context.h"

namespace dyad::query {

// A procedure: its signature and the function that produces its rows (each
// row holds the output fields in the order of `outputs`).
struct ProcedureDef {
  std::string name;                  // "db.labels"
  std::vector<std::string> inputs;   // argument names
  std::vector<std::string> outputs;  // yielded field names
  std::string description;
  Status (*run)(const std::vector<Value>& args, ExecContext& ctx, std::vector<std::vector<Value>>* rows);
  // How many trailing inputs a call may omit (run receives them as null).
  size_t optional_inputs = 0;
};

// Finds a procedure by name (case-insensitive), or nullptr.
const ProcedureDef* LookupProcedure(std::string_view name);
// Every registered procedure (for docs and dbms.procedures()).
const std::vector<ProcedureDef>& AllProcedures();
// Adds a procedure (called by modules such as the graph algorithms at startup).
void RegisterProcedure(ProcedureDef def);

}  // namespace dyad::query
