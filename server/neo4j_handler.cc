#include "server/neo4j_handler.h"

#include <httplib.h>

#include <cmath>

#include "server/graph_collector.h"
#include "server/node_summary.h"
#include "server/request.h"

namespace dyad::server {

namespace {

// Writes values the way Neo4j's "row" format does: nodes and relationships
// as their property maps, paths as lists of them, temporal values as ISO
// strings; and the parallel "meta" entries.
class Neo4jWriter {
 public:
  Neo4jWriter(JsonWriter* w, storage::Transaction* txn) : w_(w), txn_(txn) {}

  void Row(const Value& v) {
    switch (v.type()) {
      case ValueType::kNull: w_->Null(); break;
      case ValueType::kBool: w_->Bool(v.as_bool()); break;
      case ValueType::kInt: w_->Int64(v.as_int()); break;
      case ValueType::kFloat:
        if (std::isfinite(v.as_float())) {
          w_->Double(v.as_float());
        } else {
          WriteString(w_, std::isnan(v.as_float()) ? "NaN" : v.as_float() > 0 ? "Infinity" : "-Infinity");
        }
        break;
      case ValueType::kString: WriteString(w_, v.as_string()); break;
      case ValueType::kDate: WriteString(w_, FormatDate(v.as_date())); break;
      case ValueType::kDateTime: WriteString(w_, FormatDateTime(v.as_datetime())); break;
      case ValueType::kDuration: WriteString(w_, FormatDuration(v.as_duration())); break;
      case ValueType::kList:
        w_->StartArray();
        for (const Value& e : v.as_list()) Row(e);
        w_->EndArray();
        break;
      case ValueType::kMap:
        w_->StartObject();
        for (const auto& [k, e] : v.as_map()) {
          WriteString(w_, k);
          Row(e);
        }
        w_->EndObject();
        break;
      case ValueType::kNode: {
        NodeRecord n;
        Props(txn_->GetNode(v.as_node().id, &n).ok() ? &n.props : nullptr);
        break;
      }
      case ValueType::kRel: {
        EdgeRecord e;
        Props(txn_->GetEdge(v.as_rel().id, &e).ok() ? &e.props : nullptr);
        break;
      }
      case ValueType::kPath: {
        const PathValue& p = v.as_path();
        w_->StartArray();
        for (size_t i = 0; i < p.nodes.size(); ++i) {
          Row(Value(p.nodes[i]));
          if (i < p.rels.size()) Row(Value(p.rels[i]));
        }
        w_->EndArray();
        break;
      }
    }
  }

  void Meta(const Value& v) {
    switch (v.type()) {
      case ValueType::kNode: EntityMeta(v.as_node().id, "node"); break;
      case ValueType::kRel: EntityMeta(v.as_rel().id, "relationship"); break;
      case ValueType::kPath: {
        const PathValue& p = v.as_path();
        w_->StartArray();
        for (size_t i = 0; i < p.nodes.size(); ++i) {
          EntityMeta(p.nodes[i].id, "node");
          if (i < p.rels.size()) EntityMeta(p.rels[i].id, "relationship");
        }
        w_->EndArray();
        break;
      }
      case ValueType::kList:
        w_->StartArray();
        for (const Value& e : v.as_list()) Meta(e);
        w_->EndArray();
        break;
      case ValueType::kDate: TypeMeta("date"); break;
      case ValueType::kDateTime: TypeMeta("offset_datetime"); break;
      case ValueType::kDuration: TypeMeta("duration"); break;
      default: w_->Null();
    }
  }

  void Graph(const std::vector<Value>& row) {
    GraphCollector g;
    for (const Value& v : row) g.Add(v);
    w_->StartObject();
    w_->Key("nodes");
    w_->StartArray();
    for (uint64_t id : g.nodes()) {
      NodeRecord n;
      if (!txn_->GetNode(id, &n).ok()) continue;
      std::string sid = std::to_string(id);
      w_->StartObject();
      w_->Key("id");
      WriteString(w_, sid);
      w_->Key("elementId");
      WriteString(w_, sid);
      w_->Key("labels");
      w_->StartArray();
      for (const auto& l : LabelNames(txn_, n)) WriteString(w_, l);
      w_->EndArray();
      w_->Key("properties");
      Props(&n.props);
      w_->EndObject();
    }
    w_->EndArray();
    w_->Key("relationships");
    w_->StartArray();
    for (const auto& rel : g.rels()) {
      EdgeRecord e;
      if (!txn_->GetEdge(rel.first, &e).ok()) continue;
      std::string sid = std::to_string(e.id), start = std::to_string(e.start), end = std::to_string(e.end);
      w_->StartObject();
      w_->Key("id");
      WriteString(w_, sid);
      w_->Key("elementId");
      WriteString(w_, sid);
      w_->Key("type");
      WriteString(w_, txn_->TypeName(e.type));
      w_->Key("startNode");
      WriteString(w_, start);
      w_->Key("startNodeElementId");
      WriteString(w_, start);
      w_->Key("endNode");
      WriteString(w_, end);
      w_->Key("endNodeElementId");
      WriteString(w_, end);
      w_->Key("properties");
      Props(&e.props);
      w_->EndObject();
    }
    w_->EndArray();
    w_->EndObject();
  }

