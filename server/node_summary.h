// Helpers that read the conventional node properties (key, name, aliases)
// and write compact node summaries as JSON.
#pragma once

#include <string>
#include <vector>

#include "graph/json_writer.h"
#include "graph/record.h"
#include "storage/transaction.h"

namespace dyad::server {

// The string value of property name of props ("" when absent or not a string).
std::string StringProperty(storage::Transaction* txn, const PropertyList& props, const char* name);

// The string elements of list property name ("aliases").
std::vector<std::string> StringListProperty(storage::Transaction* txn, const PropertyList& props, const char* name);

// The names of a node's labels.
std::vector<std::string> LabelNames(storage::Transaction* txn, const NodeRecord& n);

// Writes {"id", "key", "name", "labels"} for n (name falls back to the key).
void WriteNodeSummary(JsonWriter* w, storage::Transaction* txn, const NodeRecord& n);

// Writes a property list as a JSON object of tagged values (INTERFACES.md).
void WriteProperties(JsonWriter* w, storage::Transaction* txn, const PropertyList& props);

// Writes {"id", "type", "start", "end", "properties"} for a relationship.
void WriteRelationship(JsonWriter* w, storage::Transaction* txn, const EdgeRecord& e);

// Writes a string with its length (embedded NULs and UTF-8 kept).
inline void WriteString(JsonWriter* w, const std::string& s) {
  w->String(s.data(), static_cast<rapidjson::SizeType>(s.size()));
}

}  // namespace dyad::server
