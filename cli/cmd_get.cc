// `dyad get KEY`: one node with its properties and neighbours.
#include <cstdio>
#include <map>

#include "cli/commands.h"
#include "storage/entity_json.h"
#include "storage/lookup.h"
#include "storage/transaction.h"

namespace dyad::cli {

namespace {

// "key (name)" of node id, for the neighbour list.
std::string Describe(storage::Transaction* txn, uint64_t id) {
  NodeRecord n;
  if (!txn->GetNode(id, &n).ok()) return "#" + std::to_string(id);
  std::string out;
  if (auto k = txn->KeyId("key"))
    if (const Value* v = FindProperty(n.props, *k)) out = v->is_string() ? v->as_string() : v->ToString();
  if (auto k = txn->KeyId("name"))
    if (const Value* v = FindProperty(n.props, *k))
      if (v->is_string() && v->as_string() != out) out += (out.empty() ? "" : " — ") + v->as_string();
  return out.empty() ? "#" + std::to_string(id) : out;
}

std::string Short(const Value& v) {
  std::string s = v.is_string() ? v.as_string() : v.ToString();
  return s.size() > 160 ? s.substr(0, 157) + "..." : s;
}

}  // namespace

int RunGet(const GlobalOptions& g, const std::string& key, const std::string& format) {
  auto store = OpenDatabase(g, true);
  if (!store.ok()) {
    PrintError(store.status().message());
    return kExitError;
  }
  auto txn = (*store)->BeginRead();
  auto id = storage::LookupNode(txn.get(), key);
  if (!id) {
    PrintError("no node with key, name or alias '" + key + "'");
    return kExitError;
  }
  NodeRecord n;
  Status s = txn->GetNode(*id, &n);
  if (!s.ok()) {
    PrintError(s.message());
    return kExitError;
  }
  // Neighbours grouped by direction and type.
  std::map<std::pair<int, std::string>, std::vector<storage::AdjEntry>> groups;
  for (auto c = txn->Neighbors(*id, storage::Direction::kBoth, std::nullopt); c->Valid(); c->Next()) {
    storage::AdjEntry e = c->adj();
    groups[{static_cast<int>(e.dir), txn->TypeName(e.type)}].push_back(e);
  }
  if (format == "json") {
    rapidjson::StringBuffer buf;
    JsonWriter w(buf);
    storage::StoreJsonWriter out(&w, txn.get());
    w.StartObject();
    w.Key("node");
    out.Write(Value(NodeRef{*id}));
    w.Key("neighbors");
    w.StartArray();
    for (auto& [group, entries] : groups) {
      for (auto& e : entries) {
        w.StartObject();
        w.Key("direction");
        w.String(e.dir == storage::Direction::kOut ? "out" : "in");
        w.Key("relationship");
        EdgeRecord r;
        txn->GetEdge(e.edge, &r);
        out.Write(Value(RelRef{e.edge, r.start, r.end}));
        w.Key("node");
        out.Write(Value(NodeRef{e.nbr}));
        w.EndObject();
      }
    }
    w.EndArray();
    w.EndObject();
    printf("%s\n", buf.GetString());
    return kExitOk;
  }
  std::string labels;
  for (uint32_t l : n.labels) labels += ":" + txn->LabelName(l);
  printf("%s  (%s)\n", Describe(txn.get(), *id).c_str(), labels.c_str());
  for (auto& [k, v] : n.props) printf("  %s: %s\n", txn->KeyName(k).c_str(), Short(v).c_str());
  for (auto& [group, entries] : groups) {
    bool out = group.first == static_cast<int>(storage::Direction::kOut);
    printf("\n%s[:%s]%s (%zu)\n", out ? "-" : "<-", group.second.c_str(), out ? "->" : "-", entries.size());
    for (auto& e : entries) {
      EdgeRecord r;
      std::string extra;
      if (txn->GetEdge(e.edge, &r).ok())
        if (auto dk = txn->KeyId("date"))
          if (const Value* d = FindProperty(r.props, *dk)) extra = "  [" + Short(*d) + "]";
      printf("  %s%s\n", Describe(txn.get(), e.nbr).c_str(), extra.c_str());
    }
  }
  return kExitOk;
}

}  // namespace dyad::cli
