// Static type inference for compile-time type errors (see static_types.h).
#include "query/planner/static_types.h"

#include <algorithm>
#include <cctype>

#include "query/planner/planner.h"

namespace dyad::query {

using namespace ast;

namespace {

const char* TypeName(StaticType t) {
  switch (t) {
    case StaticType::kAny: return "Any";
    case StaticType::kNull: return "Null";
    case StaticType::kBool: return "Boolean";
    case StaticType::kInt: return "Integer";
    case StaticType::kFloat: return "Float";
    case StaticType::kString: return "String";
    case StaticType::kList: return "List";
    case StaticType::kMap: return "Map";
    case StaticType::kNode: return "Node";
    case StaticType::kRel: return "Relationship";
    case StaticType::kPath: return "Path";
  }
  return "Any";
}

StaticType OfValue(const Value& v) {
  switch (v.type()) {
    case ValueType::kNull: return StaticType::kNull;
    case ValueType::kBool: return StaticType::kBool;
    case ValueType::kInt: return StaticType::kInt;
    case ValueType::kFloat: return StaticType::kFloat;
    case ValueType::kString: return StaticType::kString;
    case ValueType::kList: return StaticType::kList;
    case ValueType::kMap: return StaticType::kMap;
    default: return StaticType::kAny;
  }
}

bool IsNumber(StaticType t) { return t == StaticType::kInt || t == StaticType::kFloat; }

// An InvalidArgumentType error at e.
Status Mismatch(const Expr& e, const std::string& what, StaticType got) {
  return SemanticErrorAt(e.pos, "Type mismatch: " + what + ", but was " + TypeName(got) + " (InvalidArgumentType)");
}

// True when t is one of the listed (certain) types.
bool OneOf(StaticType t, std::initializer_list<StaticType> ts) {
  return std::find(ts.begin(), ts.end(), t) != ts.end();
}

std::string Lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

}  // namespace

StaticType TypeOf(const Expr& e, const Scope& scope) {
  switch (e.kind()) {
    case ExprKind::kLiteral: return OfValue(e.As<LiteralExpr>().value);
    case ExprKind::kVariable: {
      auto v = scope.Find(e.As<VariableExpr>().name);
      if (!v) return StaticType::kAny;
      switch (v->kind) {
        case VarKind::kNode: return StaticType::kNode;
        case VarKind::kRel: return StaticType::kRel;
        case VarKind::kPath: return StaticType::kPath;
        case VarKind::kRelList: return StaticType::kList;
        default: return v->type;
      }
    }
    case ExprKind::kList:
    case ExprKind::kListComprehension:
    case ExprKind::kPatternComprehension: return StaticType::kList;
    case ExprKind::kMap:
    case ExprKind::kMapProjection: return StaticType::kMap;
    case ExprKind::kHasLabels:
    case ExprKind::kIsNull:
    case ExprKind::kQuantifier:
    case ExprKind::kPattern: return StaticType::kBool;
    case ExprKind::kCountStar: return StaticType::kInt;
    case ExprKind::kSubquery:
      return e.As<SubqueryExpr>().subquery_kind == SubqueryExpr::Kind::kExists ? StaticType::kBool : StaticType::kInt;
    case ExprKind::kUnary: {
      const auto& u = e.As<UnaryExpr>();
      if (u.op == UnaryOp::kNot) return StaticType::kBool;
      StaticType t = TypeOf(*u.operand, scope);
      return IsNumber(t) ? t : StaticType::kAny;
    }
    case ExprKind::kBinary: {
      const auto& b = e.As<BinaryExpr>();
      if (b.op <= BinaryOp::kIn) return StaticType::kBool;
      StaticType l = TypeOf(*b.lhs, scope), r = TypeOf(*b.rhs, scope);
      if (b.op == BinaryOp::kAdd && (l == StaticType::kList || r == StaticType::kList)) return StaticType::kList;
      if (b.op == BinaryOp::kAdd && l == StaticType::kString && r == StaticType::kString) return StaticType::kString;
      if (IsNumber(l) && IsNumber(r)) {
        if (b.op == BinaryOp::kPow) return StaticType::kFloat;
        return l == StaticType::kInt && r == StaticType::kInt ? StaticType::kInt : StaticType::kFloat;
      }
      return StaticType::kAny;
    }
    default: return StaticType::kAny;
  }
}

StaticType ElementTypeOf(const Expr& list, const Scope& scope) {
  if (list.kind() != ExprKind::kList) return StaticType::kAny;
  StaticType common = StaticType::kNull;
  for (const auto& x : list.As<ListExpr>().elements) {
    StaticType t = TypeOf(*x, scope);
    if (t == StaticType::kNull) continue;
    if (t == StaticType::kAny) return StaticType::kAny;
    if (common != StaticType::kNull && common != t) return StaticType::kAny;
    common = t;
  }
  return common == StaticType::kNull ? StaticType::kAny : common;
}

Status CheckOperandTypes(const Expr& e, const Scope& scope) {
  using T = StaticType;
  switch (e.kind()) {
    case ExprKind::kUnary: {
      const auto& u = e.As<UnaryExpr>();
      T t = TypeOf(*u.operand, scope);
      if (u.op == UnaryOp::kNot && !OneOf(t, {T::kAny, T::kNull, T::kBool}))
        return Mismatch(*u.operand, "expected Boolean", t);
      if (u.op != UnaryOp::kNot && OneOf(t, {T::kBool, T::kString, T::kList, T::kMap, T::kNode, T::kRel, T::kPath}))
        return Mismatch(*u.operand, "expected a number or a Duration", t);
      return Status::OK();
    }
    case ExprKind::kBinary: {
      const auto& b = e.As<BinaryExpr>();
      if (b.op == BinaryOp::kAnd || b.op == BinaryOp::kOr || b.op == BinaryOp::kXor) {
        for (const ExprPtr* side : {&b.lhs, &b.rhs}) {
          T t = TypeOf(**side, scope);
          if (!OneOf(t, {T::kAny, T::kNull, T::kBool})) return Mismatch(**side, "expected Boolean", t);
        }
        return Status::OK();
      }
      if (b.op == BinaryOp::kIn) {
        T t = TypeOf(*b.rhs, scope);
        if (!OneOf(t, {T::kAny, T::kNull, T::kList})) return Mismatch(*b.rhs, "expected List", t);
        return Status::OK();
      }
      if (b.op == BinaryOp::kSub || b.op == BinaryOp::kMul || b.op == BinaryOp::kDiv || b.op == BinaryOp::kMod ||
          b.op == BinaryOp::kPow) {
        for (const ExprPtr* side : {&b.lhs, &b.rhs}) {
          T t = TypeOf(**side, scope);
          if (OneOf(t, {T::kBool, T::kString, T::kList, T::kMap, T::kNode, T::kRel, T::kPath}))
            return Mismatch(**side, "expected a number, a temporal value or a Duration", t);
        }
      }
      return Status::OK();
    }
    case ExprKind::kProperty: {
      T t = TypeOf(*e.As<PropertyExpr>().object, scope);
      if (OneOf(t, {T::kBool, T::kInt, T::kFloat, T::kString, T::kList, T::kPath}))
        return Mismatch(*e.As<PropertyExpr>().object, "expected a Node, Relationship or Map", t);
      return Status::OK();
    }
    case ExprKind::kFunctionCall: {
      const auto& f = e.As<FunctionCallExpr>();
      if (f.args.size() != 1) return Status::OK();
      std::string name = Lower(f.name);
      T t = TypeOf(*f.args[0], scope);
      auto refuse = [&](std::initializer_list<T> bad, const char* expected) -> Status {
        if (OneOf(t, bad)) return Mismatch(*f.args[0], std::string(f.name) + "() expected " + expected, t);
        return Status::OK();
      };
      if (name == "labels") return refuse({T::kBool, T::kInt, T::kFloat, T::kString, T::kList, T::kMap, T::kPath}, "a Node");
      if (name == "type") return refuse({T::kBool, T::kInt, T::kFloat, T::kString, T::kList, T::kMap, T::kNode, T::kPath}, "a Relationship");
      if (name == "properties") return refuse({T::kBool, T::kInt, T::kFloat, T::kString, T::kList, T::kPath}, "a Map, Node or Relationship");
      if (name == "length") return refuse({T::kBool, T::kInt, T::kFloat, T::kMap, T::kNode, T::kRel}, "a Path");
      if (name == "size") return refuse({T::kBool, T::kInt, T::kFloat, T::kMap, T::kNode, T::kRel, T::kPath}, "a List or String");
      return Status::OK();
    }
    default: return Status::OK();
  }
}

Status CheckPredicateType(const Expr& e, const Scope& scope) {
  StaticType t = TypeOf(e, scope);
  if (t == StaticType::kAny || t == StaticType::kNull || t == StaticType::kBool) return Status::OK();
  return Mismatch(e, "expected Boolean", t);
}

}  // namespace dyad::query
