#include "server/graph_handlers.h"

#include <httplib.h>

#include <algorithm>
#include <map>
#include <optional>
#include <set>

#include "server/api_error.h"
#include "server/node_summary.h"
#include "server/request.h"
#include "storage/lookup.h"
#include "storage/transaction.h"

namespace dyad::server {

namespace {

// Reads the node named by the first path match, or answers 404.
bool NodeFromPath(storage::Transaction* txn, const httplib::Request& req, httplib::Response& res, NodeRecord* n) {
  std::string key = req.matches.size() > 1 ? req.matches[1].str() : "";
  auto id = storage::LookupNode(txn, key);
  if (!id || !txn->GetNode(*id, n).ok()) {
    SendError(res, {404, "NotFound", "no node with key, name or alias '" + key + "'"});
    return false;
  }
  return true;
}

std::vector<std::string> SplitList(const std::string& s) {
  std::vector<std::string> out;
  size_t i = 0;
  while (i <= s.size()) {
    size_t j = s.find(',', i);
    if (j == std::string::npos) j = s.size();
    std::string part = s.substr(i, j - i);
    part.erase(0, part.find_first_not_of(' '));
    part.erase(part.find_last_not_of(' ') + 1);
    if (!part.empty()) out.push_back(part);
    i = j + 1;
  }
  return out;
}

void WriteDocument(JsonWriter* w, storage::Transaction* txn, const NodeRecord& doc) {
  w->StartObject();
  w->Key("id");
  w->Uint64(doc.id);
  for (const char* p : {"key", "name", "title", "author", "publisher", "seed"}) {
    std::string v = StringProperty(txn, doc.props, p);
    w->Key(p);
    if (v.empty()) w->Null(); else WriteString(w, v);
  }
  w->Key("date");
  const Value* d = nullptr;
  if (auto k = txn->KeyId("date")) d = FindProperty(doc.props, *k);
  if (d && d->is_date()) WriteString(w, FormatDate(d->as_date())); else w->Null();
  // A chapter names the report it belongs to.
  w->Key("part_of");
  std::optional<NodeRecord> parent;
  if (auto t = txn->TypeId("PART_OF")) {
    auto c = txn->Neighbors(doc.id, storage::Direction::kOut, *t);
    NodeRecord p;
    if (c->Valid() && txn->GetNode(c->adj().nbr, &p).ok()) parent = std::move(p);
  }
  if (parent) WriteNodeSummary(w, txn, *parent); else w->Null();
  w->EndObject();
}

}  // namespace

void HandleSchema(ServerContext& ctx, const httplib::Request& req, httplib::Response& res) {
  storage::Counters c = ctx.store->counters();
  auto& dict = ctx.store->dict();
  rapidjson::StringBuffer buf;
  JsonWriter w(buf);
  w.StartObject();
  w.Key("nodes");
  w.Int64(c.nodes);
  w.Key("relationships");
  w.Int64(c.edges);
  auto counts = [&](const char* name, const std::map<uint32_t, int64_t>& m, storage::NameKind kind) {
    std::vector<std::pair<std::string, int64_t>> v;
    for (auto& [id, n] : m)
      if (n > 0) v.emplace_back(dict.Name(kind, id), n);
    std::sort(v.begin(), v.end());
    w.Key(name);
    w.StartArray();
    for (auto& [label, n] : v) {
      w.StartObject();
      w.Key("name");
      WriteString(&w, label);
      w.Key("count");
      w.Int64(n);
      w.EndObject();
    }
    w.EndArray();
  };
  counts("labels", c.per_label, storage::NameKind::kLabel);
  counts("types", c.per_type, storage::NameKind::kType);
  std::vector<std::string> keys;
  for (auto& [id, name] : dict.All(storage::NameKind::kKey)) keys.push_back(name);
  std::sort(keys.begin(), keys.end());
  w.Key("property_keys");
  w.StartArray();
  for (const auto& k : keys) WriteString(&w, k);
  w.EndArray();
  w.Key("indexes");
  w.StartArray();
  for (const char* global : {"key", "name", "aliases"}) {
    w.StartObject();
    w.Key("label");
    w.Null();
    w.Key("property");
    w.String(global);
    w.EndObject();
  }
  for (auto& [label, key] : ctx.store->indexes().PerLabel()) {
    w.StartObject();
    w.Key("label");
    WriteString(&w, dict.Name(storage::NameKind::kLabel, label));
    w.Key("property");
    WriteString(&w, dict.Name(storage::NameKind::kKey, key));
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  SendJson(res, 200, std::string(buf.GetString(), buf.GetSize()));
}

void HandleNode(ServerContext& ctx, const httplib::Request& req, httplib::Response& res) {
  auto txn = ctx.store->BeginRead();
  NodeRecord n;
  if (!NodeFromPath(txn.get(), req, res, &n)) return;
  rapidjson::StringBuffer buf;
  JsonWriter w(buf);
  w.StartObject();
  w.Key("node");
  w.StartObject();
  w.Key("id");
  w.Uint64(n.id);
  std::string key = StringProperty(txn.get(), n.props, "key");
  std::string name = StringProperty(txn.get(), n.props, "name");
  w.Key("key");
  if (key.empty()) w.Null(); else WriteString(&w, key);
  w.Key("name");
  WriteString(&w, !name.empty() ? name : !key.empty() ? key : "#" + std::to_string(n.id));
  w.Key("labels");
  w.StartArray();
  for (const auto& l : LabelNames(txn.get(), n)) WriteString(&w, l);
  w.EndArray();
  w.Key("aliases");
  w.StartArray();
  for (const auto& a : StringListProperty(txn.get(), n.props, "aliases")) WriteString(&w, a);
  w.EndArray();
  w.Key("properties");
  WriteProperties(&w, txn.get(), n.props);
  w.EndObject();

  // Citations: sources[i] names the document that quotes[i] comes from.
  std::vector<std::string> sources = StringListProperty(txn.get(), n.props, "sources");
  std::vector<std::string> quotes = StringListProperty(txn.get(), n.props, "quotes");
  std::map<std::string, std::optional<NodeRecord>> docs;
  for (const auto& s : sources) {
    if (docs.count(s)) continue;
    NodeRecord d;
    auto id = txn->FindNodeByKey(s);
    docs[s] = id && txn->GetNode(*id, &d).ok() ? std::optional<NodeRecord>(std::move(d)) : std::nullopt;
  }
  w.Key("citations");
  w.StartArray();
  for (size_t i = 0; i < std::max(sources.size(), quotes.size()); ++i) {
    w.StartObject();
    w.Key("source");
    if (i < sources.size()) WriteString(&w, sources[i]); else w.Null();
    w.Key("quote");
    if (i < quotes.size()) WriteString(&w, quotes[i]); else w.Null();
    w.Key("document");
    if (i < sources.size() && docs[sources[i]]) WriteDocument(&w, txn.get(), *docs[sources[i]]); else w.Null();
    w.EndObject();
  }
  w.EndArray();

  // Relationship counts per (type, direction).
  std::map<std::pair<std::string, int>, int64_t> counts;
  for (auto c = txn->Neighbors(n.id, storage::Direction::kBoth, std::nullopt); c->Valid(); c->Next()) {
    storage::AdjEntry e = c->adj();
    ++counts[{txn->TypeName(e.type), static_cast<int>(e.dir)}];
  }
  w.Key("relationships");
  w.StartArray();
  for (auto& [k, count] : counts) {
    w.StartObject();
    w.Key("type");
    WriteString(&w, k.first);
    w.Key("direction");
    w.String(k.second == static_cast<int>(storage::Direction::kOut) ? "out" : "in");
    w.Key("count");
    w.Int64(count);
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  SendJson(res, 200, std::string(buf.GetString(), buf.GetSize()));
}

void HandleNeighbors(ServerContext& ctx, const httplib::Request& req, httplib::Response& res) {
  ApiError err;
  int64_t depth = 1, limit = 300;
  if (!IntParam(req, "depth", 1, 1, 3, &depth, &err) || !IntParam(req, "limit", 300, 1, 5000, &limit, &err))
    return SendError(res, err);
  std::string dir_name = req.has_param("direction") ? req.get_param_value("direction") : "both";
  storage::Direction dir;
  if (dir_name == "out") dir = storage::Direction::kOut;
  else if (dir_name == "in") dir = storage::Direction::kIn;
  else if (dir_name == "both") dir = storage::Direction::kBoth;
  else return SendError(res, {400, "InvalidArgument", "direction must be out, in or both"});

  auto txn = ctx.store->BeginRead();
  NodeRecord center;
  if (!NodeFromPath(txn.get(), req, res, &center)) return;
  // Type filters: unknown names simply match nothing.
  std::vector<std::optional<uint32_t>> scans;
  if (req.has_param("types")) {
    for (const auto& t : SplitList(req.get_param_value("types")))
      if (auto id = txn->TypeId(t)) scans.push_back(*id);
    if (scans.empty()) scans.clear();  // nothing to scan: no neighbours
  } else {
    scans.push_back(std::nullopt);
  }
  std::set<uint32_t> excluded;
  if (req.has_param("exclude"))
    for (const auto& t : SplitList(req.get_param_value("exclude")))
      if (auto id = txn->TypeId(t)) excluded.insert(*id);

  std::map<uint64_t, int> depth_of = {{center.id, 0}};
  std::vector<uint64_t> order = {center.id};
  std::map<uint64_t, EdgeRecord> rels;
  bool truncated = false;
  std::vector<uint64_t> frontier = {center.id};
  for (int d = 1; d <= depth && !frontier.empty(); ++d) {
    std::vector<uint64_t> next;
    for (uint64_t node : frontier) {
      for (const auto& type : scans) {
        for (auto c = txn->Neighbors(node, dir, type); c->Valid(); c->Next()) {
          storage::AdjEntry e = c->adj();
          if (excluded.count(e.type) || rels.count(e.edge)) continue;
          if (!depth_of.count(e.nbr)) {
            if (static_cast<int64_t>(order.size()) >= limit) {
              truncated = true;
              continue;
            }
            depth_of[e.nbr] = d;
            order.push_back(e.nbr);
            next.push_back(e.nbr);
          }
          EdgeRecord r;
          if (txn->GetEdge(e.edge, &r).ok()) rels[e.edge] = std::move(r);
        }
      }
    }
    frontier = std::move(next);
  }

  rapidjson::StringBuffer buf;
  JsonWriter w(buf);
  w.StartObject();
  w.Key("center");
  WriteNodeSummary(&w, txn.get(), center);
  w.Key("depth");
  w.Int64(depth);
  w.Key("direction");
  WriteString(&w, dir_name);
  w.Key("truncated");
  w.Bool(truncated);
  w.Key("nodes");
  w.StartArray();
  for (uint64_t id : order) {
    NodeRecord n;
    if (!txn->GetNode(id, &n).ok()) continue;
    w.StartObject();
    w.Key("depth");
    w.Int(depth_of[id]);
    w.Key("node");
    WriteNodeSummary(&w, txn.get(), n);
    w.EndObject();
  }
  w.EndArray();
  w.Key("relationships");
  w.StartArray();
  for (const auto& [id, r] : rels) WriteRelationship(&w, txn.get(), r);
  w.EndArray();
  w.EndObject();
  SendJson(res, 200, std::string(buf.GetString(), buf.GetSize()));
}

void HandleSearch(ServerContext& ctx, const httplib::Request& req, httplib::Response& res) {
  ApiError err;
  int64_t limit = 10;
  if (!IntParam(req, "limit", 10, 1, 100, &limit, &err)) return SendError(res, err);
  std::string q = req.has_param("q") ? req.get_param_value("q") : "";
  if (q.size() > 200) return SendError(res, {400, "InvalidArgument", "q is longer than 200 bytes"});
  std::string label = req.has_param("label") ? req.get_param_value("label") : "";
  auto hits = ctx.search.Search(ctx.store, ctx.Generation(), q, static_cast<size_t>(limit), label);
  if (!hits.ok()) return SendError(res, ErrorFromStatus(hits.status()));
  rapidjson::StringBuffer buf;
  JsonWriter w(buf);
  w.StartObject();
  w.Key("query");
  WriteString(&w, q);
  w.Key("results");
  w.StartArray();
  for (const auto& h : *hits) {
    w.StartObject();
    w.Key("id");
    w.Uint64(h.id);
    w.Key("key");
    WriteString(&w, h.key);
    w.Key("name");
    WriteString(&w, h.name);
    w.Key("labels");
    w.StartArray();
    for (const auto& l : h.labels) WriteString(&w, l);
    w.EndArray();
    w.Key("matched");
    WriteString(&w, h.matched);
    w.Key("field");
    WriteString(&w, h.field);
    w.Key("match");
    WriteString(&w, h.match);
    w.Key("score");
    w.Int(h.score);
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  SendJson(res, 200, std::string(buf.GetString(), buf.GetSize()));
}

void HandleTimeline(ServerContext& ctx, const httplib::Request& req, httplib::Response& res) {
  auto json = ctx.timeline.Json(ctx.store, ctx.Generation());
  if (!json.ok()) return SendError(res, ErrorFromStatus(json.status()));
  SendJson(res, 200, **json);
}

void HandleHealth(ServerContext& ctx, const httplib::Request& req, httplib::Response& res) {
  storage::Counters c = ctx.store->counters();
  rapidjson::StringBuffer buf;
  JsonWriter w(buf);
  w.StartObject();
  w.Key("status");
  w.String("ok");
  w.Key("version");
  WriteString(&w, ctx.options.version);
  w.Key("writes");
  w.String(ctx.options.allow_writes ? "token" : "disabled");
  w.Key("nodes");
  w.Int64(c.nodes);
  w.Key("relationships");
  w.Int64(c.edges);
  w.EndObject();
  SendJson(res, 200, std::string(buf.GetString(), buf.GetSize()));
}

void HandleMetrics(ServerContext& ctx, const httplib::Request& req, httplib::Response& res) {
  storage::Counters c = ctx.store->counters();
  std::string gauges;
  gauges += "# HELP dyad_graph_nodes Nodes in the graph.\n# TYPE dyad_graph_nodes gauge\n";
  gauges += "dyad_graph_nodes " + std::to_string(c.nodes) + "\n";
  gauges += "# HELP dyad_graph_relationships Relationships in the graph.\n# TYPE dyad_graph_relationships gauge\n";
  gauges += "dyad_graph_relationships " + std::to_string(c.edges) + "\n";
  res.status = 200;
  res.set_header("Cache-Control", "no-store");
  res.set_content(ctx.metrics.Render(gauges), "text/plain; version=0.0.4; charset=utf-8");
}

}  // namespace dyad::server