 private:
  void Props(const PropertyList* props) {
    w_->StartObject();
    if (props)
      for (const auto& [k, v] : *props) {
        WriteString(w_, txn_->KeyName(k));
        Row(v);
      }
    w_->EndObject();
  }
  void EntityMeta(uint64_t id, const char* type) {
    w_->StartObject();
    w_->Key("id");
    w_->Uint64(id);
    w_->Key("elementId");
    WriteString(w_, std::to_string(id));
    w_->Key("type");
    w_->String(type);
    w_->Key("deleted");
    w_->Bool(false);
    w_->EndObject();
  }
  void TypeMeta(const char* type) {
    w_->StartObject();
    w_->Key("type");
    w_->String(type);
    w_->EndObject();
  }

  JsonWriter* w_;
  storage::Transaction* txn_;
};

void WriteNeo4jStats(JsonWriter* w, const query::QueryStats& s) {
  w->StartObject();
  auto n = [&](const char* k, int64_t v) {
    w->Key(k);
    w->Int64(v);
  };
  w->Key("contains_updates");
  w->Bool(s.any());
  n("nodes_created", s.nodes_created);
  n("nodes_deleted", s.nodes_deleted);
  n("properties_set", s.properties_set);
  n("relationships_created", s.relationships_created);
  n("relationship_deleted", s.relationships_deleted);
  n("labels_added", s.labels_added);
  n("labels_removed", s.labels_removed);
  n("indexes_added", 0);
  n("indexes_removed", 0);
  n("constraints_added", 0);
  n("constraints_removed", 0);
  w->Key("contains_system_updates");
  w->Bool(false);
  n("system_updates", 0);
  w->EndObject();
}

// Neo4j's position suffix: " (line 1, column 8 (offset: 7))".
std::string PositionSuffix(const std::string& text, int line, int column) {
  if (line <= 0) return "";
  size_t offset = 0;
  for (int l = 1; l < line && offset < text.size(); ++l) {
    size_t nl = text.find('\n', offset);
    if (nl == std::string::npos) break;
    offset = nl + 1;
  }
  offset += column > 0 ? column - 1 : 0;
  return " (line " + std::to_string(line) + ", column " + std::to_string(column) + " (offset: " +
         std::to_string(offset) + "))";
}

struct Neo4jError {
  std::string code, message;
};

void SendNeo4j(httplib::Response& res, int status, const std::string& results_json,
               const std::vector<Neo4jError>& errors) {
  rapidjson::StringBuffer buf;
  JsonWriter w(buf);
  w.StartObject();
  w.Key("results");
  w.RawValue(results_json.data(), results_json.size(), rapidjson::kArrayType);
  w.Key("errors");
  w.StartArray();
  for (const auto& e : errors) {
    w.StartObject();
    w.Key("code");
    WriteString(&w, e.code);
    w.Key("message");
    WriteString(&w, e.message);
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  SendJson(res, status, std::string(buf.GetString(), buf.GetSize()));
}

}  // namespace

std::string Neo4jErrorCode(const std::string& code) {
  static const std::map<std::string, std::string> kCodes = {
      {"SyntaxError", "Neo.ClientError.Statement.SyntaxError"},
      {"SemanticError", "Neo.ClientError.Statement.SemanticError"},
      {"TypeError", "Neo.ClientError.Statement.TypeError"},
      {"ArgumentError", "Neo.ClientError.Statement.ArgumentError"},
      {"ArithmeticError", "Neo.ClientError.Statement.ArithmeticError"},
      {"EntityNotFound", "Neo.ClientError.Statement.EntityNotFound"},
      {"ConstraintValidationFailed", "Neo.ClientError.Schema.ConstraintValidationFailed"},
      {"Timeout", "Neo.ClientError.Transaction.TransactionTimedOut"},
      {"ResourceLimit", "Neo.ClientError.Statement.ResourceLimitExceeded"},
      {"Unsupported", "Neo.ClientError.Statement.FeatureNotSupported"},
      {"Unauthorized", "Neo.ClientError.Security.Unauthorized"},
      {"Forbidden", "Neo.ClientError.Security.Forbidden"},
      {"InvalidJson", "Neo.ClientError.Request.InvalidFormat"},
      {"UnsupportedMediaType", "Neo.ClientError.Request.InvalidFormat"},
      {"InvalidArgument", "Neo.ClientError.Request.Invalid"},
      {"NotFound", "Neo.ClientError.Statement.EntityNotFound"},
  };
  auto it = kCodes.find(code);
  return it != kCodes.end() ? it->second : "Neo.DatabaseError.General.UnknownError";
}

void HandleNeo4jCommit(ServerContext& ctx, const httplib::Request& req, httplib::Response& res) {
  std::string db = req.matches.size() > 1 ? req.matches[1].str() : "";
  if (db != "neo4j" && db != "dyad" && db != "default")
    return SendNeo4j(res, 404, "[]",
                     {{"Neo.ClientError.Database.DatabaseNotFound",
                       "database '" + db + "' does not exist (this server has one: neo4j, also named dyad)"}});
  rapidjson::Document doc;
  ApiError err;
  if (!ParseJsonBody(req, &doc, &err)) return SendNeo4j(res, err.http_status, "[]", {{Neo4jErrorCode(err.code), err.message}});
  auto st = doc.FindMember("statements");
  if (st != doc.MemberEnd() && !st->value.IsArray())
    return SendNeo4j(res, 400, "[]", {{"Neo.ClientError.Request.InvalidFormat", "statements must be an array"}});

  rapidjson::StringBuffer buf;
  JsonWriter w(buf);
  std::vector<Neo4jError> errors;
  int status = 200;
  w.StartArray();
  if (st != doc.MemberEnd()) {
    for (const auto& s : st->value.GetArray()) {
      auto text = s.IsObject() ? s.FindMember("statement") : s.MemberEnd();
      if (!s.IsObject() || text == s.MemberEnd() || !text->value.IsString()) {
        errors.push_back({"Neo.ClientError.Request.InvalidFormat", "each statement needs \"statement\": a string"});
        break;
      }
      Map params;
      auto p = s.FindMember("parameters");
      if (p != s.MemberEnd() && !ParamsFromJson(p->value, &params, &err)) {
        errors.push_back({Neo4jErrorCode(err.code), err.message});
        break;
      }
      bool want_row = true, want_graph = false, bad_content = false;
      if (auto c = s.FindMember("resultDataContents"); c != s.MemberEnd() && c->value.IsArray()) {
        want_row = false;
        for (const auto& e : c->value.GetArray()) {
          std::string kind = e.IsString() ? e.GetString() : "";
          if (kind == "row" || kind == "ROW") want_row = true;
          else if (kind == "graph" || kind == "GRAPH") want_graph = true;
          else bad_content = true;
        }
      }
      if (bad_content) {
        errors.push_back({"Neo.ClientError.Request.InvalidFormat", "resultDataContents may hold \"row\" and \"graph\""});
        break;
      }
      bool stats = false;
      if (auto i = s.FindMember("includeStats"); i != s.MemberEnd() && i->value.IsBool()) stats = i->value.GetBool();

      std::string q(text->value.GetString(), text->value.GetStringLength());
      std::vector<query::QueryResult> results;
      if (!RunQueryForRequest(ctx, req, q, std::move(params), {}, &results, &err)) {
        errors.push_back({Neo4jErrorCode(err.code), err.message + PositionSuffix(q, err.line, err.column)});
        if (err.http_status == 401) status = 401;
        if (err.http_status >= 500) status = 500;
        break;
      }
      if (results.empty()) continue;
      const query::QueryResult& r = results.back();
      Neo4jWriter out(&w, r.view.get());
      w.StartObject();
      w.Key("columns");
      w.StartArray();
      for (const auto& c : r.columns) WriteString(&w, c);
      w.EndArray();
      w.Key("data");
      w.StartArray();
      for (const auto& row : r.rows) {
        w.StartObject();
        if (want_row) {
          w.Key("row");
          w.StartArray();
          for (const Value& v : row) out.Row(v);
          w.EndArray();
          w.Key("meta");
          w.StartArray();
          for (const Value& v : row) out.Meta(v);
          w.EndArray();
        }
        if (want_graph) {
          w.Key("graph");
          out.Graph(row);
        }
        w.EndObject();
      }
      w.EndArray();
      if (stats) {
        w.Key("stats");
        WriteNeo4jStats(&w, r.stats);
      }
      w.EndObject();
    }
  }
  w.EndArray();
  SendNeo4j(res, status, std::string(buf.GetString(), buf.GetSize()), errors);
  if (status == 401) res.set_header("WWW-Authenticate", "Bearer realm=\"dyad\"");
}

void HandleNeo4jUnsupported(ServerContext& ctx, const httplib::Request& req, httplib::Response& res) {
  SendNeo4j(res, 404, "[]",
            {{"Neo.ClientError.Request.Invalid",
              "only single-request transactions are supported: POST /db/neo4j/tx/commit"}});
}

void HandleNeo4jDiscovery(ServerContext& ctx, const httplib::Request& req, httplib::Response& res) {
  std::string host = req.get_header_value("Host");
  if (host.empty()) host = ctx.options.bind + ":" + std::to_string(ctx.options.port);
  std::string base = "http://" + host;
  rapidjson::StringBuffer buf;
  JsonWriter w(buf);
  w.StartObject();
  w.Key("transaction");
  WriteString(&w, base + "/db/{databaseName}/tx");
  w.Key("neo4j_version");
  w.String("5.0.0");
  w.Key("neo4j_edition");
  w.String("community");
  w.Key("dyad_version");
  WriteString(&w, ctx.options.version);
  w.EndObject();
  SendJson(res, 200, std::string(buf.GetString(), buf.GetSize()));
}

}  // namespace dyad::server
