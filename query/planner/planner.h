// Planner: binds an AST against scopes (undefined variables, type
// conflicts, misplaced aggregates are SemanticErrors with positions) and
// builds the physical operator tree, choosing index seeks and the
// expansion order of each pattern.
#pragma once

#include <memory>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "graph/status.h"
#include "query/exec/operator.h"
#include "query/exec/relational_ops.h"
#include "query/exec/scan_ops.h"
#include "query/exec/write_ops.h"
#include "query/expr/compiled_expr.h"
#include "query/parser/ast.h"
#include "query/planner/scope.h"
#include "storage/graph_store.h"

namespace dyad::query {

// A planned statement: the operator tree and where its columns are.
struct Plan {
  std::unique_ptr<Operator> root;
  std::vector<std::string> columns;
  std::vector<int> column_slots;
  bool writes = false;
  // The row an execution pulls into, kept so that a rerun of a cached or
  // prepared plan does not allocate it again.
  Row scratch;
};

// Builds plans for one statement. Uses the store's counters and index
// catalog to choose access paths.
class Planner {
 public:
  explicit Planner(storage::GraphStore* store) : store_(store) {}

  // Plans a whole query (UNION parts included).
  Result<Plan> PlanQuery(const ast::Query& query);

  // ---- used by the expression compiler and clause planners ----
  // Compiles an expression in a scope.
  Result<CExprPtr> Compile(const ast::Expr& e, const Scope& scope);
  // Allocates a fresh row slot.
  int NewSlot() { return next_slot_++; }

 private:
  Result<Plan> PlanSingle(const ast::SingleQuery& q, bool last_part_of_union);
  Status PlanClause(const ast::Clause& c, bool is_last, std::unique_ptr<Operator>* op, Scope* scope, Plan* plan);
  // MATCH patterns: adds scans/expansions/filters for parts onto op.
  Status PlanPattern(const std::vector<const ast::PatternPart*>& parts, const ast::Expr* where, std::unique_ptr<Operator>* op,
                     Scope* scope);
  Status PlanPatternParts(const std::vector<const ast::PatternPart*>& parts, const ast::Expr* where,
                          std::unique_ptr<Operator>* op, Scope* scope);
  Status PlanPart(const ast::PatternPart& part, const ast::Expr* where, std::unique_ptr<Operator>* op, Scope* scope,
                  std::vector<int>* rel_slots);
  Status PlanShortest(const ast::PatternPart& part, std::unique_ptr<Operator>* op, Scope* scope,
                      std::vector<int>* rel_slots);
  Status StartNode(const ast::NodePattern& node, int slot, const ast::Expr* where, const Scope& before,
                   const Scope& scope, std::unique_ptr<Operator>* op);
  int PatternNodeSlot(const ast::NodePattern& np, const Scope& scope);
  // The label and property checks of a pattern node bound to slot (minus
  // the scanned label, and minus the property map entry whose value is
  // seek_value: an IndexSeekOp checked that equality already).
  Status NodeFilter(const ast::NodePattern& node, int slot, const Scope& scope, std::unique_ptr<Operator>* op,
                    bool skip_labels_scanned, const std::string& scanned_label, const ast::Expr* seek_value = nullptr);
  Status BindPatternVariables(const std::vector<const ast::PatternPart*>& parts, Scope* scope, bool for_create);
  Result<SubPlan> PatternSubPlan(const std::vector<const ast::PatternPart*>& parts, const ast::Expr* where, const Scope& scope,
                                 Scope* inner);
  Status PlanProjection(const ast::ProjectionBody& body, bool is_return, const ast::Expr* where,
                        std::unique_ptr<Operator>* op, Scope* scope, Plan* plan);
  Status PlanCreate(const std::vector<const ast::PatternPart*>& parts, Scope* scope, std::vector<CreatePartSpec>* out);
  Status PlanCreateInto(const std::vector<const ast::PatternPart*>& parts, Scope* before, const Scope& after,
                        std::vector<CreatePartSpec>* out);
  Status PlanSetItems(const std::vector<ast::SetItem>& items, const Scope& scope, std::vector<SetSpec>* out);
  Status PlanCall(const ast::CallClause& call, bool standalone, std::unique_ptr<Operator>* op, Scope* scope, Plan* plan);

