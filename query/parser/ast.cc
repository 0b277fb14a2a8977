// AST helpers: the canonical printer and out-of-line destructors.
#include "query/parser/ast.h"

#include <cstdio>

namespace dyad::query::ast {

SubqueryExpr::SubqueryExpr() = default;
SubqueryExpr::~SubqueryExpr() = default;

const char* BinaryOpName(BinaryOp op) {
  switch (op) {
    case BinaryOp::kOr: return "OR";
    case BinaryOp::kXor: return "XOR";
    case BinaryOp::kAnd: return "AND";
    case BinaryOp::kEq: return "=";
    case BinaryOp::kNeq: return "<>";
    case BinaryOp::kLt: return "<";
    case BinaryOp::kGt: return ">";
    case BinaryOp::kLe: return "<=";
    case BinaryOp::kGe: return ">=";
    case BinaryOp::kRegexMatch: return "=~";
    case BinaryOp::kStartsWith: return "STARTS WITH";
    case BinaryOp::kEndsWith: return "ENDS WITH";
    case BinaryOp::kContains: return "CONTAINS";
    case BinaryOp::kIn: return "IN";
    case BinaryOp::kAdd: return "+";
    case BinaryOp::kSub: return "-";
    case BinaryOp::kMul: return "*";
    case BinaryOp::kDiv: return "/";
    case BinaryOp::kMod: return "%";
    case BinaryOp::kPow: return "^";
  }
  return "?";
}

const char* UnaryOpName(UnaryOp op) {
  switch (op) {
    case UnaryOp::kNot: return "NOT";
    case UnaryOp::kNegate: return "-";
    case UnaryOp::kPlus: return "+";
  }
  return "?";
}

const char* QuantifierName(Quantifier q) {
  switch (q) {
    case Quantifier::kAll: return "all";
    case Quantifier::kAny: return "any";
    case Quantifier::kNone: return "none";
    case Quantifier::kSingle: return "single";
  }
  return "?";
}

std::string QuoteName(std::string_view name) {
  bool plain = !name.empty() && !(name[0] >= '0' && name[0] <= '9');
  for (char c : name) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    if (!ok) plain = false;
  }
  if (plain) return std::string(name);
  std::string out = "`";
  for (char c : name) {
    if (c == '`') out += '`';
    out += c;
  }
  return out + "`";
}

std::string QuoteString(std::string_view s) {
  std::string out = "'";
  for (char c : s) {
    switch (c) {
      case '\\': out += "\\\\"; break;
      case '\'': out += "\\'"; break;
      case '\n': out += "\\n"; break;
      case '\t': out += "\\t"; break;
      case '\r': out += "\\r"; break;
      default: out += c;
    }
  }
  return out + "'";
}

