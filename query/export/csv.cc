// neo4j-admin CSV: nodes.csv with `key:ID`, `:LABEL` and typed property
// columns (`name:string`, `count:long`, `date:date`, `quotes:string[]`),
// relationships.csv with `:START_ID`, `:END_ID`, `:TYPE` and typed columns.
// A node's ID is its `key` property (n<id> when it has none), so the files
// load with neo4j-admin import and with dyad load. Arrays and labels are
// joined by the array delimiter; empty cells are absent properties.
#include <cmath>

#include "query/export/schema.h"
#include "query/export/text.h"
#include "query/export/writers.h"

namespace dyad::query {

namespace {

std::string ScalarText(const Value& v) {
  if (v.is_float() && std::isinf(v.as_float())) return v.as_float() > 0 ? "Infinity" : "-Infinity";
  return ValueText(v);
}

std::string Cell(const Value& v, const KeyInfo& k, char delim) {
  std::string text;
  if (v.is_list() && k.csv_type().ends_with("[]")) {
    for (size_t i = 0; i < v.as_list().size(); ++i) {
      if (i) text.push_back(delim);
      text += ScalarText(v.as_list()[i]);
    }
  } else {
    text = ScalarText(v);
  }
  return text.empty() ? "\"\"" : CsvField(text);  // "" is an empty value, not an absent one
}

// The columns of one file: key ids in header order.
std::vector<uint32_t> WriteHeader(std::ostream& out, const char* fixed, const KeySet& set,
                                  std::optional<uint32_t> skip) {
  out << fixed;
  std::vector<uint32_t> cols;
  for (const auto& [id, k] : set.Sorted()) {
    if (skip && id == *skip) continue;
    cols.push_back(id);
    out << "," << CsvField(k->name + ":" + k->csv_type());
  }
  out << "\n";
  return cols;
}

void WriteCells(std::ostream& out, const PropertyList& props, const std::vector<uint32_t>& cols, const KeySet& set,
                char delim) {
  for (uint32_t c : cols) {
    out << ",";
    const Value* v = FindProperty(props, c);
    if (v) out << Cell(*v, set.keys.at(c), delim);
  }
  out << "\n";
}

std::string NodeCsvId(const PropertyList& props, std::optional<uint32_t> key, uint64_t id) {
  const Value* v = key ? FindProperty(props, *key) : nullptr;
  if (v && !v->is_null()) {
    std::string s = ValueText(*v);
    if (!s.empty()) return s;
  }
  return NodeId(id);
}

}  // namespace

Status WriteCsv(const ExportSource& src, char array_delimiter, std::ostream* nodes, std::ostream* relationships,
                ExportSummary* summary) {
  ExportSchema schema;
  DYAD_RETURN_IF_ERROR(CollectSchema(src, {}, {}, &schema));
  storage::Transaction* txn = src.txn();
  char delim = array_delimiter;
  if (!delim) {
    delim = '\x1f';
    for (char c : std::string_view(";|\t"))
      if (schema.delimiter_clashes.find(c) == std::string::npos) {
        delim = c;
        break;
      }
  }
  std::optional<uint32_t> key = txn->KeyId("key");
  if (nodes) {
    std::vector<uint32_t> cols = WriteHeader(*nodes, "key:ID,:LABEL", schema.node_keys, key);
    DYAD_RETURN_IF_ERROR(src.ForEachNode([&](const NodeRecord& n) {
      std::string labels;
      for (uint32_t l : n.labels) {
        if (!labels.empty()) labels.push_back(delim);
        labels += txn->LabelName(l);
      }
      *nodes << CsvField(NodeCsvId(n.props, key, n.id)) << "," << CsvField(labels);
      WriteCells(*nodes, n.props, cols, schema.node_keys, delim);
      return Status::OK();
    }));
    if (!*nodes) return Status::IOError("export: write failed");
  }
  if (relationships) {
    std::vector<uint32_t> cols = WriteHeader(*relationships, ":START_ID,:END_ID,:TYPE", schema.edge_keys, {});
    // Endpoint ids are keys: look each endpoint up once per relationship.
    DYAD_RETURN_IF_ERROR(src.ForEachEdge([&](const EdgeRecord& e) {
      NodeRecord a, b;
      DYAD_RETURN_IF_ERROR(txn->GetNode(e.start, &a));
      DYAD_RETURN_IF_ERROR(txn->GetNode(e.end, &b));
      *relationships << CsvField(NodeCsvId(a.props, key, a.id)) << "," << CsvField(NodeCsvId(b.props, key, b.id))
                     << "," << CsvField(txn->TypeName(e.type));
      WriteCells(*relationships, e.props, cols, schema.edge_keys, delim);
      return Status::OK();
    }));
    if (!*relationships) return Status::IOError("export: write failed");
  }
  if (summary) {
    summary->nodes = schema.nodes;
    summary->relationships = schema.edges;
    summary->array_delimiter = delim;
  }
  return Status::OK();
}

}  // namespace dyad::query
