// Node and edge records as stored: dictionary ids for labels, types and
// property keys, and the encoded properties.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "graph/status.h"
#include "graph/value.h"

namespace dyad {

// Property list keyed by property-key id, kept sorted by id.
using PropertyList = std::vector<std::pair<uint32_t, Value>>;

// Returns the value of key in props, or nullptr.
const Value* FindProperty(const PropertyList& props, uint32_t key);
// Sets key to v in props (sorted insert); a null v removes the key.
void SetProperty(PropertyList* props, uint32_t key, Value v);

// A stored node: its id, label ids (sorted) and properties.
struct NodeRecord {
  uint64_t id = 0;
  std::vector<uint32_t> labels;
  PropertyList props;

  // True when the node has the label id.
  bool HasLabel(uint32_t label) const;
};

// A stored relationship: id, type id, endpoints and properties.
struct EdgeRecord {
  uint64_t id = 0;
  uint32_t type = 0;
  uint64_t start = 0;
  uint64_t end = 0;
  PropertyList props;
};

// Serializes a node's labels and properties (the id lives in the key).
Status EncodeNode(const NodeRecord& n, std::string* out);
// Parses a node record value; id must be set by the caller.
Status DecodeNode(std::string_view in, NodeRecord* n);
// Serializes an edge's type, endpoints and properties.
Status EncodeEdge(const EdgeRecord& e, std::string* out);
// Parses an edge record value; id must be set by the caller.
Status DecodeEdge(std::string_view in, EdgeRecord* e);

}  // namespace dyad