namespace {

std::string Join(const std::vector<std::string>& parts, const char* sep) {
  std::string out;
  for (size_t i = 0; i < parts.size(); ++i) {
    if (i) out += sep;
    out += parts[i];
  }
  return out;
}

std::string ExprList(const std::vector<ExprPtr>& exprs) {
  std::vector<std::string> parts;
  for (const ExprPtr& e : exprs) parts.push_back(ToString(*e));
  return Join(parts, ", ");
}

std::string Labels(const std::vector<std::string>& labels) {
  std::string out;
  for (const std::string& l : labels) out += ":" + QuoteName(l);
  return out;
}

std::string Literal(const Value& v) {
  if (v.is_string()) return QuoteString(v.as_string());
  if (v.is_null()) return "null";
  return v.ToString();
}

std::string Node(const NodePattern& n) {
  std::string out = "(" + (n.variable.empty() ? "" : QuoteName(n.variable)) + Labels(n.labels);
  if (n.properties) out += (out.size() > 1 ? " " : "") + ToString(*n.properties);
  return out + ")";
}

std::string Rel(const RelPattern& r) {
  std::string detail = r.variable.empty() ? "" : QuoteName(r.variable);
  for (size_t i = 0; i < r.types.size(); ++i) detail += (i ? "|" : ":") + QuoteName(r.types[i]);
  if (r.length) {
    detail += "*";
    const VarLength& len = *r.length;
    if (len.min && len.max && *len.min == *len.max) {
      detail += std::to_string(*len.min);
    } else if (len.min || len.max) {
      if (len.min) detail += std::to_string(*len.min);
      detail += "..";
      if (len.max) detail += std::to_string(*len.max);
    }
  }
  if (r.properties) detail += (detail.empty() ? "" : " ") + ToString(*r.properties);
  std::string body = detail.empty() ? "--" : "-[" + detail + "]-";
  switch (r.direction) {
    case RelDirection::kOutgoing: return body + ">";
    case RelDirection::kIncoming: return "<" + body;
    case RelDirection::kBoth: return body;
  }
  return body;
}

std::string SetItems(const std::vector<SetItem>& items) {
  std::vector<std::string> parts;
  for (const SetItem& it : items) {
    switch (it.kind) {
      case SetItem::Kind::kProperty:
        parts.push_back(ToString(*it.property) + " = " + ToString(*it.value));
        break;
      case SetItem::Kind::kReplaceProperties:
        parts.push_back(QuoteName(it.variable) + " = " + ToString(*it.value));
        break;
      case SetItem::Kind::kMergeProperties:
        parts.push_back(QuoteName(it.variable) + " += " + ToString(*it.value));
        break;
      case SetItem::Kind::kLabels:
        parts.push_back(QuoteName(it.variable) + Labels(it.labels));
        break;
    }
  }
  return Join(parts, ", ");
}

std::string Projection(const char* keyword, const ProjectionBody& b) {
  std::string out = keyword;
  if (b.distinct) out += " DISTINCT";
  std::vector<std::string> items;
  if (b.star) items.push_back("*");
  for (const ProjectionItem& it : b.items) {
    std::string s = ToString(*it.expr);
    if (!it.alias.empty()) s += " AS " + QuoteName(it.alias);
    items.push_back(s);
  }
  out += " " + Join(items, ", ");
  if (!b.order_by.empty()) {
    std::vector<std::string> keys;
    for (const SortItem& s : b.order_by) keys.push_back(ToString(*s.expr) + (s.descending ? " DESC" : ""));
    out += " ORDER BY " + Join(keys, ", ");
  }
  if (b.skip) out += " SKIP " + ToString(*b.skip);
  if (b.limit) out += " LIMIT " + ToString(*b.limit);
  return out;
}

std::string Pattern(const std::vector<PatternPart>& parts) {
  std::vector<std::string> out;
  for (const PatternPart& p : parts) out.push_back(ToString(p));
  return Join(out, ", ");
}

}  // namespace

std::string ToString(const PatternPart& part) {
  std::string chain = Node(part.nodes[0]);
  for (size_t i = 0; i < part.rels.size(); ++i) chain += Rel(part.rels[i]) + Node(part.nodes[i + 1]);
  if (part.kind == PatternPartKind::kShortest) chain = "shortestPath(" + chain + ")";
  if (part.kind == PatternPartKind::kAllShortest) chain = "allShortestPaths(" + chain + ")";
  if (!part.path_variable.empty()) chain = QuoteName(part.path_variable) + " = " + chain;
  return chain;
}

