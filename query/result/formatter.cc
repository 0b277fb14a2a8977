// FormatResult and the JSON format (INTERFACES.md, one line per statement).
#include "query/result/formatter.h"

#include <memory>

#include "query/result/format_internal.h"
#include "storage/entity_json.h"

namespace dyad::query {

namespace internal {

std::string FormatJson(const QueryResult& result, bool include_stats) {
  rapidjson::StringBuffer buf;
  JsonWriter w(buf);
  std::unique_ptr<JsonValueWriter> values;
  if (result.view)
    values = std::make_unique<storage::StoreJsonWriter>(&w, result.view.get());
  else
    values = std::make_unique<JsonValueWriter>(&w);
  w.StartObject();
  w.Key("columns");
  w.StartArray();
  for (const std::string& c : result.columns) w.String(c.data(), static_cast<rapidjson::SizeType>(c.size()));
  w.EndArray();
  w.Key("rows");
  w.StartArray();
  for (const Row& row : result.rows) {
    w.StartArray();
    for (size_t i = 0; i < result.columns.size(); ++i) values->Write(i < row.size() ? row[i] : Value());
    w.EndArray();
  }
  w.EndArray();
  if (!result.plan.empty()) {
    w.Key("plan");
    w.String(result.plan.data(), static_cast<rapidjson::SizeType>(result.plan.size()));
  }
  if (include_stats) {
    const QueryStats& s = result.stats;
    w.Key("stats");
    w.StartObject();
    const std::pair<const char*, int64_t> counters[] = {
        {"nodes_created", s.nodes_created},         {"nodes_deleted", s.nodes_deleted},
        {"relationships_created", s.relationships_created}, {"relationships_deleted", s.relationships_deleted},
        {"labels_added", s.labels_added},           {"labels_removed", s.labels_removed},
        {"properties_set", s.properties_set},
    };
    for (const auto& [name, n] : counters) {
      w.Key(name);
      w.Int64(n);
    }
    w.EndObject();
  }
  w.EndObject();
  return std::string(buf.GetString(), buf.GetSize()) + "\n";
}

std::string StatsSummary(const QueryStats& s) {
  struct Item {
    int64_t n;
    const char* verb;
    const char* one;
    const char* many;
  };
  const Item items[] = {
      {s.nodes_created, "created", "node", "nodes"},
      {s.nodes_deleted, "deleted", "node", "nodes"},
      {s.relationships_created, "created", "relationship", "relationships"},
      {s.relationships_deleted, "deleted", "relationship", "relationships"},
      {s.labels_added, "added", "label", "labels"},
      {s.labels_removed, "removed", "label", "labels"},
      {s.properties_set, "set", "property", "properties"},
  };
  std::string out;
  for (const Item& it : items) {
    if (it.n == 0) continue;
    out += out.empty() ? "" : ", ";
    out += std::string(it.verb) + " " + std::to_string(it.n) + " " + (it.n == 1 ? it.one : it.many);
  }
  if (out.empty()) return out;
  out[0] = static_cast<char>(out[0] - 'a' + 'A');
  return out + ".";
}

}  // namespace internal

std::string FormatResult(const QueryResult& result, const FormatOptions& options) {
  switch (options.format) {
    case OutputFormat::kJson: return internal::FormatJson(result, options.include_stats);
    case OutputFormat::kCsv: return internal::FormatCsv(result);
    case OutputFormat::kTable: break;
  }
  return internal::FormatTable(result, options.max_width);
}

}  // namespace dyad::query
