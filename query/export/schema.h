// ExportSchema: what a first pass over an ExportSource learns before any
// output is written — the property keys of nodes and of relationships with
// one type per key, the labels and types in use, and the time range fields.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "graph/record.h"
#include "graph/status.h"
#include "query/export/source.h"

namespace dyad::query {

// Kinds of values seen, as bits.
enum KindBits : uint32_t {
  kBitBool = 1, kBitInt = 2, kBitFloat = 4, kBitString = 8, kBitDate = 16, kBitDateTime = 32,
  kBitDuration = 64, kBitList = 128, kBitMap = 256, kBitOther = 512,
};

// The attribute type an XML format (GraphML, GEXF) declares for a key.
enum class AttrType { kBoolean, kLong, kDouble, kString };
// The name GraphML's attr.type and GEXF's attribute type give a type:
// "boolean", "long", "double" or "string".
const char* AttrTypeName(AttrType t);

// What was seen of one property key.
struct KeyInfo {
  std::string name;           // the property name
  std::string attr;           // the name written (renamed if it collides)
  uint32_t kinds = 0;         // KindBits of the values
  uint32_t element_kinds = 0; // KindBits of list elements
  int64_t count = 0;          // how many records have it

  // GraphML / GEXF type: all bool: boolean; all int: long; numbers: double;
  // otherwise string (lists and maps as tagged JSON text).
  AttrType attr_type() const;
  // neo4j-admin type: int→long, float→double, boolean, string, date,
  // datetime, duration, arrays of one of those ("string[]"), else string.
  std::string csv_type() const;
};

// The properties of one kind of record (nodes or relationships).
struct KeySet {
  std::map<uint32_t, KeyInfo> keys;  // by key id
  // The keys (id, info) in attribute-name order.
  std::vector<std::pair<uint32_t, const KeyInfo*>> Sorted() const;
};

// The result of the first pass.
struct ExportSchema {
  KeySet node_keys, edge_keys;
  std::map<std::string, int64_t> labels;  // label → exported nodes with it
  std::map<std::string, int64_t> primary; // label → exported nodes drawn by it
  std::map<uint32_t, int64_t> label_totals;  // label id → nodes in the store
  std::map<std::string, int64_t> types;   // type → relationships
  int64_t nodes = 0, edges = 0;
  // Characters that occur in some list element (candidate delimiters only).
  std::string delimiter_clashes;
  // True when some node or relationship has a start or end time (GEXF).
  bool has_time = false;
  // The label a node is drawn by: its label with the fewest nodes in the
  // store (the most specific: Administration rather than Actor), ties by name.
  std::string PrimaryLabel(const NodeRecord& n, storage::Transaction* txn) const;
};

// Reads every record of src once. reserved_node / reserved_edge are the
// attribute names a format writes itself; a property with such a name is
// written as "p_<name>".
Status CollectSchema(const ExportSource& src, const std::vector<std::string>& reserved_node,
                     const std::vector<std::string>& reserved_edge, ExportSchema* out);

// The text a node is shown by: its name, title or key property, else
// ":Label #id".
std::string DisplayName(const NodeRecord& n, storage::Transaction* txn);

// The start and end of a record for timelines: start from the property
// `start`, `date`, `established` or `from` (the first that is a date or
// datetime), end from `end` or `until`; as YYYY-MM-DD, "" when absent.
void TimeRange(const PropertyList& props, storage::Transaction* txn, std::string* start, std::string* end);

}  // namespace dyad::query
