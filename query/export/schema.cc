#include "query/export/schema.h"

#include <algorithm>

namespace dyad::query {

namespace {

uint32_t KindOf(const Value& v) {
  switch (v.type()) {
    case ValueType::kBool: return kBitBool;
    case ValueType::kInt: return kBitInt;
    case ValueType::kFloat: return kBitFloat;
    case ValueType::kString: return kBitString;
    case ValueType::kDate: return kBitDate;
    case ValueType::kDateTime: return kBitDateTime;
    case ValueType::kDuration: return kBitDuration;
    case ValueType::kList: return kBitList;
    case ValueType::kMap: return kBitMap;
    default: return kBitOther;
  }
}

const char* ScalarCsvType(uint32_t bits) {
  if (bits == kBitBool) return "boolean";
  if (bits == kBitInt) return "long";
  if ((bits & ~(kBitInt | kBitFloat)) == 0 && bits) return "double";
  if (bits == kBitString) return "string";
  if (bits == kBitDate) return "date";
  if (bits == kBitDateTime) return "datetime";
  if (bits == kBitDuration) return "duration";
  return nullptr;
}

std::string AttrName(const std::string& name, const std::vector<std::string>& reserved) {
  for (const auto& r : reserved)
    if (r == name) return "p_" + name;
  return name;
}

void AddProps(const PropertyList& props, storage::Transaction* txn, const std::vector<std::string>& reserved,
              KeySet* set, ExportSchema* schema) {
  for (const auto& [id, v] : props) {
    auto [it, fresh] = set->keys.try_emplace(id);
    KeyInfo& k = it->second;
    if (fresh) {
      k.name = txn->KeyName(id);
      k.attr = AttrName(k.name, reserved);
    }
    k.kinds |= KindOf(v);
    ++k.count;
    if (!v.is_list()) continue;
    for (const Value& e : v.as_list()) {
      k.element_kinds |= KindOf(e);
      if (!e.is_string()) continue;
      for (char c : std::string_view(";|\t\x1f"))
        if (e.as_string().find(c) != std::string::npos && schema->delimiter_clashes.find(c) == std::string::npos)
          schema->delimiter_clashes.push_back(c);
    }
  }
}

std::string DateText(const Value& v) {
  if (v.is_date()) return FormatDate(v.as_date());
  if (v.is_datetime()) return FormatDateTime(v.as_datetime()).substr(0, 10);
  return "";
}

}  // namespace

const char* AttrTypeName(AttrType t) {
  switch (t) {
    case AttrType::kBoolean: return "boolean";
    case AttrType::kLong: return "long";
    case AttrType::kDouble: return "double";
    default: return "string";
  }
}

AttrType KeyInfo::attr_type() const {
  if (kinds == kBitBool) return AttrType::kBoolean;
  if (kinds == kBitInt) return AttrType::kLong;
  if (kinds && (kinds & ~(kBitInt | kBitFloat)) == 0) return AttrType::kDouble;
  return AttrType::kString;
}

std::string KeyInfo::csv_type() const {
  if (kinds == kBitList) {
    if (element_kinds == 0) return "string[]";
    const char* t = ScalarCsvType(element_kinds);
    return t ? std::string(t) + "[]" : "string";
  }
  const char* t = ScalarCsvType(kinds);
  return t ? t : "string";
}

std::vector<std::pair<uint32_t, const KeyInfo*>> KeySet::Sorted() const {
  std::vector<std::pair<uint32_t, const KeyInfo*>> out;
  for (const auto& [id, k] : keys) out.emplace_back(id, &k);
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.second->attr < b.second->attr; });
  return out;
}

std::string ExportSchema::PrimaryLabel(const NodeRecord& n, storage::Transaction* txn) const {
  std::string best;
  int64_t best_count = 0;
  for (uint32_t l : n.labels) {
    std::string name = txn->LabelName(l);
    auto it = label_totals.find(l);
    int64_t c = it == label_totals.end() ? 0 : it->second;
    if (best.empty() || c < best_count || (c == best_count && name < best)) {
      best = name;
      best_count = c;
    }
  }
  return best;
}

Status CollectSchema(const ExportSource& src, const std::vector<std::string>& reserved_node,
                     const std::vector<std::string>& reserved_edge, ExportSchema* out) {
  storage::Transaction* txn = src.txn();
  out->label_totals = txn->store()->counters().per_label;
  DYAD_RETURN_IF_ERROR(src.ForEachNode([&](const NodeRecord& n) {
    ++out->nodes;
    for (uint32_t l : n.labels) ++out->labels[txn->LabelName(l)];
    if (!n.labels.empty()) ++out->primary[out->PrimaryLabel(n, txn)];
    AddProps(n.props, txn, reserved_node, &out->node_keys, out);
    if (!out->has_time) {
      std::string s, e;
      TimeRange(n.props, txn, &s, &e);
      out->has_time = !s.empty() || !e.empty();
    }
    return Status::OK();
  }));
  return src.ForEachEdge([&](const EdgeRecord& e) {
    ++out->edges;
    ++out->types[txn->TypeName(e.type)];
    AddProps(e.props, txn, reserved_edge, &out->edge_keys, out);
    if (!out->has_time) {
      std::string s, t;
      TimeRange(e.props, txn, &s, &t);
      out->has_time = !s.empty() || !t.empty();
    }
    return Status::OK();
  });
}

std::string DisplayName(const NodeRecord& n, storage::Transaction* txn) {
  for (const char* key : {"name", "title", "key"}) {
    auto id = txn->KeyId(key);
    if (!id) continue;
    const Value* v = FindProperty(n.props, *id);
    if (v && v->is_string() && !v->as_string().empty()) return v->as_string();
  }
  std::string label = n.labels.empty() ? "" : ":" + txn->LabelName(n.labels[0]);
  return label + " #" + std::to_string(n.id);
}

void TimeRange(const PropertyList& props, storage::Transaction* txn, std::string* start, std::string* end) {
  start->clear();
  end->clear();
  for (const char* key : {"start", "date", "established", "from"}) {
    auto id = txn->KeyId(key);
    const Value* v = id ? FindProperty(props, *id) : nullptr;
    if (v && !(*start = DateText(*v)).empty()) break;
  }
  for (const char* key : {"end", "until"}) {
    auto id = txn->KeyId(key);
    const Value* v = id ? FindProperty(props, *id) : nullptr;
    if (v && !(*end = DateText(*v)).empty()) break;
  }
  if (!start->empty() && !end->empty() && *end < *start) end->clear();  // GEXF needs start <= end
}

}  // namespace dyad::query