std::string ToString(const Expr& expr) {
  switch (expr.kind()) {
    case ExprKind::kLiteral:
      return Literal(expr.As<LiteralExpr>().value);
    case ExprKind::kParameter: {
      const std::string& name = expr.As<ParameterExpr>().name;
      bool digits = !name.empty() && name.find_first_not_of("0123456789") == std::string::npos;
      return "$" + (digits ? name : QuoteName(name));  // $0 stays $0
    }
    case ExprKind::kVariable:
      return QuoteName(expr.As<VariableExpr>().name);
    case ExprKind::kProperty: {
      const auto& e = expr.As<PropertyExpr>();
      return ToString(*e.object) + "." + QuoteName(e.key);
    }
    case ExprKind::kIndex: {
      const auto& e = expr.As<IndexExpr>();
      return ToString(*e.object) + "[" + ToString(*e.index) + "]";
    }
    case ExprKind::kSlice: {
      const auto& e = expr.As<SliceExpr>();
      return ToString(*e.object) + "[" + (e.from ? ToString(*e.from) : "") + ".." +
             (e.to ? ToString(*e.to) : "") + "]";
    }
    case ExprKind::kHasLabels: {
      const auto& e = expr.As<HasLabelsExpr>();
      return ToString(*e.object) + Labels(e.labels);
    }
    case ExprKind::kUnary: {
      const auto& e = expr.As<UnaryExpr>();
      return std::string("(") + UnaryOpName(e.op) + (e.op == UnaryOp::kNot ? " " : "") + ToString(*e.operand) +
             ")";
    }
    case ExprKind::kBinary: {
      const auto& e = expr.As<BinaryExpr>();
      return "(" + ToString(*e.lhs) + " " + BinaryOpName(e.op) + " " + ToString(*e.rhs) + ")";
    }
    case ExprKind::kIsNull: {
      const auto& e = expr.As<IsNullExpr>();
      return "(" + ToString(*e.operand) + (e.negated ? " IS NOT NULL)" : " IS NULL)");
    }
    case ExprKind::kFunctionCall: {
      const auto& e = expr.As<FunctionCallExpr>();
      return e.name + "(" + (e.distinct ? "DISTINCT " : "") + ExprList(e.args) + ")";
    }
    case ExprKind::kCountStar:
      return "count(*)";
    case ExprKind::kCase: {
      const auto& e = expr.As<CaseExpr>();
      std::string out = "CASE";
      if (e.subject) out += " " + ToString(*e.subject);
      for (const CaseAlternative& a : e.alternatives) {
        out += " WHEN " + ToString(*a.when) + " THEN " + ToString(*a.then);
      }
      if (e.else_value) out += " ELSE " + ToString(*e.else_value);
      return out + " END";
    }
    case ExprKind::kList:
      return "[" + ExprList(expr.As<ListExpr>().elements) + "]";
    case ExprKind::kMap: {
      std::vector<std::string> parts;
      for (const auto& [k, v] : expr.As<MapExpr>().entries) parts.push_back(QuoteName(k) + ": " + ToString(*v));
      return "{" + Join(parts, ", ") + "}";
    }
    case ExprKind::kMapProjection: {
      const auto& e = expr.As<MapProjectionExpr>();
      std::vector<std::string> parts;
      for (const MapProjectionItem& it : e.items) {
        switch (it.kind) {
          case MapProjectionItem::Kind::kProperty: parts.push_back("." + QuoteName(it.key)); break;
          case MapProjectionItem::Kind::kAllProperties: parts.push_back(".*"); break;
          case MapProjectionItem::Kind::kVariable: parts.push_back(QuoteName(it.key)); break;
          case MapProjectionItem::Kind::kEntry:
            parts.push_back(QuoteName(it.key) + ": " + ToString(*it.value));
            break;
        }
      }
      return QuoteName(e.variable) + "{" + Join(parts, ", ") + "}";
    }
    case ExprKind::kListComprehension: {
      const auto& e = expr.As<ListComprehensionExpr>();
      std::string out = "[" + QuoteName(e.variable) + " IN " + ToString(*e.list);
      if (e.predicate) out += " WHERE " + ToString(*e.predicate);
      if (e.projection) out += " | " + ToString(*e.projection);
      return out + "]";
    }
    case ExprKind::kQuantifier: {
      const auto& e = expr.As<QuantifierExpr>();
      std::string out = std::string(QuantifierName(e.quantifier)) + "(" + QuoteName(e.variable) + " IN " +
                        ToString(*e.list);
      if (e.predicate) out += " WHERE " + ToString(*e.predicate);
      return out + ")";
    }
    case ExprKind::kReduce: {
      const auto& e = expr.As<ReduceExpr>();
      return "reduce(" + QuoteName(e.accumulator) + " = " + ToString(*e.init) + ", " + QuoteName(e.variable) +
             " IN " + ToString(*e.list) + " | " + ToString(*e.expression) + ")";
    }
    case ExprKind::kPattern:
      return ToString(expr.As<PatternExpr>().pattern);
    case ExprKind::kPatternComprehension: {
      const auto& e = expr.As<PatternComprehensionExpr>();
      std::string out = "[" + ToString(e.pattern);
      if (e.predicate) out += " WHERE " + ToString(*e.predicate);
      return out + " | " + ToString(*e.projection) + "]";
    }
    case ExprKind::kSubquery: {
      const auto& e = expr.As<SubqueryExpr>();
      std::string out = e.subquery_kind == SubqueryExpr::Kind::kExists ? "EXISTS { " : "COUNT { ";
      if (e.query) {
        out += ToString(*e.query);
      } else {
        out += Pattern(e.pattern);
        if (e.where) out += " WHERE " + ToString(*e.where);
      }
      return out + " }";
    }
  }
  return "?";
}