  // ---- rules that pick cheaper operators (plan_rules.cc) ----
  // True when the rows of MATCH m only matter through their distinct end
  // nodes: its one relationship is variable-length (*0.. or *1..), unnamed or
  // read nowhere, and next (the clause after m) is a WITH/RETURN that ignores
  // repeated rows (DISTINCT, or only DISTINCT aggregates, min and max).
  bool OnlyDistinctEndsMatter(const ast::MatchClause& m, const ast::Clause* next) const;
  // Remembers the plan top of MATCH m when m is a whole-graph relationship
  // pattern — ()-[r:T]->(), nothing bound before (first_clause), no labels,
  // properties or WHERE — for TryRelationshipCount.
  void NoteWholeGraphRels(const ast::MatchClause& m, bool first_clause, const Operator* top, const Scope& scope);
  // When *op is the remembered pattern and the aggregation is count(*) or
  // count(r), grouped by type(r) or not: replaces the scan by a
  // RelationshipCountOp writing the key and aggregate slots; true if done.
  bool TryRelationshipCount(std::unique_ptr<Operator>* op, const std::vector<std::pair<int, CExprPtr>>& keys,
                            const std::vector<AggSpec>& aggs, const std::string& text);
  // When the aggregation is count(*) (or count of an end node) without
  // grouping right above an ExpandOp or VarExpandOp, or count(DISTINCT end)
  // right above a VarReachOp: replaces it by a CountRowsOp that has the
  // expansion count instead of produce its rows; true if done.
  bool TryCountPushdown(std::unique_ptr<Operator>* op, const std::vector<std::pair<int, CExprPtr>>& keys,
                        const std::vector<AggSpec>& aggs, const std::string& text);

  storage::GraphStore* store_;
  int next_slot_ = 0;
  // Aggregates (and grouping expressions) already computed into slots:
  // the compiler reads the slot instead of compiling the expression again.
  std::unordered_map<const ast::Expr*, int> precomputed_;
  // While planning a MATCH: the scope before it and the slots bound so far.
  const Scope* pattern_before_ = nullptr;
  std::set<int>* pattern_bound_ = nullptr;
  // The clause after the one being planned (null at the end).
  const ast::Clause* next_clause_ = nullptr;
  // Set by PlanClause for the MATCH about to be planned when
  // OnlyDistinctEndsMatter; PlanPattern takes it (nested patterns see false).
  bool distinct_ends_next_ = false;
  // While planning that MATCH's parts: its variable-length step may be a
  // VarReachOp.
  bool distinct_ends_ = false;
  // See NoteWholeGraphRels.
  struct WholeGraphRels {
    const Operator* top = nullptr;
    int rel_slot = -1;               // -1: the relationship is anonymous
    std::vector<std::string> types;  // empty: any type
    std::string text;                // the pattern, for EXPLAIN
  };
  WholeGraphRels whole_graph_rels_;
  friend class ExprCompiler;
};

// A compile-time error located at pos. The openCypher TCK classifies
// binding errors (undefined variables, type conflicts, misplaced aggregates)
// as SyntaxErrors, so they carry that kind.
Status SemanticErrorAt(ast::Position pos, const std::string& message);

// True when name is an aggregate function (count, sum, avg, min, max,
// collect, stDev, stDevP, percentileCont, percentileDisc).
bool IsAggregateName(const std::string& name);

// True when e contains an aggregate call (not looking into sub-queries).
bool ContainsAggregate(const ast::Expr& e);

// True when every aggregate call in e has the same result however often
// each input row repeats (DISTINCT aggregates, min, max); true without any.
bool AggregatesIgnoreDuplicates(const ast::Expr& e);

}  // namespace dyad::query
