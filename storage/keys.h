// Key layout of the RocksDB column families (see docs/ARCHITECTURE.md).
// Every integer in a key is big-endian so byte order equals numeric order.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace dyad::storage {

// Column family names, in the order the store opens them.
inline constexpr const char* kMetaCF = "meta";
inline constexpr const char* kDictCF = "dict";
inline constexpr const char* kNodesCF = "nodes";
inline constexpr const char* kEdgesCF = "edges";
inline constexpr const char* kAdjCF = "adj";
inline constexpr const char* kLabelsCF = "labels";
inline constexpr const char* kPropsCF = "props";

// Which way an adjacency entry points, seen from its owning node.
enum class Direction : uint8_t { kOut = 0, kIn = 1, kBoth = 2 };

// The on-disk format version; a store of another version is refused.
inline constexpr uint32_t kSchemaVersion = 1;

// Label id 0 is never a real label: index entries under it are global
// (every node, whatever its labels), used for `key`, `name` and `aliases`.
inline constexpr uint32_t kGlobalLabel = 0;

// nodes CF: node id.
std::string NodeKey(uint64_t id);
// edges CF: edge id.
std::string EdgeKey(uint64_t id);
// adj CF: node, direction, type, neighbour, edge.
std::string AdjKey(uint64_t node, Direction dir, uint32_t type, uint64_t nbr, uint64_t edge);
// The size of an adj key, and the same key written into out[0, kAdjKeySize)
// without allocating (the bulk loader writes two per relationship).
inline constexpr size_t kAdjKeySize = 29;
void EncodeAdjKey(uint64_t node, Direction dir, uint32_t type, uint64_t nbr, uint64_t edge, char* out);
// adj CF prefix of one node (8 bytes), optionally narrowed by direction and type.
std::string AdjPrefix(uint64_t node);
std::string AdjPrefix(uint64_t node, Direction dir);
std::string AdjPrefix(uint64_t node, Direction dir, uint32_t type);
// labels CF: label, node.
std::string LabelKey(uint32_t label, uint64_t node);
// labels CF prefix of one label.
std::string LabelPrefix(uint32_t label);
// props CF prefix for one (label, key) index.
std::string PropIndexPrefix(uint32_t label, uint32_t key);
// Writes PropIndexPrefix(label, key) over *out (its capacity kept: a
// reused buffer allocates nothing).
void SetPropIndexPrefix(uint32_t label, uint32_t key, std::string* out);

// A decoded adjacency key.
struct AdjEntry {
  uint64_t node = 0;
  Direction dir = Direction::kOut;
  uint32_t type = 0;
  uint64_t nbr = 0;
  uint64_t edge = 0;
};
// Parses an adj key; false when malformed.
bool ParseAdjKey(std::string_view key, AdjEntry* out);

// Fixed-width helpers for keys that end in a node id.
uint64_t TrailingId(std::string_view key);

// meta CF keys.
inline constexpr const char* kMetaSchemaVersion = "schema_version";
inline constexpr const char* kMetaNextNode = "next_node";
inline constexpr const char* kMetaNextEdge = "next_edge";
inline constexpr const char* kMetaNodeCount = "node_count";
inline constexpr const char* kMetaEdgeCount = "edge_count";
inline constexpr const char* kMetaLoadInProgress = "load_in_progress";
inline constexpr const char* kMetaFixtureHash = "fixture_hash";
// Prefix of per-label node counts ("count/L/" + u32) and per-type edge counts.
inline constexpr const char* kMetaLabelCountPrefix = "count/L/";
inline constexpr const char* kMetaTypeCountPrefix = "count/T/";
// Prefix of user property indexes ("index/" + u32 label + u32 key).
inline constexpr const char* kMetaIndexPrefix = "index/";

// The kinds of names the dictionary interns.
enum class NameKind : char { kLabel = 'L', kType = 'T', kKey = 'K' };
// dict CF: name → id ("<kind>n<name>") and id → name ("<kind>i<u32>").
std::string DictNameKey(NameKind kind, std::string_view name);
std::string DictIdKey(NameKind kind, uint32_t id);

}  // namespace dyad::storage
