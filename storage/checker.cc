#include "storage/checker.h"

#include <functional>
#include <map>
#include <string_view>

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

// An order-independent digest of a multiset of keys: the check compares the
// entries a store should have with the ones it has without holding either
// set in memory (a graph of millions of relationships has tens of millions).
class KeyDigest {
 public:
  void Add(std::string_view k) {
    uint64_t fnv = 1469598103934665603ULL;
    for (unsigned char c : k) fnv = (fnv ^ c) * 1099511628211ULL;
    a_ += Mix(std::hash<std::string_view>()(k));
    b_ += Mix(fnv);
    ++count_;
  }
  bool operator==(const KeyDigest& o) const { return a_ == o.a_ && b_ == o.b_ && count_ == o.count_; }
  uint64_t count() const { return count_; }

 private:
  static uint64_t Mix(uint64_t h) {
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdULL;
    h ^= h >> 33;
    h *= 0xc4ceb9fe1a85ec53ULL;
    return h ^ (h >> 33);
  }
  uint64_t a_ = 0, b_ = 0, count_ = 0;
};

// True when column family cf holds exactly key k.
bool HasKey(Transaction* txn, const char* cf, const std::string& k) {
  auto c = txn->Scan(cf, k, "");
  return c->Valid() && c->key() == k;
}

// The entries of one column family that records imply: adjacency entries
// from relationships, label and property index entries from nodes.
enum class Derived { kAdjacency, kLabels, kProps };

const char* CFOf(Derived d) { return d == Derived::kAdjacency ? kAdjCF : d == Derived::kLabels ? kLabelsCF : kPropsCF; }
const char* NameOf(Derived d) {
  return d == Derived::kAdjacency ? "adjacency" : d == Derived::kLabels ? "label index" : "property index";
}

// Calls f with every entry the records imply for d.
template <typename F>
void ForEachExpected(GraphStore* store, Transaction* txn, Derived d, F f) {
  std::vector<std::string> keys;
  if (d == Derived::kAdjacency) {
    for (auto c = txn->ScanEdges(); c->Valid(); c->Next()) {
      EdgeRecord e;
      if (!txn->GetEdge(TrailingId(c->key()), &e).ok()) continue;
      f(AdjKey(e.start, Direction::kOut, e.type, e.end, e.id));
      f(AdjKey(e.end, Direction::kIn, e.type, e.start, e.id));
    }
    return;
  }
  for (auto c = txn->ScanNodes(); c->Valid(); c->Next()) {
    NodeRecord n;
    if (c->key().size() != 8 || !txn->GetNode(TrailingId(c->key()), &n).ok()) continue;
    keys.clear();
    if (d == Derived::kLabels)
      IndexCatalog::LabelEntriesFor(n, &keys);
    else
      store->indexes().EntriesFor(n, &keys);
    for (auto& k : keys) f(k);
  }
}

// True when the records imply entry k of d (one point read).
bool Justified(GraphStore* store, Transaction* txn, Derived d, std::string_view k) {
  if (d == Derived::kAdjacency) {
    AdjEntry a;
    EdgeRecord e;
    if (!ParseAdjKey(k, &a) || !txn->GetEdge(a.edge, &e).ok() || e.type != a.type) return false;
    return a.dir == Direction::kOut ? (e.start == a.node && e.end == a.nbr) : (e.end == a.node && e.start == a.nbr);
  }
  NodeRecord n;
  if (k.size() < 8 || !txn->GetNode(TrailingId(k), &n).ok()) return false;
  std::vector<std::string> keys;
  if (d == Derived::kLabels)
    IndexCatalog::LabelEntriesFor(n, &keys);
  else
    store->indexes().EntriesFor(n, &keys);
  for (auto& x : keys)
    if (x == k) return true;
  return false;
}

// Names each stray and missing entry of d, by point reads (only run when
// the digests differ).
void Diagnose(GraphStore* store, Transaction* txn, Derived d, Collector* bad) {
  std::string what = NameOf(d);
  for (auto c = txn->ScanAll(CFOf(d)); c->Valid(); c->Next())
    if (!Justified(store, txn, d, c->key())) bad->Add(what + ": stray entry " + Hex(c->key()));
  ForEachExpected(store, txn, d, [&](const std::string& k) {
    if (!HasKey(txn, CFOf(d), k)) bad->Add(what + ": missing entry " + Hex(k));
  });
}

}  // namespace

Status CheckStore(GraphStore* store, CheckReport* report) {
  *report = CheckReport();
  Collector bad(report);
  auto txn = store->BeginRead();
  Dictionary& dict = store->dict();
  auto known = [&](NameKind k, uint32_t id) { return !dict.Name(k, id).empty(); };
  Counters counters = store->counters();

  // Nodes: decode, check names, digest the index entries they imply.
  KeyDigest expected_labels, expected_props, expected_adj;
  std::map<uint32_t, int64_t> label_counts, type_counts;
  std::vector<bool> node_exists(counters.next_node + 1, false);  // ids are dense
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
    if (n.id >= node_exists.size()) node_exists.resize(n.id + 1, false);
    node_exists[n.id] = true;
    max_node = std::max(max_node, n.id);
    for (uint32_t l : n.labels) {
      if (!known(NameKind::kLabel, l)) bad.Add("node " + std::to_string(n.id) + ": unknown label id " + std::to_string(l));
      label_counts[l]++;
    }
    for (auto& [k, v] : n.props)
      if (!known(NameKind::kKey, k)) bad.Add("node " + std::to_string(n.id) + ": unknown property key id " + std::to_string(k));
    keys.clear();
    IndexCatalog::LabelEntriesFor(n, &keys);
    for (auto& k : keys) expected_labels.Add(k);
    keys.clear();
    store->indexes().EntriesFor(n, &keys);
    for (auto& k : keys) expected_props.Add(k);
  }
  auto node_ok = [&](uint64_t id) { return id < node_exists.size() && node_exists[id]; };

  // Edges: endpoints exist; digest the adjacency entries they imply.
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
    if (!node_ok(e.start)) bad.Add(id + ": start node " + std::to_string(e.start) + " does not exist");
    if (!node_ok(e.end)) bad.Add(id + ": end node " + std::to_string(e.end) + " does not exist");
    expected_adj.Add(AdjKey(e.start, Direction::kOut, e.type, e.end, e.id));
    expected_adj.Add(AdjKey(e.end, Direction::kIn, e.type, e.start, e.id));
  }

  // Compare the entries present with the ones expected; name the
  // differences only when the digests disagree.
  auto compare = [&](Derived d, const KeyDigest& expected, uint64_t* count) {
    KeyDigest actual;
    for (auto c = txn->ScanAll(CFOf(d)); c->Valid(); c->Next()) actual.Add(c->key());
    *count = actual.count();
    if (!(actual == expected)) Diagnose(store, txn.get(), d, &bad);
  };
  compare(Derived::kAdjacency, expected_adj, &report->adjacency_entries);
  compare(Derived::kLabels, expected_labels, &report->label_entries);
  compare(Derived::kProps, expected_props, &report->index_entries);

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
