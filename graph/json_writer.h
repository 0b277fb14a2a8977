// JsonValueWriter: writes Values as the tagged JSON of INTERFACES.md.
#pragma once

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "graph/value.h"

namespace dyad {

// The RapidJSON writer every dyad JSON output uses.
using JsonWriter = rapidjson::Writer<rapidjson::StringBuffer>;

// Writes values; subclasses that can read the store override the node and
// relationship hooks to include labels, types and properties.
class JsonValueWriter {
 public:
  explicit JsonValueWriter(JsonWriter* w) : w_(w) {}
  virtual ~JsonValueWriter() = default;
  // Writes one value (floats always with '.' or 'e'; NaN/Infinity tagged).
  void Write(const Value& v);

 protected:
  // Writes {"~node": {...}}; the default has only the id.
  virtual void WriteNode(NodeRef n);
  // Writes {"~rel": {...}}; the default has id, start and end.
  virtual void WriteRel(const RelRef& r);
  JsonWriter* w_;
};

}  // namespace dyad
