// Evaluation of compiled expressions with Cypher's null semantics.
#include <cmath>
#include <regex>

#include "query/exec/operator.h"
#include "query/exec/scan_ops.h"
#include "query/expr/compiled_expr.h"
#include "query/expr/value_ops.h"

namespace dyad::query {

namespace {

Status TypeError(const CExpr& e, std::string msg) { return Status::TypeError(std::move(msg)).WithPosition(e.pos.line, e.pos.column); }

// Boolean-or-null operand of AND/OR/XOR/NOT.
Status AsTruth(const CExpr& e, const Value& v, int* out) {  // -1 null, 0 false, 1 true
  if (v.is_null()) *out = -1;
  else if (v.is_bool()) *out = v.as_bool() ? 1 : 0;
  else return TypeError(e, std::string("expected a Boolean, got ") + KindName(v));
  return Status::OK();
}

Status Comparison(ast::BinaryOp op, const Value& a, const Value& b, Value* out) {
  using B = ast::BinaryOp;
  if (op == B::kEq || op == B::kNeq) {
    Value eq = CypherEquals(a, b);
    *out = eq.is_null() ? Value() : Value(op == B::kEq ? eq.as_bool() : !eq.as_bool());
    return Status::OK();
  }
  // NaN is unordered: comparing it with a number is false, not null.
  auto is_nan = [](const Value& v) { return v.is_float() && std::isnan(v.as_float()); };
  if (a.is_number() && b.is_number() && (is_nan(a) || is_nan(b))) {
    *out = Value(false);
    return Status::OK();
  }
  auto c = CypherCompare(a, b);
  if (!c) {
    *out = Value();
    return Status::OK();
  }
  switch (op) {
    case B::kLt: *out = Value(*c < 0); break;
    case B::kGt: *out = Value(*c > 0); break;
    case B::kLe: *out = Value(*c <= 0); break;
    default: *out = Value(*c >= 0); break;
  }
  return Status::OK();
}

Status InList(const Value& needle, const Value& list, Value* out) {
  if (list.is_null()) {
    *out = Value();
    return Status::OK();
  }
  if (!list.is_list()) return Status::TypeError(std::string("IN expects a List, got ") + KindName(list));
  bool unknown = false;
  for (const Value& e : list.as_list()) {
    Value eq = CypherEquals(needle, e);
    if (eq.is_null()) unknown = true;
    else if (eq.as_bool()) {
      *out = Value(true);
      return Status::OK();
    }
  }
  *out = unknown ? Value() : Value(false);
  return Status::OK();
}

Status Binary(const CExpr& e, const Value& a, const Value& b, Value* out) {
  using B = ast::BinaryOp;
  Result<Value> r = Value();
  switch (e.op) {
    case B::kEq: case B::kNeq: case B::kLt: case B::kGt: case B::kLe: case B::kGe:
      return Comparison(e.op, a, b, out);
    case B::kIn: {
      Status s = InList(a, b, out);
      return s.ok() ? s : s.WithPosition(e.pos.line, e.pos.column);
    }
    case B::kStartsWith: case B::kEndsWith: case B::kContains: {
      if (!a.is_string() || !b.is_string()) {
        *out = Value();
        return Status::OK();
      }
      const std::string &s = a.as_string(), &t = b.as_string();
      bool r2 = e.op == B::kStartsWith ? s.compare(0, t.size(), t) == 0 && s.size() >= t.size()
                : e.op == B::kEndsWith ? s.size() >= t.size() && s.compare(s.size() - t.size(), t.size(), t) == 0
                                       : s.find(t) != std::string::npos;
      *out = Value(r2);
      return Status::OK();
    }
    case B::kRegexMatch: {
      if (!a.is_string() || !b.is_string()) {
        *out = Value();
        return Status::OK();
      }
      try {
        // Java-style inline flags at the start, as Neo4j accepts: (?i) (?s) (?m).
        std::string pattern = b.as_string();
        auto flags = std::regex::ECMAScript;
        while (pattern.size() >= 4 && pattern.compare(0, 2, "(?") == 0 && pattern[3] == ')') {
          if (pattern[2] == 'i') flags |= std::regex::icase;
          else if (pattern[2] != 's' && pattern[2] != 'm') break;
          pattern = pattern.substr(4);
        }
        std::regex re(pattern, flags);
        *out = Value(std::regex_match(a.as_string(), re));
      } catch (const std::regex_error&) {
        return Status::ArgumentError("invalid regular expression '" + b.as_string() + "'").WithPosition(e.pos.line, e.pos.column);
      }
      return Status::OK();
    }
    case B::kAdd: r = Add(a, b); break;
    case B::kSub: r = Subtract(a, b); break;
    case B::kMul: r = Multiply(a, b); break;
    case B::kDiv: r = Divide(a, b); break;
    case B::kMod: r = Modulo(a, b); break;
    case B::kPow: r = Power(a, b); break;
    default: return Status::Internal("unexpected binary operator");
  }
  if (!r.ok()) return r.status().line() ? r.status() : r.status().WithPosition(e.pos.line, e.pos.column);
  *out = std::move(r.value());
  return Status::OK();
}

// Normalizes a possibly negative index into [0, size]; false when outside.
bool NormalizeIndex(int64_t i, size_t size, int64_t* out) {
  if (i < 0) i += static_cast<int64_t>(size);
  *out = i;
  return i >= 0 && i < static_cast<int64_t>(size);
}

Status Index(const CExpr& e, const Value& obj, const Value& idx, ExecContext& ctx, Value* out) {
  *out = Value();
  if (obj.is_null() || idx.is_null()) return Status::OK();
  if (obj.is_list()) {
    if (!idx.is_int()) return TypeError(e, std::string("list index must be an Integer, got ") + KindName(idx));
    int64_t i;
    if (NormalizeIndex(idx.as_int(), obj.as_list().size(), &i)) *out = obj.as_list()[i];
    return Status::OK();
  }
  if (obj.is_map() || obj.is_node() || obj.is_rel()) {
    if (!idx.is_string()) return TypeError(e, std::string("map key must be a String, got ") + KindName(idx));
    return PropertyOf(obj, idx.as_string(), ctx, out);
  }
  return TypeError(e, std::string("cannot index into ") + KindName(obj));
}

Status Slice(const CExpr& e, const Value& obj, const Value* from, const Value* to, Value* out) {
  *out = Value();
  if (obj.is_null() || (from && from->is_null()) || (to && to->is_null())) return Status::OK();
  if (!obj.is_list()) return TypeError(e, std::string("cannot slice ") + KindName(obj));
  if ((from && !from->is_int()) || (to && !to->is_int())) return TypeError(e, "slice bounds must be Integers");
  const List& l = obj.as_list();
  int64_t n = static_cast<int64_t>(l.size());
  int64_t a = from ? from->as_int() : 0, b = to ? to->as_int() : n;
  if (a < 0) a += n;
  if (b < 0) b += n;
  a = std::clamp<int64_t>(a, 0, n);
  b = std::clamp<int64_t>(b, 0, n);
  List r;
  for (int64_t i = a; i < b; ++i) r.push_back(l[i]);
  *out = Value(std::move(r));
  return Status::OK();
}

Status HasLabels(const CExpr& e, const Value& v, ExecContext& ctx, Value* out) {
  if (v.is_null()) {
    *out = Value();
    return Status::OK();
  }
  if (v.is_node()) {
    const NodeRecord* n;
    DYAD_RETURN_IF_ERROR(ctx.GetNode(v.as_node().id, &n));
    for (const auto& l : e.names) {
      auto id = ctx.txn()->LabelId(l);
      if (!id || !n->HasLabel(*id)) {
        *out = Value(false);
        return Status::OK();
      }
    }
    *out = Value(true);
    return Status::OK();
  }
  if (v.is_rel()) {
    const EdgeRecord* r;
    DYAD_RETURN_IF_ERROR(ctx.GetEdge(v.as_rel().id, &r));
    std::string type = ctx.txn()->TypeName(r->type);
    bool all = true;
    for (const auto& l : e.names) all = all && l == type;
    *out = Value(all);
    return Status::OK();
  }
  return TypeError(e, std::string("label predicate on ") + KindName(v));
}

Status Properties(const Value& v, ExecContext& ctx, Map* out) {
  const PropertyList* props = nullptr;
  if (v.is_node()) {
    const NodeRecord* n;
    DYAD_RETURN_IF_ERROR(ctx.GetNode(v.as_node().id, &n));
    props = &n->props;
  } else if (v.is_rel()) {
    const EdgeRecord* r;
    DYAD_RETURN_IF_ERROR(ctx.GetEdge(v.as_rel().id, &r));
    props = &r->props;
  } else if (v.is_map()) {
    *out = v.as_map();
    return Status::OK();
  }
  if (props)
    for (const auto& [k, val] : *props) (*out)[ctx.txn()->KeyName(k)] = val;
  return Status::OK();
}

// Runs a sub-plan seeded with row; calls f for each produced row until it
// returns false.
template <typename F>
Status RunSub(const SubPlan& sub, Row& row, ExecContext& ctx, F f) {
  sub.argument->set_row(&row);
  DYAD_RETURN_IF_ERROR(sub.root->Open(ctx));
  Row r;
  while (true) {
    bool has = false;
    DYAD_RETURN_IF_ERROR(sub.root->Pull(ctx, r, &has));
    if (!has) break;
    bool more = true;
    DYAD_RETURN_IF_ERROR(f(r, &more));
    if (!more) break;
  }
  return Status::OK();
}

}  // namespace

Status PropertyOf(const Value& v, const std::string& key, ExecContext& ctx, Value* out, int64_t* key_id) {
  *out = Value();
  if (v.is_null()) return Status::OK();
  if (v.is_map()) {
    auto it = v.as_map().find(key);
    if (it != v.as_map().end()) *out = it->second;
    return Status::OK();
  }
  if (v.is_node() || v.is_rel()) {
    std::optional<uint32_t> k;
    if (key_id && *key_id >= 0) {
      k = static_cast<uint32_t>(*key_id);
    } else {
      k = ctx.txn()->KeyId(key);
      if (!k) return Status::OK();
      if (key_id) *key_id = *k;
    }
    const PropertyList* props;
    if (v.is_node()) {
      const NodeRecord* n;
      Status s = ctx.GetNode(v.as_node().id, &n);
      if (!s.ok()) return Status(Status::Code::kEntityNotFound, "node " + std::to_string(v.as_node().id) + " has been deleted");
      props = &n->props;
    } else {
      const EdgeRecord* r;
      Status s = ctx.GetEdge(v.as_rel().id, &r);
      if (!s.ok()) return Status(Status::Code::kEntityNotFound, "relationship " + std::to_string(v.as_rel().id) + " has been deleted");
      props = &r->props;
    }
    if (const Value* p = FindProperty(*props, *k)) *out = *p;
    return Status::OK();
  }
  if (v.is_date() || v.is_datetime() || v.is_duration()) {
    auto r = TemporalProperty(v, key);
    if (!r.ok()) return r.status();
    *out = std::move(r.value());
    return Status::OK();
  }
  return Status::TypeError(std::string("cannot read property '") + key + "' of " + KindName(v));
}

Status EvaluatePredicate(const CExpr& e, Row& row, ExecContext& ctx, bool* out) {
  Value v;
  DYAD_RETURN_IF_ERROR(Evaluate(e, row, ctx, &v));
  if (v.is_null()) {
    *out = false;
    return Status::OK();
  }
  if (!v.is_bool()) return TypeError(e, std::string("expected a Boolean predicate, got ") + KindName(v));
  *out = v.as_bool();
  return Status::OK();
}

namespace {

// The value of parameter name, or null. A few parameters (the usual case)
// are scanned for equality (lengths first): cheaper than the tree's two
// ordering comparisons per level.
const Value* FindParam(const Map& params, const std::string& name) {
  if (params.size() <= 4) {
    for (const auto& [key, value] : params)
      if (key == name) return &value;
    return nullptr;
  }
  auto it = params.find(name);
  return it == params.end() ? nullptr : &it->second;
}

}  // namespace

Status EvaluateRef(const CExpr& e, Row& row, ExecContext& ctx, Value* scratch, const Value** out) {
  switch (e.kind) {
    case CKind::kConst: *out = &e.constant; return Status::OK();
    case CKind::kParam: {
      const Value* p = FindParam(ctx.params(), e.name);
      if (!p) break;  // Evaluate reports it
      *out = p;
      return Status::OK();
    }
    case CKind::kSlot: *out = &GetSlot(row, e.slot); return Status::OK();
    default: break;
  }
  *out = scratch;
  return Evaluate(e, row, ctx, scratch);
}

Status Evaluate(const CExpr& e, Row& row, ExecContext& ctx, Value* out) {
  switch (e.kind) {
    case CKind::kConst: *out = e.constant; return Status::OK();
    case CKind::kParam: {
      const Value* p = FindParam(ctx.params(), e.name);
      if (!p)
        return Status(Status::Code::kParameterMissing, "expected parameter $" + e.name).WithPosition(e.pos.line, e.pos.column);
      *out = *p;
      return Status::OK();
    }
    case CKind::kSlot: *out = GetSlot(row, e.slot); return Status::OK();
    case CKind::kProperty: {
      Value obj;
      DYAD_RETURN_IF_ERROR(Evaluate(*e.kids[0], row, ctx, &obj));
      Status s = PropertyOf(obj, e.name, ctx, out, &e.key_id);
      return s.ok() || s.line() ? s : s.WithPosition(e.pos.line, e.pos.column);
    }
    case CKind::kPropertyExists: {
      Value v;
      DYAD_RETURN_IF_ERROR(Evaluate(*e.kids[0], row, ctx, &v));
      *out = Value(!v.is_null());
      return Status::OK();
    }
    case CKind::kIndex: {
      Value obj, idx;
      DYAD_RETURN_IF_ERROR(Evaluate(*e.kids[0], row, ctx, &obj));
      DYAD_RETURN_IF_ERROR(Evaluate(*e.kids[1], row, ctx, &idx));
      return Index(e, obj, idx, ctx, out);
    }
    case CKind::kSlice: {
      Value obj, from, to;
      DYAD_RETURN_IF_ERROR(Evaluate(*e.kids[0], row, ctx, &obj));
      if (e.kids[1]) DYAD_RETURN_IF_ERROR(Evaluate(*e.kids[1], row, ctx, &from));
      if (e.kids[2]) DYAD_RETURN_IF_ERROR(Evaluate(*e.kids[2], row, ctx, &to));
      return Slice(e, obj, e.kids[1] ? &from : nullptr, e.kids[2] ? &to : nullptr, out);
    }
    case CKind::kHasLabels: {
      Value v;
      DYAD_RETURN_IF_ERROR(Evaluate(*e.kids[0], row, ctx, &v));
      return HasLabels(e, v, ctx, out);
    }
    case CKind::kNot: {
      Value v;
      DYAD_RETURN_IF_ERROR(Evaluate(*e.kids[0], row, ctx, &v));
      int t;
      DYAD_RETURN_IF_ERROR(AsTruth(e, v, &t));
      *out = t < 0 ? Value() : Value(t == 0);
      return Status::OK();
    }
    case CKind::kNegate: {
      Value v;
      DYAD_RETURN_IF_ERROR(Evaluate(*e.kids[0], row, ctx, &v));
      auto r = Negate(v);
      if (!r.ok()) return r.status().WithPosition(e.pos.line, e.pos.column);
      *out = std::move(r.value());
      return Status::OK();
    }
    case CKind::kAnd:
    case CKind::kOr:
    case CKind::kXor: {
      Value a;
      int ta, tb;
      DYAD_RETURN_IF_ERROR(Evaluate(*e.kids[0], row, ctx, &a));
      DYAD_RETURN_IF_ERROR(AsTruth(e, a, &ta));
      if (e.kind == CKind::kAnd && ta == 0) {
        *out = Value(false);
        return Status::OK();
      }
      if (e.kind == CKind::kOr && ta == 1) {
        *out = Value(true);
        return Status::OK();
      }
      Value b;
      DYAD_RETURN_IF_ERROR(Evaluate(*e.kids[1], row, ctx, &b));
      DYAD_RETURN_IF_ERROR(AsTruth(e, b, &tb));
      if (e.kind == CKind::kAnd) *out = tb == 0 ? Value(false) : (ta < 0 || tb < 0 ? Value() : Value(true));
      else if (e.kind == CKind::kOr) *out = tb == 1 ? Value(true) : (ta < 0 || tb < 0 ? Value() : Value(false));
      else *out = ta < 0 || tb < 0 ? Value() : Value(ta != tb);
      return Status::OK();
    }
    case CKind::kBinary: {
      Value a, b;
      DYAD_RETURN_IF_ERROR(Evaluate(*e.kids[0], row, ctx, &a));
      DYAD_RETURN_IF_ERROR(Evaluate(*e.kids[1], row, ctx, &b));
      return Binary(e, a, b, out);
    }
    case CKind::kIsNull:
    case CKind::kIsNotNull: {
      Value v;
      DYAD_RETURN_IF_ERROR(Evaluate(*e.kids[0], row, ctx, &v));
      *out = Value(v.is_null() == (e.kind == CKind::kIsNull));
      return Status::OK();
    }
    case CKind::kFunction: {
      std::vector<Value> args(e.kids.size());
      for (size_t i = 0; i < e.kids.size(); ++i) DYAD_RETURN_IF_ERROR(Evaluate(*e.kids[i], row, ctx, &args[i]));
      auto r = e.fn->fn(args, ctx.fn);
      if (!r.ok()) return r.status().line() ? r.status() : r.status().WithPosition(e.pos.line, e.pos.column);
      *out = std::move(r.value());
      return Status::OK();
    }
    case CKind::kCase: {
      size_t i = 0;
      Value subject;
      if (e.has_subject) DYAD_RETURN_IF_ERROR(Evaluate(*e.kids[i++], row, ctx, &subject));
      size_t end = e.kids.size() - (e.has_else ? 1 : 0);
      for (; i < end; i += 2) {
        Value w;
        DYAD_RETURN_IF_ERROR(Evaluate(*e.kids[i], row, ctx, &w));
        bool hit = e.has_subject ? CypherEquals(subject, w) == Value(true) : w == Value(true);
        if (hit) return Evaluate(*e.kids[i + 1], row, ctx, out);
      }
      if (e.has_else) return Evaluate(*e.kids.back(), row, ctx, out);
      *out = Value();
      return Status::OK();
    }
    case CKind::kList: {
      List l(e.kids.size());
      for (size_t i = 0; i < e.kids.size(); ++i) DYAD_RETURN_IF_ERROR(Evaluate(*e.kids[i], row, ctx, &l[i]));
      *out = Value(std::move(l));
      return Status::OK();
    }
    case CKind::kMap: {
      Map m;
      for (size_t i = 0; i < e.kids.size(); ++i) DYAD_RETURN_IF_ERROR(Evaluate(*e.kids[i], row, ctx, &m[e.names[i]]));
      *out = Value(std::move(m));
      return Status::OK();
    }
    case CKind::kMapProjection: {
      Value subject;
      DYAD_RETURN_IF_ERROR(Evaluate(*e.kids[0], row, ctx, &subject));
      if (subject.is_null()) {
        *out = Value();
        return Status::OK();
      }
      Map m;
      for (size_t i = 1; i < e.kids.size() + 1 && i <= e.names.size(); ++i) {
        auto kind = static_cast<ast::MapProjectionItem::Kind>(e.item_kinds[i - 1]);
        const std::string& key = e.names[i - 1];
        if (kind == ast::MapProjectionItem::Kind::kAllProperties) {
          Map all;
          DYAD_RETURN_IF_ERROR(Properties(subject, ctx, &all));
          for (auto& [k, v] : all) m[k] = v;
        } else if (kind == ast::MapProjectionItem::Kind::kProperty) {
          DYAD_RETURN_IF_ERROR(PropertyOf(subject, key, ctx, &m[key]));
        } else {
          DYAD_RETURN_IF_ERROR(Evaluate(*e.kids[i], row, ctx, &m[key]));
        }
      }
      *out = Value(std::move(m));
      return Status::OK();
    }
    case CKind::kListComprehension:
    case CKind::kQuantifier: {
      Value list;
      DYAD_RETURN_IF_ERROR(Evaluate(*e.kids[0], row, ctx, &list));
      if (list.is_null()) {
        *out = Value();
        return Status::OK();
      }
      if (!list.is_list()) return TypeError(e, std::string("expected a List, got ") + KindName(list));
      List result;
      int64_t trues = 0, nulls = 0;
      for (const Value& item : list.as_list()) {
        SetSlot(row, e.slot, item);
        int t = 1;
        if (e.kids[1]) {
          Value p;
          DYAD_RETURN_IF_ERROR(Evaluate(*e.kids[1], row, ctx, &p));
          DYAD_RETURN_IF_ERROR(AsTruth(e, p, &t));
        }
        if (e.kind == CKind::kListComprehension) {
          if (t != 1) continue;
          Value v = item;
          if (e.kids[2]) DYAD_RETURN_IF_ERROR(Evaluate(*e.kids[2], row, ctx, &v));
          result.push_back(std::move(v));
        } else {
          trues += t == 1;
          nulls += t < 0;
        }
      }
      if (e.kind == CKind::kListComprehension) {
        *out = Value(std::move(result));
        return Status::OK();
      }
      int64_t n = static_cast<int64_t>(list.as_list().size()), falses = n - trues - nulls;
      switch (e.quantifier) {
        case ast::Quantifier::kAll: *out = falses ? Value(false) : (nulls ? Value() : Value(true)); break;
        case ast::Quantifier::kAny: *out = trues ? Value(true) : (nulls ? Value() : Value(false)); break;
        case ast::Quantifier::kNone: *out = trues ? Value(false) : (nulls ? Value() : Value(true)); break;
        case ast::Quantifier::kSingle:
          *out = trues > 1 ? Value(false) : (nulls ? Value() : Value(trues == 1));
          break;
      }
      return Status::OK();
    }
    case CKind::kReduce: {
      Value acc, list;
      DYAD_RETURN_IF_ERROR(Evaluate(*e.kids[0], row, ctx, &acc));
      DYAD_RETURN_IF_ERROR(Evaluate(*e.kids[1], row, ctx, &list));
      if (list.is_null()) {
        *out = Value();
        return Status::OK();
      }
      if (!list.is_list()) return TypeError(e, std::string("reduce expects a List, got ") + KindName(list));
      for (const Value& item : list.as_list()) {
        SetSlot(row, e.slot2, acc);
        SetSlot(row, e.slot, item);
        DYAD_RETURN_IF_ERROR(Evaluate(*e.kids[2], row, ctx, &acc));
      }
      *out = acc;
      return Status::OK();
    }
    case CKind::kExists: {
      bool found = false;
      DYAD_RETURN_IF_ERROR(RunSub(*e.sub, row, ctx, [&](Row&, bool* more) {
        found = true;
        *more = false;
        return Status::OK();
      }));
      *out = Value(found);
      return Status::OK();
    }
    case CKind::kCount: {
      int64_t n = 0;
      DYAD_RETURN_IF_ERROR(RunSub(*e.sub, row, ctx, [&](Row&, bool*) {
        ++n;
        return Status::OK();
      }));
      *out = Value(n);
      return Status::OK();
    }
    case CKind::kPatternComprehension: {
      List result;
      DYAD_RETURN_IF_ERROR(RunSub(*e.sub, row, ctx, [&](Row& r, bool*) {
        Value v;
        DYAD_RETURN_IF_ERROR(Evaluate(*e.kids[0], r, ctx, &v));
        result.push_back(std::move(v));
        return Status::OK();
      }));
      *out = Value(std::move(result));
      return Status::OK();
    }
  }
  return Status::Internal("unknown expression kind");
}

}  // namespace dyad::query
