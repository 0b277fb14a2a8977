#include "server/node_summary.h"

#include "storage/entity_json.h"

namespace dyad::server {

std::string StringProperty(storage::Transaction* txn, const PropertyList& props, const char* name) {
  auto k = txn->KeyId(name);
  if (!k) return "";
  const Value* v = FindProperty(props, *k);
  return v && v->is_string() ? v->as_string() : "";
}

std::vector<std::string> StringListProperty(storage::Transaction* txn, const PropertyList& props,
                                            const char* name) {
  std::vector<std::string> out;
  auto k = txn->KeyId(name);
  if (!k) return out;
  const Value* v = FindProperty(props, *k);
  if (!v) return out;
  if (v->is_string()) out.push_back(v->as_string());
  if (v->is_list())
    for (const Value& e : v->as_list())
      if (e.is_string()) out.push_back(e.as_string());
  return out;
}

std::vector<std::string> LabelNames(storage::Transaction* txn, const NodeRecord& n) {
  std::vector<std::string> out;
  for (uint32_t l : n.labels) out.push_back(txn->LabelName(l));
  return out;
}

void WriteNodeSummary(JsonWriter* w, storage::Transaction* txn, const NodeRecord& n) {
  std::string key = StringProperty(txn, n.props, "key");
  std::string name = StringProperty(txn, n.props, "name");
  w->StartObject();
  w->Key("id");
  w->Uint64(n.id);
  w->Key("key");
  if (key.empty()) w->Null(); else WriteString(w, key);
  w->Key("name");
  WriteString(w, !name.empty() ? name : !key.empty() ? key : "#" + std::to_string(n.id));
  w->Key("labels");
  w->StartArray();
  for (const auto& l : LabelNames(txn, n)) WriteString(w, l);
  w->EndArray();
  w->EndObject();
}

void WriteProperties(JsonWriter* w, storage::Transaction* txn, const PropertyList& props) {
  storage::StoreJsonWriter values(w, txn);
  w->StartObject();
  for (const auto& [k, v] : props) {
    WriteString(w, txn->KeyName(k));
    values.Write(v);
  }
  w->EndObject();
}

void WriteRelationship(JsonWriter* w, storage::Transaction* txn, const EdgeRecord& e) {
  w->StartObject();
  w->Key("id");
  w->Uint64(e.id);
  w->Key("type");
  WriteString(w, txn->TypeName(e.type));
  w->Key("start");
  w->Uint64(e.start);
  w->Key("end");
  w->Uint64(e.end);
  w->Key("properties");
  WriteProperties(w, txn, e.props);
  w->EndObject();
}

}  // namespace dyad::server