std::string ToString(const Clause& clause) {
  switch (clause.kind()) {
    case ClauseKind::kMatch: {
      const auto& c = clause.As<MatchClause>();
      std::string out = std::string(c.optional ? "OPTIONAL MATCH " : "MATCH ") + Pattern(c.pattern);
      if (c.where) out += " WHERE " + ToString(*c.where);
      return out;
    }
    case ClauseKind::kUnwind: {
      const auto& c = clause.As<UnwindClause>();
      return "UNWIND " + ToString(*c.list) + " AS " + QuoteName(c.variable);
    }
    case ClauseKind::kWith: {
      const auto& c = clause.As<WithClause>();
      std::string out = Projection("WITH", c.body);
      if (c.where) out += " WHERE " + ToString(*c.where);
      return out;
    }
    case ClauseKind::kReturn:
      return Projection("RETURN", clause.As<ReturnClause>().body);
    case ClauseKind::kCreate:
      return "CREATE " + Pattern(clause.As<CreateClause>().pattern);
    case ClauseKind::kMerge: {
      const auto& c = clause.As<MergeClause>();
      std::string out = "MERGE " + ToString(c.pattern);
      for (const MergeAction& a : c.actions) {
        out += std::string(a.on_create ? " ON CREATE SET " : " ON MATCH SET ") + SetItems(a.items);
      }
      return out;
    }
    case ClauseKind::kSet:
      return "SET " + SetItems(clause.As<SetClause>().items);
    case ClauseKind::kRemove: {
      std::vector<std::string> parts;
      for (const RemoveItem& it : clause.As<RemoveClause>().items) {
        parts.push_back(it.kind == RemoveItem::Kind::kProperty ? ToString(*it.property)
                                                               : QuoteName(it.variable) + Labels(it.labels));
      }
      return "REMOVE " + Join(parts, ", ");
    }
    case ClauseKind::kDelete: {
      const auto& c = clause.As<DeleteClause>();
      return std::string(c.detach ? "DETACH DELETE " : "DELETE ") + ExprList(c.targets);
    }
    case ClauseKind::kCall: {
      const auto& c = clause.As<CallClause>();
      std::string out = "CALL " + c.procedure;
      if (c.has_arguments) out += "(" + ExprList(c.args) + ")";
      if (c.has_yield) {
        std::vector<std::string> ys;
        if (c.yield_star) ys.push_back("*");
        for (const YieldItem& y : c.yields) {
          ys.push_back(QuoteName(y.field) + (y.alias.empty() ? "" : " AS " + QuoteName(y.alias)));
        }
        out += " YIELD " + Join(ys, ", ");
      }
      if (c.where) out += " WHERE " + ToString(*c.where);
      return out;
    }
  }
  return "?";
}

std::string ToString(const Query& query) {
  std::string out;
  for (size_t i = 0; i < query.parts.size(); ++i) {
    if (i) out += query.union_all[i - 1] ? " UNION ALL " : " UNION ";
    std::vector<std::string> clauses;
    for (const ClausePtr& c : query.parts[i].clauses) clauses.push_back(ToString(*c));
    out += Join(clauses, " ");
  }
  return out;
}

std::string ToString(const Statement& statement) {
  std::string prefix = statement.mode == ExecutionMode::kExplain   ? "EXPLAIN "
                       : statement.mode == ExecutionMode::kProfile ? "PROFILE "
                                                                   : "";
  if (statement.query) return prefix + ToString(*statement.query);
  std::vector<std::string> props;
  if (statement.create_index) {
    const CreateIndex& c = *statement.create_index;
    for (const std::string& p : c.properties) props.push_back(QuoteName(p));
    std::string out = prefix + "CREATE INDEX ";
    if (!c.name.empty()) out += QuoteName(c.name) + " ";
    if (c.if_not_exists) out += "IF NOT EXISTS ";
    return out + "ON :" + QuoteName(c.label) + "(" + Join(props, ", ") + ")";
  }
  if (statement.drop_index) {
    const DropIndex& d = *statement.drop_index;
    if (!d.name.empty()) return prefix + "DROP INDEX " + QuoteName(d.name) + (d.if_exists ? " IF EXISTS" : "");
    for (const std::string& p : d.properties) props.push_back(QuoteName(p));
    return prefix + "DROP INDEX ON :" + QuoteName(d.label) + "(" + Join(props, ", ") + ")";
  }
  return prefix;
}

}  // namespace dyad::query::ast
