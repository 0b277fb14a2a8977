// GraphStore: a property graph in one RocksDB database — opening, the
// dictionary, counters, indexes, and the transactions that read and write it.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "graph/status.h"
#include "storage/adj_cache.h"
#include "storage/dictionary.h"
#include "storage/index_catalog.h"
#include "storage/keys.h"

namespace rocksdb {
class DB;
class ColumnFamilyHandle;
class WriteBatch;
}  // namespace rocksdb

namespace dyad::storage {

class Transaction;

// What a preload (storage/preload.h) put in memory.
struct PreloadStats {
  uint64_t lists = 0;    // adjacency lists (nodes with relationships)
  uint64_t entries = 0;  // adjacency entries (two per relationship)
  uint64_t records = 0;  // node records
  uint64_t keys = 0;     // values of the `key` index
  size_t charged = 0;    // the epoch's size afterwards, in cache entries
};

// How to open a store.
struct StoreOptions {
  bool create_if_missing = true;
  // fsync the write-ahead log before a commit reports success.
  bool sync = false;
  bool read_only = false;
  // Adjacency entries read-only transactions keep in memory (AdjCache; 20
  // bytes each plus 32 a node, only for the lists actually read; 0 turns
  // the cache off). The default holds the whole adjacency of a graph of 16
  // million relationships (about 700 MB): traversals are only fast when
  // what one query touches fits.
  size_t adj_cache_entries = 32 << 20;
};

// Graph-wide counts kept in `meta`, exact at every commit.
struct Counters {
  uint64_t next_node = 1;
  uint64_t next_edge = 1;
  int64_t nodes = 0;
  int64_t edges = 0;
  std::map<uint32_t, int64_t> per_label;
  std::map<uint32_t, int64_t> per_type;
};

// Changes a transaction makes to the counters, applied when it commits.
struct CounterDelta {
  int64_t nodes = 0;
  int64_t edges = 0;
  std::map<uint32_t, int64_t> per_label;
  std::map<uint32_t, int64_t> per_type;
};

// One open graph database. Every Transaction must end before its store is
// destroyed.
class GraphStore {
 public:
  // Opens (or creates) the store in directory path.
  static Result<std::unique_ptr<GraphStore>> Open(const std::string& path, const StoreOptions& options);
  ~GraphStore();
  GraphStore(const GraphStore&) = delete;
  GraphStore& operator=(const GraphStore&) = delete;

  // A read-only transaction on a snapshot of the current graph.
  std::unique_ptr<Transaction> BeginRead();
  // The same, shared (one allocation: query results keep their snapshot).
  std::shared_ptr<Transaction> BeginSharedRead();
  // A read-write transaction; blocks while another writer is active.
  Result<std::unique_ptr<Transaction>> BeginWrite();

  // The dictionary of label, type and key names.
  Dictionary& dict() { return dict_; }
  // The property indexes.
  IndexCatalog& indexes() { return indexes_; }
  // A copy of the committed counters.
  Counters counters() const;
  // The next node id to be allocated: every node id is below it.
  uint64_t next_node_id() const;
  // The directory the store lives in.
  const std::string& path() const { return path_; }
  // True when opened read-only.
  bool read_only() const { return options_.read_only; }
  // The id of the built-in property key `key` (fixed once the store is open).
  uint32_t key_id() const { return key_id_; }

  // Reads a meta value ("" when absent).
  std::string GetMeta(const std::string& key) const;
  // Writes a meta value durably.
  Status PutMeta(const std::string& key, const std::string& value);

  // Raw access for the bulk loader and the checker (same module).
  rocksdb::DB* db() { return db_; }
  rocksdb::ColumnFamilyHandle* cf(const char* name) const;
  // Allocates n consecutive node ids / edge ids; returns the first.
  uint64_t AllocateNodeIds(uint64_t n);
  uint64_t AllocateEdgeIds(uint64_t n);
  // Writes batch plus the counter changes atomically; called with the
  // writer lock held. Counter puts are added to batch.
  Status CommitBatch(rocksdb::WriteBatch* batch, const CounterDelta& delta);
  // Reloads counters from meta (after a rollback of a bulk load).
  Status ReloadCounters();
  // The writer lock: one writer at a time.
  std::mutex& writer_mutex() { return writer_mu_; }
  // The adjacency lists read-only transactions share.
  AdjCache& adj_cache() { return *adj_cache_; }
  // Reads the latest snapshot's whole adjacency, node records and `key`
  // index into the in-memory view now (storage/preload.h), and from then on
  // again in the background after every commit, so that readers do not wait
  // on RocksDB for them. *stats: what this first preload read.
  Status KeepPreloaded(PreloadStats* stats);
  // The outcome of the last preload that finished (background ones
  // included; OK before any), and what it read.
  Status LastPreload(PreloadStats* stats) const;

 private:
  GraphStore() = default;
  Status Init(const std::string& path, const StoreOptions& options);
  Status InitNewStore();
  Status RecoverInterruptedLoad();
  // Resets the in-memory view after a change, and asks the preloader for a
  // new one when KeepPreloaded is on.
  void ResetView();
  // The background preloader: preloads after each commit until the store closes.
  void PreloadLoop();
  // Runs one preload and records its outcome.
  Status PreloadOnce(PreloadStats* stats);

  std::string path_;
  StoreOptions options_;
  rocksdb::DB* db_ = nullptr;
  std::vector<rocksdb::ColumnFamilyHandle*> handles_;
  Dictionary dict_;
  IndexCatalog indexes_;
  mutable std::mutex counters_mu_;
  Counters counters_;
  std::mutex writer_mu_;
  std::unique_ptr<AdjCache> adj_cache_ = std::make_unique<AdjCache>(0);
  uint32_t key_id_ = 0;
  // KeepPreloaded's background thread and what it shares.
  mutable std::mutex preload_mu_;
  std::condition_variable preload_cv_;
  std::thread preloader_;
  std::atomic<bool> keep_preloaded_{false};  // KeepPreloaded was called
  std::atomic<bool> preload_wanted_{false};  // a commit made the view stale
  std::atomic<bool> closing_{false};
  Status last_preload_;  // under preload_mu_
  PreloadStats last_stats_;  // under preload_mu_
};

// Encodes a u64 as 8 big-endian bytes (meta values).
std::string EncodeU64(uint64_t v);
// Decodes a meta u64 (0 when malformed).
uint64_t DecodeU64(const std::string& s);

}  // namespace dyad::storage
