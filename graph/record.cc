#include "graph/record.h"

#include <algorithm>

#include "graph/codec.h"

namespace dyad {

const Value* FindProperty(const PropertyList& props, uint32_t key) {
  auto it = std::lower_bound(props.begin(), props.end(), key,
                             [](const auto& p, uint32_t k) { return p.first < k; });
  return it != props.end() && it->first == key ? &it->second : nullptr;
}

void SetProperty(PropertyList* props, uint32_t key, Value v) {
  auto it = std::lower_bound(props->begin(), props->end(), key,
                             [](const auto& p, uint32_t k) { return p.first < k; });
  bool present = it != props->end() && it->first == key;
  if (v.is_null()) {
    if (present) props->erase(it);
  } else if (present) {
    it->second = std::move(v);
  } else {
    props->insert(it, {key, std::move(v)});
  }
}

bool NodeRecord::HasLabel(uint32_t label) const {
  return std::binary_search(labels.begin(), labels.end(), label);
}

namespace {

Status EncodeProps(const PropertyList& props, std::string* out) {
  PutVarint(props.size(), out);
  for (const auto& [k, v] : props) {
    PutVarint(k, out);
    DYAD_RETURN_IF_ERROR(EncodeValue(v, out));
  }
  return Status::OK();
}

Status DecodeProps(std::string_view* in, PropertyList* props) {
  uint64_t n;
  if (!GetVarint(in, &n) || n > in->size()) return Status::Corruption("bad property count");
  props->clear();
  props->reserve(n);
  for (uint64_t i = 0; i < n; ++i) {
    uint64_t k;
    if (!GetVarint(in, &k)) return Status::Corruption("bad property key");
    Value v;
    DYAD_RETURN_IF_ERROR(DecodeValue(in, &v));
    props->emplace_back(static_cast<uint32_t>(k), std::move(v));
  }
  return Status::OK();
}

}  // namespace

Status EncodeNode(const NodeRecord& n, std::string* out) {
  PutVarint(n.labels.size(), out);
  for (uint32_t l : n.labels) PutVarint(l, out);
  return EncodeProps(n.props, out);
}

Status DecodeNode(std::string_view in, NodeRecord* n) {
  uint64_t count;
  if (!GetVarint(&in, &count) || count > in.size()) return Status::Corruption("bad label count");
  n->labels.clear();
  for (uint64_t i = 0; i < count; ++i) {
    uint64_t l;
    if (!GetVarint(&in, &l)) return Status::Corruption("bad label id");
    n->labels.push_back(static_cast<uint32_t>(l));
  }
  DYAD_RETURN_IF_ERROR(DecodeProps(&in, &n->props));
  if (!in.empty()) return Status::Corruption("trailing bytes in node record");
  return Status::OK();
}

Status EncodeEdge(const EdgeRecord& e, std::string* out) {
  PutVarint(e.type, out);
  PutVarint(e.start, out);
  PutVarint(e.end, out);
  return EncodeProps(e.props, out);
}

Status DecodeEdge(std::string_view in, EdgeRecord* e) {
  uint64_t type, start, end;
  if (!GetVarint(&in, &type) || !GetVarint(&in, &start) || !GetVarint(&in, &end))
    return Status::Corruption("bad edge header");
  e->type = static_cast<uint32_t>(type);
  e->start = start;
  e->end = end;
  DYAD_RETURN_IF_ERROR(DecodeProps(&in, &e->props));
  if (!in.empty()) return Status::Corruption("trailing bytes in edge record");
  return Status::OK();
}

}  // namespace dyad
