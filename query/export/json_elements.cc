#include "query/export/json_elements.h"

#include "query/export/schema.h"
#include "query/export/writers.h"

namespace dyad::query {

std::string WriteNodeIdentity(StreamJsonWriter& w, const NodeRecord& n, storage::Transaction* txn) {
  w.Key("id");
  WriteJsonString(w, NodeId(n.id));
  w.Key("label");
  WriteJsonString(w, DisplayName(n, txn));
  w.Key("labels");
  w.StartArray();
  std::string joined;
  for (uint32_t l : n.labels) {
    std::string name = txn->LabelName(l);
    WriteJsonString(w, name);
    joined += (joined.empty() ? "" : " ") + name;
  }
  w.EndArray();
  return joined;
}

void WriteEdgeEnds(StreamJsonWriter& w, const EdgeRecord& e) {
  w.Key("source");
  WriteJsonString(w, NodeId(e.start));
  w.Key("target");
  WriteJsonString(w, NodeId(e.end));
}

}  // namespace dyad::query
