// StoreJsonWriter: writes values as JSON with nodes and relationships read
// from a transaction (labels, type, properties), per INTERFACES.md.
#pragma once

#include "graph/json_writer.h"
#include "storage/transaction.h"

namespace dyad::storage {

// A JsonValueWriter that materializes entities from a transaction.
class StoreJsonWriter : public JsonValueWriter {
 public:
  StoreJsonWriter(JsonWriter* w, Transaction* txn) : JsonValueWriter(w), txn_(txn) {}
  // Writes {"id":..,"labels":[..],"properties":{..}} without the ~node tag.
  void WriteNodeBody(const NodeRecord& n);

 protected:
  void WriteNode(NodeRef n) override;
  void WriteRel(const RelRef& r) override;

 private:
  void WriteProps(const PropertyList& props);
  Transaction* txn_;
};

}  // namespace dyad::storage
