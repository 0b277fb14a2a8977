#include "server/query_handler.h"

#include <httplib.h>

#include <chrono>

#include "server/graph_collector.h"
#include "server/node_summary.h"
#include "server/request.h"
#include "storage/entity_json.h"

namespace dyad::server {

namespace {

void WriteStats(JsonWriter* w, const query::QueryStats& s) {
  w->StartObject();
  w->Key("nodes_created");
  w->Int64(s.nodes_created);
  w->Key("nodes_deleted");
  w->Int64(s.nodes_deleted);
  w->Key("relationships_created");
  w->Int64(s.relationships_created);
  w->Key("relationships_deleted");
  w->Int64(s.relationships_deleted);
  w->Key("labels_added");
  w->Int64(s.labels_added);
  w->Key("labels_removed");
  w->Int64(s.labels_removed);
  w->Key("properties_set");
  w->Int64(s.properties_set);
  w->Key("contains_updates");
  w->Bool(s.any());
  w->EndObject();
}

// Writes {"nodes": [...], "relationships": [...]} for every entity the rows
// mention, relationship endpoints included.
void WriteGraph(JsonWriter* w, const query::QueryResult& r) {
  GraphCollector g;
  for (const auto& row : r.rows)
    for (const Value& v : row) g.Add(v);
  g.AddEndpoints();
  storage::Transaction* txn = r.view.get();
  storage::StoreJsonWriter values(w, txn);
  w->StartObject();
  w->Key("nodes");
  w->StartArray();
  for (uint64_t id : g.nodes()) {
    NodeRecord n;
    if (txn && txn->GetNode(id, &n).ok()) values.WriteNodeBody(n);
  }
  w->EndArray();
  w->Key("relationships");
  w->StartArray();
  for (const auto& rel : g.rels()) {
    EdgeRecord e;
    if (txn && txn->GetEdge(rel.first, &e).ok()) WriteRelationship(w, txn, e);
  }
  w->EndArray();
  w->EndObject();
}

}  // namespace

void HandleQuery(ServerContext& ctx, const httplib::Request& req, httplib::Response& res) {
  auto t0 = std::chrono::steady_clock::now();
  rapidjson::Document doc;
  ApiError err;
  if (!ParseJsonBody(req, &doc, &err)) return SendError(res, err);
  auto q = doc.FindMember("query");
  if (q == doc.MemberEnd()) q = doc.FindMember("statement");
  if (q == doc.MemberEnd() || !q->value.IsString())
    return SendError(res, {400, "InvalidArgument", "the body needs \"query\": the openCypher text as a string"});
  Map params;
  if (auto p = doc.FindMember("params"); p != doc.MemberEnd() && !ParamsFromJson(p->value, &params, &err))
    return SendError(res, err);
  RequestLimits limits;
  for (auto [name, target] : {std::pair{"timeout_ms", &limits.timeout_ms}, std::pair{"max_rows", &limits.max_rows}}) {
    auto m = doc.FindMember(name);
    if (m == doc.MemberEnd()) continue;
    if (!m->value.IsInt64() || m->value.GetInt64() < 0)
      return SendError(res, {400, "InvalidArgument", std::string(name) + " must be a non-negative integer"});
    *target = m->value.GetInt64();
  }
  bool graph = false;
  if (auto g = doc.FindMember("graph"); g != doc.MemberEnd() && g->value.IsBool()) graph = g->value.GetBool();

  std::vector<query::QueryResult> results;
  std::string text(q->value.GetString(), q->value.GetStringLength());
  if (!RunQueryForRequest(ctx, req, text, std::move(params), limits, &results, &err)) return SendError(res, err);

  if (results.empty()) return SendError(res, {400, "InvalidArgument", "the query has no statement"});
  double elapsed_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
  const query::QueryResult& r = results.back();
  rapidjson::StringBuffer buf;
  JsonWriter w(buf);
  storage::StoreJsonWriter values(&w, r.view.get());
  w.StartObject();
  w.Key("columns");
  w.StartArray();
  for (const auto& c : r.columns) WriteString(&w, c);
  w.EndArray();
  w.Key("rows");
  w.StartArray();
  for (const auto& row : r.rows) {
    w.StartArray();
    for (const Value& v : row) values.Write(v);
    w.EndArray();
  }
  w.EndArray();
  w.Key("stats");
  WriteStats(&w, r.stats);
  if (!r.plan.empty()) {
    w.Key("plan");
    WriteString(&w, r.plan);
  }
  w.Key("statements");
  w.Uint64(results.size());
  w.Key("elapsed_ms");
  w.Double(elapsed_ms);
  if (graph) {
    w.Key("graph");
    WriteGraph(&w, r);
  }
  w.EndObject();
  SendJson(res, 200, std::string(buf.GetString(), buf.GetSize()));
}

}  // namespace dyad::server
