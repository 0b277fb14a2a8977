// Transaction: a consistent view of the graph (a RocksDB snapshot) and, for
// writers, a WriteBatchWithIndex holding uncommitted changes that the
// transaction's own reads already see. Commit writes the batch atomically.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "graph/record.h"
#include "graph/status.h"
#include "storage/adj_cache.h"
#include "storage/graph_store.h"
#include "storage/keys.h"

namespace rocksdb {
class Iterator;
class Snapshot;
class WriteBatchWithIndex;
}  // namespace rocksdb

namespace dyad::storage {

// Iterates the keys of one column family that start with a prefix.
class Cursor {
 public:
  Cursor(std::unique_ptr<rocksdb::Iterator> it, std::string prefix, std::string start);
  ~Cursor();
  // True while positioned on a key with the prefix.
  bool Valid() const { return valid_; }
  // Advances to the next key.
  void Next();
  // Moves to the keys that start with prefix (reusing the iterator).
  void Reseek(std::string prefix);
  // The current key.
  std::string_view key() const;
  // The current value.
  std::string_view value() const;
  // For label scans and index seeks: the node id that ends the key.
  uint64_t node_id() const { return TrailingId(key()); }
  // For adjacency scans: the decoded entry.
  AdjEntry adj() const;
  // The iterator's error, if it failed.
  Status status() const;

 private:
  void Check();
  std::unique_ptr<rocksdb::Iterator> it_;
  std::string prefix_;
  bool valid_ = false;
};

// Property name/value pairs as a caller passes them.
using NamedProps = std::vector<std::pair<std::string, Value>>;

// One read or read-write transaction. Not thread-safe; use one per thread.
class Transaction {
 public:
  Transaction(GraphStore* store, bool writable, std::unique_lock<std::mutex> writer_lock);
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;

  // True for a read-write transaction.
  bool writable() const { return batch_ != nullptr; }
  // True for a reader whose snapshot is still the store's latest state: a
  // new reader would see exactly what this one sees, so it may be reused.
  bool IsLatestRead() const;
  // The store this transaction belongs to.
  GraphStore* store() const { return store_; }

  // ---- reads ----
  // Reads node id; NotFound when it does not exist.
  Status GetNode(uint64_t id, NodeRecord* out);
  // Reads relationship id; NotFound when it does not exist.
  Status GetEdge(uint64_t id, EdgeRecord* out);
  // For readers: node id's record as the snapshot's epoch keeps it (read
  // and published on first use, then shared by every reader at the same
  // sequence; valid while this transaction lives). *out is null when it is
  // not kept — a writer, no cache or a full one: use GetNode then.
  Status SharedNode(uint64_t id, const NodeRecord** out);
  // The node's decoded record when the snapshot's cache already holds it
  // (null otherwise: SharedNode reads it).
  const NodeRecord* CachedNode(uint64_t id) {
    AdjEpoch* epoch = Epoch();
    return epoch ? epoch->FindNode(id) : nullptr;
  }
  // Readers: the in-memory view of this snapshot (pinned on first use);
  // null for a writer or when the store keeps none.
  AdjEpoch* SharedEpoch() { return Epoch(); }
  // True when node id exists.
  bool NodeExists(uint64_t id);
  // Every node, by id (nodes CF).
  std::unique_ptr<Cursor> ScanNodes();
  // Every relationship, by id (edges CF).
  std::unique_ptr<Cursor> ScanEdges();
  // The nodes with a label (labels CF); node_id() per entry.
  std::unique_ptr<Cursor> ScanLabel(uint32_t label);
  // Adjacency entries of node, optionally narrowed to one direction and
  // type (kBoth: both directions).
  std::unique_ptr<Cursor> Neighbors(uint64_t node, Direction dir, std::optional<uint32_t> type);
  // The adjacency entries of node for a direction (kBoth: both) and,
  // optionally, one type, in key order. Read-only transactions share the
  // store's AdjCache (one seek per node and snapshot sequence; the span
  // stays valid while the transaction lives); read-write ones read through
  // their batch.
  Status Adjacency(uint64_t node, Direction dir, const uint32_t* type, AdjSpan* out);
  // A reader's node list when its snapshot's cache already holds it (null
  // otherwise: then Adjacency reads it). Valid while the transaction lives.
  const AdjList* CachedAdjacency(uint64_t node) {
    AdjEpoch* epoch = Epoch();
    return epoch ? epoch->Find(node) : nullptr;
  }
  // Candidate nodes whose indexed (label, key) value lies in [lo, hi]
  // (nullptr: unbounded; the flags say whether the bound is inclusive).
  // Callers re-check the value: numbers are indexed by their double value.
  std::unique_ptr<Cursor> IndexSeek(uint32_t label, uint32_t key, const Value* lo, bool lo_inclusive,
                                    const Value* hi, bool hi_inclusive);
  // Appends the candidate nodes whose indexed (label, key) value equals
  // value, in index order (IndexSeek with both bounds value). Readers keep
  // the answer in the epoch, so a repeated lookup reads nothing. *exact
  // (optional) is set true when the nodes are known to hold a key equal to
  // value (a preloaded `key` string: no candidate to re-check), else false.
  Status IndexLookup(uint32_t label, uint32_t key, const Value& value, std::vector<uint64_t>* out,
                     bool* exact = nullptr);
  // Every key of a column family (for the checker).
  std::unique_ptr<Cursor> ScanAll(const char* cf) { return Scan(cf, "", ""); }
  // Keys of a column family that start with prefix, from start (or prefix).
  std::unique_ptr<Cursor> Scan(const char* cf, std::string prefix, std::string start);
  // The node whose `key` property equals key, if any.
  std::optional<uint64_t> FindNodeByKey(const std::string& key);
  // Relationships per type id as this transaction sees them: the counters of
  // its snapshot (written in the same batch as the changes they count) plus
  // its own uncommitted changes. Types with no relationships are left out.
  Status RelationshipCountsByType(std::map<uint32_t, int64_t>* out);

