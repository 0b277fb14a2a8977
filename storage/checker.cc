#include "storage/checker.h"

#include <map>
#include <set>
#include <unordered_set>

#include "storage/transaction.h"

namespace dyad::storage {

namespace {

constexpr size_t kMaxListed = 100;

class Collector {
 public:
  explicit Collector(CheckReport* r) : r_(r) {}
  void Add(std::string msg) {
    r_->problem_count++;
    if (r_->problems.size() < kMaxListed) r_->problems.push_back(std::move(msg));
  }

 private:
  CheckReport* r_;
};

std::string Hex(std::string_view s) {
  static const char* d = "0123456789abcdef";
  std::string out;
  for (unsigned char c : s) {
    out.push_back(d[c >> 4]);
    out.push_back(d[c & 15]);
  }
  return out;
}

}  // namespace

Status CheckStore(GraphStore* store, CheckReport* report) {
  *report = CheckReport();
  Collector bad(report);
  auto txn = store->BeginRead();
  Dictionary& dict = store->dict();
  auto known = [&](NameKind k, uint32_t id) { return !dict.Name(k, id).empty(); };

  // Nodes: decode, collect expected label and index entries.
  std::set<std::string> expected_labels, expected_props;
  std::map<uint32_t, int64_t> label_counts, type_counts;
  std::unordered_set<uint64_t> node_ids;
  uint64_t max_node = 0, max_edge = 0;
  std::vector<std::string> keys;
  for (auto c = txn->ScanNodes(); c->Valid(); c->Next()) {
    NodeRecord n;
    if (c->key().size() != 8) {
      bad.Add("nodes: malformed key " + Hex(c->key()));
      continue;
    }
    Status s = txn->GetNode(TrailingId(c->key()), &n);
    if (!s.ok()) {
      bad.Add("node " + std::to_string(TrailingId(c->key())) + ": " + s.message());
      continue;
    }
    report->nodes++;
    node_ids.insert(n.id);
    max_node = std::max(max_node, n.id);
    for (uint32_t l : n.labels) {
      if (!known(NameKind::kLabel, l)) bad.Add("node " + std::to_string(n.id) + ": unknown label id " + std::to_string(l));
      label_counts[l]++;
    }
    for (auto& [k, v] : n.props)
      if (!known(NameKind::kKey, k)) bad.Add("node " + std::to_string(n.id) + ": unknown property key id " + std::to_string(k));
    keys.clear();
    IndexCatalog::LabelEntriesFor(n, &keys);
    expected_labels.insert(keys.begin(), keys.end());
    keys.clear();
    store->indexes().EntriesFor(n, &keys);
    expected_props.insert(keys.begin(), keys.end());
  }

  // Edges: endpoints exist, both adjacency entries exist.
  std::set<std::string> expected_adj;
  for (auto c = txn->ScanEdges(); c->Valid(); c->Next()) {
    EdgeRecord e;
    Status s = txn->GetEdge(TrailingId(c->key()), &e);
    if (!s.ok()) {
      bad.Add("relationship " + std::to_string(TrailingId(c->key())) + ": " + s.message());
      continue;
    }
    report->edges++;
    max_edge = std::max(max_edge, e.id);
    type_counts[e.type]++;
    std::string id = "relationship " + std::to_string(e.id);
    if (!known(NameKind::kType, e.type)) bad.Add(id + ": unknown type id " + std::to_string(e.type));
    if (!node_ids.count(e.start)) bad.Add(id + ": start node " + std::to_string(e.start) + " does not exist");
    if (!node_ids.count(e.end)) bad.Add(id + ": end node " + std::to_string(e.end) + " does not exist");
    expected_adj.insert(AdjKey(e.start, Direction::kOut, e.type, e.end, e.id));
    expected_adj.insert(AdjKey(e.end, Direction::kIn, e.type, e.start, e.id));
  }

  // Compare actual entries with expected ones, in both directions.
  auto compare = [&](const char* what, std::unique_ptr<Cursor> c, std::set<std::string>& expected, uint64_t* count) {
    for (; c->Valid(); c->Next()) {
      (*count)++;
      std::string k(c->key());
      auto it = expected.find(k);
      if (it == expected.end())
        bad.Add(std::string(what) + ": stray entry " + Hex(k));
      else
        expected.erase(it);
    }
    for (const auto& k : expected) bad.Add(std::string(what) + ": missing entry " + Hex(k));
  };
  compare("adjacency", txn->ScanAll(kAdjCF), expected_adj, &report->adjacency_entries);
  compare("label index", txn->ScanAll(kLabelsCF), expected_labels, &report->label_entries);
  compare("property index", txn->ScanAll(kPropsCF), expected_props, &report->index_entries);

  // Unique keys.
  if (auto key_id = dict.Find(NameKind::kKey, "key")) {
    std::string last;
    uint64_t last_node = 0;
    for (auto c = txn->Scan(kPropsCF, PropIndexPrefix(kGlobalLabel, *key_id), ""); c->Valid(); c->Next()) {
      std::string_view k = c->key();
      std::string value(k.substr(0, k.size() - 8));
      if (value == last) bad.Add("duplicate key: nodes " + std::to_string(last_node) + " and " + std::to_string(c->node_id()));
      last = value;
      last_node = c->node_id();
    }
  }

  // Counters.
  Counters counters = store->counters();
  if (counters.nodes != static_cast<int64_t>(report->nodes))
    bad.Add("node count is " + std::to_string(counters.nodes) + " but " + std::to_string(report->nodes) + " nodes exist");
  if (counters.edges != static_cast<int64_t>(report->edges))
    bad.Add("relationship count is " + std::to_string(counters.edges) + " but " + std::to_string(report->edges) + " exist");
  if (counters.next_node <= max_node) bad.Add("next node id " + std::to_string(counters.next_node) + " is not above the largest id");
  if (counters.next_edge <= max_edge) bad.Add("next relationship id " + std::to_string(counters.next_edge) + " is not above the largest id");
  auto compare_counts = [&](const char* what, NameKind kind, const std::map<uint32_t, int64_t>& stored,
                            const std::map<uint32_t, int64_t>& actual) {
    for (auto& [id, n] : stored)
      if (n != (actual.count(id) ? actual.at(id) : 0))
        bad.Add(std::string(what) + " count of '" + dict.Name(kind, id) + "' is " + std::to_string(n) + " but " +
                std::to_string(actual.count(id) ? actual.at(id) : 0) + " exist");
    for (auto& [id, n] : actual)
      if (!stored.count(id)) bad.Add(std::string(what) + " '" + dict.Name(kind, id) + "' has no stored count");
  };
  compare_counts("label", NameKind::kLabel, counters.per_label, label_counts);
  compare_counts("type", NameKind::kType, counters.per_type, type_counts);
  return Status::OK();
}

}  // namespace dyad::storage
