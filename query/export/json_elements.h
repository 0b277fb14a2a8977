// The members the two node-link JSON formats (Cytoscape.js and D3) write
// alike for every node and relationship.
#pragma once

#include <string>

#include "graph/record.h"
#include "query/export/text.h"
#include "storage/transaction.h"

namespace dyad::query {

// Writes a node's "id" ("n12"), "label" (its display name) and "labels"
// members into the object w has open; returns the labels joined by spaces
// (Cytoscape's classes).
std::string WriteNodeIdentity(StreamJsonWriter& w, const NodeRecord& n, storage::Transaction* txn);

// Writes a relationship's "source" and "target" members (node ids) into the
// object w has open.
void WriteEdgeEnds(StreamJsonWriter& w, const EdgeRecord& e);

}  // namespace dyad::query
