#include "storage/entity_json.h"

namespace dyad::storage {

void StoreJsonWriter::WriteProps(const PropertyList& props) {
  w_->StartObject();
  for (const auto& [k, v] : props) {
    std::string name = txn_->KeyName(k);
    w_->Key(name.data(), static_cast<rapidjson::SizeType>(name.size()));
    Write(v);
  }
  w_->EndObject();
}

void StoreJsonWriter::WriteNodeBody(const NodeRecord& n) {
  w_->StartObject();
  w_->Key("id");
  w_->Uint64(n.id);
  w_->Key("labels");
  w_->StartArray();
  for (uint32_t l : n.labels) w_->String(txn_->LabelName(l).c_str());
  w_->EndArray();
  w_->Key("properties");
  WriteProps(n.props);
  w_->EndObject();
}

void StoreJsonWriter::WriteNode(NodeRef ref) {
  NodeRecord n;
  if (!txn_->GetNode(ref.id, &n).ok()) {
    JsonValueWriter::WriteNode(ref);  // deleted within this query: id only
    return;
  }
  w_->StartObject();
  w_->Key("~node");
  WriteNodeBody(n);
  w_->EndObject();
}

void StoreJsonWriter::WriteRel(const RelRef& ref) {
  EdgeRecord e;
  if (!txn_->GetEdge(ref.id, &e).ok()) {
    JsonValueWriter::WriteRel(ref);
    return;
  }
  w_->StartObject();
  w_->Key("~rel");
  w_->StartObject();
  w_->Key("id");
  w_->Uint64(e.id);
  w_->Key("type");
  w_->String(txn_->TypeName(e.type).c_str());
  w_->Key("start");
  w_->Uint64(e.start);
  w_->Key("end");
  w_->Uint64(e.end);
  w_->Key("properties");
  WriteProps(e.props);
  w_->EndObject();
  w_->EndObject();
}

}  // namespace dyad::storage
