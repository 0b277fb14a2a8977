#include "query/exec/relational_ops.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <unordered_map>

#include "query/expr/value_ops.h"

namespace dyad::query {

// ---- FilterOp ----

FilterOp::FilterOp(std::unique_ptr<Operator> input, CExprPtr predicate, std::string text)
    : predicate_(std::move(predicate)), text_(std::move(text)) {
  children.push_back(std::move(input));
}

Status FilterOp::Next(ExecContext& ctx, Row& row, bool* has) {
  while (true) {
    DYAD_RETURN_IF_ERROR(input()->Pull(ctx, row, has));
    if (!*has) return Status::OK();
    bool keep = false;
    DYAD_RETURN_IF_ERROR(EvaluatePredicate(*predicate_, row, ctx, &keep));
    if (keep) return Status::OK();
  }
}

// ---- ProjectOp ----

ProjectOp::ProjectOp(std::unique_ptr<Operator> input, std::vector<std::pair<int, CExprPtr>> items, std::string text)
    : items_(std::move(items)), text_(std::move(text)) {
  children.push_back(std::move(input));
}

Status ProjectOp::Next(ExecContext& ctx, Row& row, bool* has) {
  DYAD_RETURN_IF_ERROR(input()->Pull(ctx, row, has));
  if (!*has) return Status::OK();
  // Evaluate all first: an item may read a slot another item overwrites.
  std::vector<Value> values(items_.size());
  for (size_t i = 0; i < items_.size(); ++i) DYAD_RETURN_IF_ERROR(Evaluate(*items_[i].second, row, ctx, &values[i]));
  for (size_t i = 0; i < items_.size(); ++i) SetSlot(row, items_[i].first, std::move(values[i]));
  return Status::OK();
}

// ---- UnwindOp ----

UnwindOp::UnwindOp(std::unique_ptr<Operator> input, CExprPtr list, int slot, std::string variable)
    : list_(std::move(list)), slot_(slot), variable_(std::move(variable)) {
  children.push_back(std::move(input));
}

Status UnwindOp::Open(ExecContext& ctx) {
  items_ = Value();
  next_ = 0;
  return Operator::Open(ctx);
}

Status UnwindOp::Next(ExecContext& ctx, Row& row, bool* has) {
  while (!items_.is_list() || next_ >= items_.as_list().size()) {
    bool in = false;
    DYAD_RETURN_IF_ERROR(input()->Pull(ctx, current_, &in));
    if (!in) {
      *has = false;
      return Status::OK();
    }
    Value v;
    DYAD_RETURN_IF_ERROR(Evaluate(*list_, current_, ctx, &v));
    items_ = v.is_null() ? Value(List{}) : v.is_list() ? v : Value(List{v});
    next_ = 0;
  }
  row = current_;
  SetSlot(row, slot_, items_.as_list()[next_++]);
  *has = true;
  return Status::OK();
}

// ---- SkipLimitOp ----

SkipLimitOp::SkipLimitOp(std::unique_ptr<Operator> input, CExprPtr skip, CExprPtr limit)
    : skip_(std::move(skip)), limit_(std::move(limit)) {
  children.push_back(std::move(input));
}

namespace {

Status CountArgument(const char* what, const CExpr* e, ExecContext& ctx, int64_t* out) {
  Row empty;
  Value v;
  DYAD_RETURN_IF_ERROR(Evaluate(*e, empty, ctx, &v));
  if (v.is_float() && std::floor(v.as_float()) == v.as_float()) v = Value(static_cast<int64_t>(v.as_float()));
  // The TCK classifies both (InvalidArgumentType, NegativeIntegerArgument)
  // as SyntaxErrors, even when a parameter supplies the value.
  if (!v.is_int())
    return Status::SyntaxError(std::string(what) + " must be a non-negative integer, got " + v.ToString())
        .WithPosition(e->pos.line, e->pos.column);
  if (v.as_int() < 0)
    return Status::SyntaxError(std::string(what) + " must be a non-negative integer, got " + v.ToString())
        .WithPosition(e->pos.line, e->pos.column);
  *out = v.as_int();
  return Status::OK();
}

}  // namespace

Status SkipLimitOp::Open(ExecContext& ctx) {
  to_skip_ = 0;
  left_ = -1;
  if (skip_) DYAD_RETURN_IF_ERROR(CountArgument("SKIP", skip_.get(), ctx, &to_skip_));
  if (limit_) DYAD_RETURN_IF_ERROR(CountArgument("LIMIT", limit_.get(), ctx, &left_));
  return Operator::Open(ctx);
}

Status SkipLimitOp::Next(ExecContext& ctx, Row& row, bool* has) {
  if (left_ == 0) {
    // Writes below must all happen even when no row is wanted.
    while (drain_) {
      Row r;
      bool more = false;
      DYAD_RETURN_IF_ERROR(input()->Pull(ctx, r, &more));
      if (!more) break;
    }
    *has = false;
    return Status::OK();
  }
  while (true) {
    DYAD_RETURN_IF_ERROR(input()->Pull(ctx, row, has));
    if (!*has) return Status::OK();
    if (to_skip_ > 0) {
      --to_skip_;
      continue;
    }
    if (left_ > 0) --left_;
    return Status::OK();
  }
}

std::string SkipLimitOp::Describe() const {
  return std::string(skip_ && limit_ ? "Skip+Limit" : skip_ ? "Skip" : "Limit");
}

// ---- SortOp ----

SortOp::SortOp(std::unique_ptr<Operator> input, std::vector<SortKey> keys, std::string text)
    : keys_(std::move(keys)), text_(std::move(text)) {
  children.push_back(std::move(input));
}

Status SortOp::Open(ExecContext& ctx) {
  rows_.clear();
  next_ = 0;
  loaded_ = false;
  return Operator::Open(ctx);
}

Status SortOp::Next(ExecContext& ctx, Row& row, bool* has) {
  if (!loaded_) {
    loaded_ = true;
    std::vector<std::pair<std::vector<Value>, Row>> keyed;
    Row r;
    while (true) {
      bool in = false;
      DYAD_RETURN_IF_ERROR(input()->Pull(ctx, r, &in));
      if (!in) break;
      std::vector<Value> k(keys_.size());
      for (size_t i = 0; i < keys_.size(); ++i) DYAD_RETURN_IF_ERROR(Evaluate(*keys_[i].expr, r, ctx, &k[i]));
      keyed.emplace_back(std::move(k), r);
    }
    std::stable_sort(keyed.begin(), keyed.end(), [&](const auto& a, const auto& b) {
      for (size_t i = 0; i < keys_.size(); ++i) {
        int c = CompareForOrder(a.first[i], b.first[i]);
        if (c) return keys_[i].descending ? c > 0 : c < 0;
      }
      return false;
    });
    for (auto& [k, r2] : keyed) rows_.push_back(std::move(r2));
  }
  *has = next_ < rows_.size();
  if (*has) row = std::move(rows_[next_++]);
  return Status::OK();
}

// ---- DistinctOp ----

size_t DistinctOp::Hash::operator()(const std::vector<Value>& v) const {
  size_t h = v.size();
  for (const Value& e : v) h = h * 1000003 ^ HashValue(e);
  return h;
}

DistinctOp::DistinctOp(std::unique_ptr<Operator> input, std::vector<int> slots) : slots_(std::move(slots)) {
  children.push_back(std::move(input));
}

Status DistinctOp::Open(ExecContext& ctx) {
  seen_.clear();
  seen_one_.Clear();
  return Operator::Open(ctx);
}

Status DistinctOp::Next(ExecContext& ctx, Row& row, bool* has) {
  while (true) {
    DYAD_RETURN_IF_ERROR(input()->Pull(ctx, row, has));
    if (!*has) return Status::OK();
    if (slots_.size() == 1) {
      if (seen_one_.Insert(GetSlot(row, slots_[0]))) return Status::OK();
      continue;
    }
    std::vector<Value> key;
    for (int s : slots_) key.push_back(GetSlot(row, s));
    if (seen_.insert(std::move(key)).second) return Status::OK();
  }
}

// ---- AggregateOp ----

namespace {

// The running state of one aggregate in one group.
struct AggState {
  int64_t count = 0;
  Value sum = Value(int64_t{0});
  double fsum = 0;
  bool any_float = false;
  Value best;
  List items;
  std::vector<double> numbers;
  ValueSet seen;
};

Status Accumulate(const AggSpec& spec, AggState& st, const Value& v) {
  if (spec.kind == AggKind::kCountStar) {
    ++st.count;
    return Status::OK();
  }
  if (v.is_null()) return Status::OK();
  if (spec.distinct && !st.seen.Insert(v)) return Status::OK();
  ++st.count;
  switch (spec.kind) {
    case AggKind::kSum:
    case AggKind::kAvg: {
      if (v.is_duration()) {
        auto r = Add(st.count == 1 ? Value(Duration{}) : st.sum, v);
        if (!r.ok()) return r.status();
        st.sum = r.value();
        return Status::OK();
      }
      if (!v.is_number()) return Status::TypeError(std::string("sum/avg of a ") + KindName(v));
      if (spec.kind == AggKind::kAvg) {
        st.fsum += v.as_number();
        st.any_float = true;
        return Status::OK();
      }
      auto r = Add(st.sum, v);
      if (!r.ok()) return r.status();
      st.sum = r.value();
      return Status::OK();
    }
    case AggKind::kMin:
    case AggKind::kMax: {
      if (st.best.is_null()) st.best = v;
      else {
        int c = CompareForOrder(v, st.best);
        if (spec.kind == AggKind::kMin ? c < 0 : c > 0) st.best = v;
      }
      return Status::OK();
    }
    case AggKind::kCollect: st.items.push_back(v); return Status::OK();
    case AggKind::kStDev:
    case AggKind::kStDevP:
    case AggKind::kPercentileCont:
    case AggKind::kPercentileDisc:
      if (!v.is_number()) return Status::TypeError(std::string("numeric aggregate of a ") + KindName(v));
      st.numbers.push_back(v.as_number());
      return Status::OK();
    default: return Status::OK();
  }
}

Value Finish(const AggSpec& spec, AggState& st, double percentile) {
  switch (spec.kind) {
    case AggKind::kCount:
    case AggKind::kCountStar: return Value(st.count);
    case AggKind::kSum: return st.sum;
    case AggKind::kAvg:
      if (st.count == 0) return Value();
      if (st.sum.is_duration()) {
        auto avg = Divide(st.sum, Value(st.count));
        return avg.ok() ? avg.value() : Value();
      }
      return Value(st.fsum / static_cast<double>(st.count));
    case AggKind::kMin:
    case AggKind::kMax: return st.best;
    case AggKind::kCollect: return Value(st.items);
    case AggKind::kStDev:
    case AggKind::kStDevP: {
      size_t n = st.numbers.size();
      if (n == 0 || (spec.kind == AggKind::kStDev && n == 1)) return Value(0.0);
      double mean = 0;
      for (double x : st.numbers) mean += x;
      mean /= static_cast<double>(n);
      double ss = 0;
      for (double x : st.numbers) ss += (x - mean) * (x - mean);
      return Value(std::sqrt(ss / static_cast<double>(spec.kind == AggKind::kStDev ? n - 1 : n)));
    }
    case AggKind::kPercentileCont:
    case AggKind::kPercentileDisc: {
      if (st.numbers.empty()) return Value();
      std::sort(st.numbers.begin(), st.numbers.end());
      double n = static_cast<double>(st.numbers.size());
      if (spec.kind == AggKind::kPercentileDisc) {
        size_t idx = percentile == 0 ? 0 : static_cast<size_t>(std::ceil(percentile * n)) - 1;
        return Value(st.numbers[std::min(idx, st.numbers.size() - 1)]);
      }
      double pos = percentile * (n - 1);
      size_t lo = static_cast<size_t>(std::floor(pos)), hi = static_cast<size_t>(std::ceil(pos));
      return Value(st.numbers[lo] + (st.numbers[hi] - st.numbers[lo]) * (pos - static_cast<double>(lo)));
    }
  }
  return Value();
}

}  // namespace

AggregateOp::AggregateOp(std::unique_ptr<Operator> input, std::vector<std::pair<int, CExprPtr>> keys,
                         std::vector<AggSpec> aggs, std::string text)
    : keys_(std::move(keys)), aggs_(std::move(aggs)), text_(std::move(text)) {
  children.push_back(std::move(input));
}

Status AggregateOp::Open(ExecContext& ctx) {
  out_.clear();
  next_ = 0;
  loaded_ = false;
  return Operator::Open(ctx);
}

Status AggregateOp::Load(ExecContext& ctx) {
  std::unordered_map<std::vector<Value>, size_t, DistinctOp::Hash> index;
  std::vector<std::vector<Value>> group_keys;
  std::vector<std::vector<AggState>> states;
  std::vector<double> percentiles(aggs_.size(), 0.5);
  Row r;
  while (true) {
    bool in = false;
    DYAD_RETURN_IF_ERROR(input()->Pull(ctx, r, &in));
    if (!in) break;
    size_t group = 0;
    if (keys_.empty()) {  // one group: no key to build or look up
      if (states.empty()) {
        group_keys.emplace_back();
        states.emplace_back(aggs_.size());
      }
    } else {
      std::vector<Value> key(keys_.size());
      for (size_t i = 0; i < keys_.size(); ++i) DYAD_RETURN_IF_ERROR(Evaluate(*keys_[i].second, r, ctx, &key[i]));
      auto it = index.find(key);
      if (it == index.end()) {
        it = index.emplace(key, group_keys.size()).first;
        group_keys.push_back(key);
        states.emplace_back(aggs_.size());
      }
      group = it->second;
    }
    for (size_t a = 0; a < aggs_.size(); ++a) {
      // A variable is read in place (the common count(DISTINCT b)).
      Value computed;
      const Value* arg = &computed;
      const CExpr* e = aggs_[a].arg.get();
      if (e && e->kind == CKind::kSlot) arg = &GetSlot(r, e->slot);
      else if (e) DYAD_RETURN_IF_ERROR(Evaluate(*e, r, ctx, &computed));
      const Value& v = *arg;
      if (aggs_[a].percentile) {
        Value p;
        DYAD_RETURN_IF_ERROR(Evaluate(*aggs_[a].percentile, r, ctx, &p));
        if (!p.is_number() || p.as_number() < 0 || p.as_number() > 1)
          return Status::ArgumentError("percentile must be a number between 0.0 and 1.0, got " + p.ToString());
        percentiles[a] = p.as_number();
      }
      Status s = Accumulate(aggs_[a], states[group][a], v);
      if (!s.ok()) return s.line() ? s : s.WithPosition(aggs_[a].arg ? aggs_[a].arg->pos.line : 0, aggs_[a].arg ? aggs_[a].arg->pos.column : 0);
    }
  }
  if (group_keys.empty() && keys_.empty()) {
    group_keys.emplace_back();
    states.emplace_back(aggs_.size());
  }
  for (size_t g = 0; g < group_keys.size(); ++g) {
    Row out;
    for (size_t i = 0; i < keys_.size(); ++i) SetSlot(out, keys_[i].first, group_keys[g][i]);
    for (size_t a = 0; a < aggs_.size(); ++a) SetSlot(out, aggs_[a].slot, Finish(aggs_[a], states[g][a], percentiles[a]));
    out_.push_back(std::move(out));
  }
  return Status::OK();
}

Status AggregateOp::Next(ExecContext& ctx, Row& row, bool* has) {
  if (!loaded_) {
    loaded_ = true;
    DYAD_RETURN_IF_ERROR(Load(ctx));
  }
  *has = next_ < out_.size();
  if (*has) row = std::move(out_[next_++]);
  return Status::OK();
}

// ---- UnionOp ----

UnionOp::UnionOp(std::vector<std::unique_ptr<Operator>> parts, std::vector<std::vector<int>> column_slots, bool distinct)
    : column_slots_(std::move(column_slots)), distinct_(distinct) {
  for (auto& p : parts) children.push_back(std::move(p));
}

Status UnionOp::Open(ExecContext& ctx) {
  part_ = 0;
  seen_.clear();
  return Operator::Open(ctx);
}

Status UnionOp::Next(ExecContext& ctx, Row& row, bool* has) {
  Row r;
  while (part_ < children.size()) {
    bool in = false;
    DYAD_RETURN_IF_ERROR(children[part_]->Pull(ctx, r, &in));
    if (!in) {
      ++part_;
      continue;
    }
    std::vector<Value> values;
    for (int s : column_slots_[part_]) values.push_back(GetSlot(r, s));
    if (distinct_ && !seen_.insert(values).second) continue;
    row.clear();
    for (size_t i = 0; i < values.size(); ++i) SetSlot(row, column_slots_[0][i], std::move(values[i]));
    *has = true;
    return Status::OK();
  }
  *has = false;
  return Status::OK();
}

// ---- OptionalOp ----

OptionalOp::OptionalOp(std::unique_ptr<Operator> input, SubPlan sub, std::vector<int> null_slots)
    : sub_(std::move(sub)), null_slots_(std::move(null_slots)) {
  children.push_back(std::move(input));
}

Status OptionalOp::Open(ExecContext& ctx) {
  active_ = false;
  return Operator::Open(ctx);
}

Status OptionalOp::Next(ExecContext& ctx, Row& row, bool* has) {
  while (true) {
    if (active_) {
      DYAD_RETURN_IF_ERROR(sub_.root->Pull(ctx, row, has));
      if (*has) {
        produced_ = true;
        return Status::OK();
      }
      active_ = false;
      if (!produced_) {
        row = current_;
        for (int s : null_slots_) SetSlot(row, s, Value());
        *has = true;
        return Status::OK();
      }
    }
    bool in = false;
    DYAD_RETURN_IF_ERROR(input()->Pull(ctx, current_, &in));
    if (!in) {
      *has = false;
      return Status::OK();
    }
    sub_.argument->set_row(&current_);
    DYAD_RETURN_IF_ERROR(sub_.root->Open(ctx));
    active_ = true;
    produced_ = false;
  }
}

// ---- EagerOp ----

EagerOp::EagerOp(std::unique_ptr<Operator> input) { children.push_back(std::move(input)); }

Status EagerOp::Open(ExecContext& ctx) {
  rows_.clear();
  next_ = 0;
  loaded_ = false;
  return Operator::Open(ctx);
}

Status EagerOp::Next(ExecContext& ctx, Row& row, bool* has) {
  if (!loaded_) {
    loaded_ = true;
    Row r;
    while (true) {
      bool in = false;
      DYAD_RETURN_IF_ERROR(input()->Pull(ctx, r, &in));
      if (!in) break;
      rows_.push_back(r);
    }
  }
  *has = next_ < rows_.size();
  if (*has) row = std::move(rows_[next_++]);
  return Status::OK();
}

}  // namespace dyad::query