  // Dictionary lookups (names interned by this transaction included).
  std::optional<uint32_t> LabelId(std::string_view name) const;
  std::optional<uint32_t> TypeId(std::string_view name) const;
  std::optional<uint32_t> KeyId(std::string_view name) const;
  std::string LabelName(uint32_t id) const;
  std::string TypeName(uint32_t id) const;
  std::string KeyName(uint32_t id) const;

  // ---- writes (read-write transactions only) ----
  // Interns a name for writing.
  uint32_t InternLabel(std::string_view name);
  uint32_t InternType(std::string_view name);
  uint32_t InternKey(std::string_view name);
  // Creates a node; returns its id. Null property values are skipped.
  Result<uint64_t> CreateNode(const std::vector<std::string>& labels, const NamedProps& props);
  // Replaces a node's labels and properties (id must exist); keeps indexes,
  // label entries and counters in step.
  Status UpdateNode(const NodeRecord& updated);
  // Sets one property (null removes it).
  Status SetNodeProperty(uint64_t id, std::string_view key, const Value& v);
  // Deletes a node; with edges it is refused unless detach is set.
  Status DeleteNode(uint64_t id, bool detach);
  // Creates a relationship; both ends must exist. Returns its id.
  Result<uint64_t> CreateEdge(std::string_view type, uint64_t start, uint64_t end, const NamedProps& props);
  // Replaces a relationship's properties.
  Status UpdateEdgeProps(uint64_t id, const PropertyList& props);
  // Deletes a relationship and both adjacency entries.
  Status DeleteEdge(uint64_t id);
  // Creates a per-label property index and fills it from existing nodes.
  Status CreateIndex(std::string_view label, std::string_view key);
  // Drops a per-label property index and its entries.
  Status DropIndex(std::string_view label, std::string_view key);
  // Number of uncommitted writes (for limits).
  size_t pending_writes() const;
  // Writes everything atomically. The transaction is finished afterwards.
  Status Commit();

 private:
  Status Get(const char* cf, const std::string& key, std::string* value);
  Status CheckKeyUnique(const NodeRecord& n, uint64_t ignore_id);
  void PutIndexEntries(const NodeRecord& n);
  void DeleteIndexEntries(const NodeRecord& n);
  uint32_t Intern(NameKind kind, std::string_view name);
  // Readers: the epoch of this snapshot, pinned on first use (null: none).
  AdjEpoch* Epoch() { return batch_ ? nullptr : epoch_pinned_ ? epoch_.get() : PinEpoch(); }
  // Epoch's first call: reuses the cache's epoch for this snapshot or starts one.
  AdjEpoch* PinEpoch();

  GraphStore* store_;
  std::unique_lock<std::mutex> writer_lock_;
  const rocksdb::Snapshot* snapshot_ = nullptr;
  std::unique_ptr<rocksdb::WriteBatchWithIndex> batch_;
  CounterDelta delta_;
  std::vector<std::pair<NameKind, uint32_t>> fresh_names_;
  std::vector<std::pair<uint32_t, uint32_t>> created_indexes_, dropped_indexes_;
  uint32_t key_prop_id_ = 0;
  uint64_t seq_ = 0;  // the snapshot's sequence number
  // Readers: the adjacency lists of seq_, pinned on first use (null: none).
  std::shared_ptr<AdjEpoch> epoch_;
  bool epoch_pinned_ = false;
  std::vector<AdjEntry> adj_scratch_;  // entries read for a list, reused
  std::unique_ptr<Cursor> adj_cursor_;  // readers: one iterator for every list read
  std::unique_ptr<Cursor> index_cursor_;  // readers: one iterator for every index lookup
  bool finished_ = false;
};

}  // namespace dyad::storage
