#include "storage/graph_store.h"

#include <filesystem>

#include <rocksdb/cache.h>
#include <rocksdb/db.h>
#include <rocksdb/filter_policy.h>
#include <rocksdb/slice_transform.h>
#include <rocksdb/table.h>
#include <rocksdb/write_batch.h>

#include "graph/codec.h"
#include "storage/bulk_writer.h"
#include "storage/preload.h"
#include "storage/transaction.h"

namespace dyad::storage {

namespace {

const char* const kCFNames[] = {kMetaCF, kDictCF, kNodesCF, kEdgesCF, kAdjCF, kLabelsCF, kPropsCF};
constexpr int kNumCFs = 7;
// The shared block cache's capacity (filled only as blocks are read).
constexpr size_t kBlockCacheBytes = 128 << 20;

// Options shared by every column family; adj gets a prefix bloom filter so
// that a neighbour scan is one seek into the one block that holds the node.
// All column families share one block cache (uncompressed blocks) so that a
// warm graph is read without decompressing; index and filter blocks stay in
// the table readers.
rocksdb::ColumnFamilyOptions CFOptions(const std::string& name, const std::shared_ptr<rocksdb::Cache>& cache) {
  rocksdb::ColumnFamilyOptions o;
  rocksdb::BlockBasedTableOptions t;
  t.filter_policy.reset(rocksdb::NewBloomFilterPolicy(10));
  t.block_cache = cache;
  if (name == kAdjCF) {
    o.prefix_extractor.reset(rocksdb::NewFixedPrefixTransform(8));
    t.whole_key_filtering = false;
  }
  o.table_factory.reset(rocksdb::NewBlockBasedTableFactory(t));
  o.compression = rocksdb::kLZ4Compression;
  o.write_buffer_size = 64 << 20;
  return o;
}

Status FromRocks(const rocksdb::Status& s) {
  if (s.ok()) return Status::OK();
  if (s.IsNotFound()) return Status::NotFound(s.ToString());
  if (s.IsCorruption()) return Status::Corruption(s.ToString());
  return Status::IOError(s.ToString());
}

}  // namespace

std::string EncodeU64(uint64_t v) {
  std::string s;
  PutFixed64BE(v, &s);
  return s;
}

uint64_t DecodeU64(const std::string& s) { return s.size() == 8 ? DecodeFixed64BE(s.data()) : 0; }

Result<std::unique_ptr<GraphStore>> GraphStore::Open(const std::string& path, const StoreOptions& options) {
  std::unique_ptr<GraphStore> store(new GraphStore());
  Status s = store->Init(path, options);
  if (!s.ok()) return s;
  return store;
}

Status GraphStore::Init(const std::string& path, const StoreOptions& options) {
  path_ = path;
  options_ = options;
  adj_cache_ = std::make_unique<AdjCache>(options.adj_cache_entries);
  std::error_code ec;
  bool exists = std::filesystem::exists(std::filesystem::path(path) / "CURRENT", ec);
  if (!exists && (!options.create_if_missing || options.read_only))
    return Status::NotFound("no dyad database at " + path);
  if (exists && !std::filesystem::exists(std::filesystem::path(path) / "IDENTITY", ec) &&
      !std::filesystem::exists(std::filesystem::path(path) / "CURRENT", ec))
    return Status::InvalidArgument(path + " is not a dyad database");

  rocksdb::DBOptions db_options;
  db_options.create_if_missing = options.create_if_missing;
  db_options.create_missing_column_families = true;
  db_options.max_background_jobs = 2;
  db_options.max_open_files = 512;
  // RocksDB opens each column family's tables with up to 16 threads by
  // default, starting them even when there is nothing to open: ~110 threads
  // per `dyad query`, most of a short command's time. Two cores gain little.
  db_options.max_file_opening_threads = 1;
  std::vector<rocksdb::ColumnFamilyDescriptor> cfs;
  cfs.emplace_back(rocksdb::kDefaultColumnFamilyName, rocksdb::ColumnFamilyOptions());
  std::shared_ptr<rocksdb::Cache> cache = rocksdb::NewLRUCache(kBlockCacheBytes);
  for (const char* name : kCFNames) cfs.emplace_back(name, CFOptions(name, cache));
  rocksdb::Status rs;
  if (options.read_only)
    rs = rocksdb::DB::OpenForReadOnly(db_options, path, cfs, &handles_, &db_);
  else
    rs = rocksdb::DB::Open(db_options, path, cfs, &handles_, &db_);
  if (!rs.ok()) {
    if (rs.IsIOError() && rs.ToString().find("lock") != std::string::npos)
      return Status::IOError("database " + path + " is in use by another dyad process");
    if (rs.IsInvalidArgument() && rs.ToString().find("Column famil") != std::string::npos)
      return Status::InvalidArgument(path + " is a RocksDB database but not a dyad one");
    return FromRocks(rs);
  }

  std::string version = GetMeta(kMetaSchemaVersion);
  if (version.empty()) {
    if (options.read_only) return Status::Corruption(path + " has no dyad schema version");
    DYAD_RETURN_IF_ERROR(InitNewStore());
  } else if (DecodeU64(version) != kSchemaVersion) {
    return Status::InvalidArgument("database " + path + " has schema version " +
                                   std::to_string(DecodeU64(version)) + "; this dyad reads version " +
                                   std::to_string(kSchemaVersion));
  }
  DYAD_RETURN_IF_ERROR(dict_.Load(db_, cf(kDictCF)));
  std::vector<uint32_t> global;
  for (const char* k : {"key", "name", "aliases"}) {
    auto id = dict_.Find(NameKind::kKey, k);
    if (!id) return Status::Corruption("dictionary lacks the built-in key '" + std::string(k) + "'");
    global.push_back(*id);
  }
  key_id_ = global[0];
  indexes_.SetGlobalKeys(global);
  {
    std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(rocksdb::ReadOptions(), cf(kMetaCF)));
    for (it->Seek(kMetaIndexPrefix); it->Valid() && it->key().starts_with(kMetaIndexPrefix); it->Next()) {
      rocksdb::Slice k = it->key();
      if (k.size() != 6 + 8) return Status::Corruption("bad index entry in meta");
      indexes_.Add(DecodeFixed32BE(k.data() + 6), DecodeFixed32BE(k.data() + 10));
    }
  }
  DYAD_RETURN_IF_ERROR(ReloadCounters());
  if (!options.read_only) {
    std::error_code ec;  // a load killed after it committed leaves its empty work directory
    std::filesystem::remove_all(path + "/bulk-load", ec);
  }
  if (!GetMeta(kMetaLoadInProgress).empty()) {
    if (options.read_only)
      return Status::Corruption("database " + path + " has an interrupted load; open it read-write to roll it back");
    DYAD_RETURN_IF_ERROR(RollbackIncompleteLoad(this));
  }
  return Status::OK();
}

Status GraphStore::InitNewStore() {
  rocksdb::WriteBatch batch;
  for (const char* k : {"key", "name", "aliases"}) {
    bool fresh;
    dict_.Intern(NameKind::kKey, k, &batch, cf(kDictCF), &fresh);
  }
  batch.Put(cf(kMetaCF), kMetaSchemaVersion, EncodeU64(kSchemaVersion));
  batch.Put(cf(kMetaCF), kMetaNextNode, EncodeU64(1));
  batch.Put(cf(kMetaCF), kMetaNextEdge, EncodeU64(1));
  batch.Put(cf(kMetaCF), kMetaNodeCount, EncodeU64(0));
  batch.Put(cf(kMetaCF), kMetaEdgeCount, EncodeU64(0));
  rocksdb::WriteOptions wo;
  wo.sync = true;
  return FromRocks(db_->Write(wo, &batch));
}

Status GraphStore::ReloadCounters() {
  ResetView();  // after a rolled-back load
  Counters c;
  c.next_node = std::max<uint64_t>(1, DecodeU64(GetMeta(kMetaNextNode)));
  c.next_edge = std::max<uint64_t>(1, DecodeU64(GetMeta(kMetaNextEdge)));
  c.nodes = static_cast<int64_t>(DecodeU64(GetMeta(kMetaNodeCount)));
  c.edges = static_cast<int64_t>(DecodeU64(GetMeta(kMetaEdgeCount)));
  std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(rocksdb::ReadOptions(), cf(kMetaCF)));
  for (it->Seek("count/"); it->Valid() && it->key().starts_with("count/"); it->Next()) {
    rocksdb::Slice k = it->key();
    if (k.size() != 8 + 4) return Status::Corruption("bad count entry in meta");
    uint32_t id = DecodeFixed32BE(k.data() + 8);
    int64_t n = static_cast<int64_t>(DecodeU64(it->value().ToString()));
    (k[6] == 'L' ? c.per_label : c.per_type)[id] = n;
  }
  std::lock_guard lock(counters_mu_);
  counters_ = std::move(c);
  return Status::OK();
}

GraphStore::~GraphStore() {
  if (preloader_.joinable()) {
    {
      std::lock_guard lock(preload_mu_);
      closing_ = true;
    }
    preload_cv_.notify_all();
    preloader_.join();
  }
  for (auto* h : handles_) db_->DestroyColumnFamilyHandle(h);
  delete db_;
}

void GraphStore::ResetView() {
  adj_cache_->Reset(db_->GetLatestSequenceNumber());
  if (keep_preloaded_) {
    {
      std::lock_guard lock(preload_mu_);  // not between the loop's check and its wait
      preload_wanted_ = true;  // also stops a preload of the old view
    }
    preload_cv_.notify_all();
  }
}

Status GraphStore::PreloadOnce(PreloadStats* stats) {
  std::unique_ptr<Transaction> reader = BeginRead();
  // A commit meanwhile makes this view stale: stop, the next one follows.
  Status s = storage::Preload(reader.get(), [this] { return closing_.load() || preload_wanted_.load(); }, stats);
  std::lock_guard lock(preload_mu_);
  last_preload_ = s;
  last_stats_ = *stats;
  return s;
}

Status GraphStore::KeepPreloaded(PreloadStats* stats) {
  if (keep_preloaded_.exchange(true)) return Status::InvalidArgument("the store is already kept preloaded");
  Status s = PreloadOnce(stats);
  // A commit during it stopped it: the preloader reads the new view next.
  if (!s.ok() && !(s.code() == Status::Code::kTimeout && preload_wanted_)) {
    keep_preloaded_ = false;
    return s;
  }
  preloader_ = std::thread([this] { PreloadLoop(); });
  return Status::OK();
}

void GraphStore::PreloadLoop() {
  std::unique_lock lock(preload_mu_);
  while (true) {
    preload_cv_.wait(lock, [this] { return closing_.load() || preload_wanted_.load(); });
    if (closing_) return;
    preload_wanted_ = false;
    lock.unlock();
    PreloadStats stats;
    PreloadOnce(&stats);  // its outcome is kept for LastPreload
    lock.lock();
  }
}

Status GraphStore::LastPreload(PreloadStats* stats) const {
  std::lock_guard lock(preload_mu_);
  *stats = last_stats_;
  return last_preload_;
}

rocksdb::ColumnFamilyHandle* GraphStore::cf(const char* name) const {
  for (int i = 0; i < kNumCFs; ++i)
    if (std::string_view(kCFNames[i]) == name) return handles_[i + 1];
  return nullptr;
}

std::unique_ptr<Transaction> GraphStore::BeginRead() {
  return std::make_unique<Transaction>(this, false, std::unique_lock<std::mutex>());
}

std::shared_ptr<Transaction> GraphStore::BeginSharedRead() {
  return std::make_shared<Transaction>(this, false, std::unique_lock<std::mutex>());
}

Result<std::unique_ptr<Transaction>> GraphStore::BeginWrite() {
  if (options_.read_only) return Status::InvalidArgument("the database is open read-only");
  std::unique_lock lock(writer_mu_);
  return std::make_unique<Transaction>(this, true, std::move(lock));
}

Counters GraphStore::counters() const {
  std::lock_guard lock(counters_mu_);
  return counters_;
}

uint64_t GraphStore::next_node_id() const {
  std::lock_guard lock(counters_mu_);
  return counters_.next_node;
}

std::string GraphStore::GetMeta(const std::string& key) const {
  std::string v;
  rocksdb::Status s = db_->Get(rocksdb::ReadOptions(), handles_[1], key, &v);
  return s.ok() ? v : std::string();
}

Status GraphStore::PutMeta(const std::string& key, const std::string& value) {
  rocksdb::WriteOptions wo;
  wo.sync = true;
  Status s = FromRocks(db_->Put(wo, cf(kMetaCF), key, value));
  ResetView();
  return s;
}

uint64_t GraphStore::AllocateNodeIds(uint64_t n) {
  std::lock_guard lock(counters_mu_);
  uint64_t first = counters_.next_node;
  counters_.next_node += n;
  return first;
}

uint64_t GraphStore::AllocateEdgeIds(uint64_t n) {
  std::lock_guard lock(counters_mu_);
  uint64_t first = counters_.next_edge;
  counters_.next_edge += n;
  return first;
}

Status GraphStore::CommitBatch(rocksdb::WriteBatch* batch, const CounterDelta& delta) {
  Counters next;
  {
    std::lock_guard lock(counters_mu_);
    next = counters_;
  }
  next.nodes += delta.nodes;
  next.edges += delta.edges;
  rocksdb::ColumnFamilyHandle* meta = cf(kMetaCF);
  auto count_key = [](const char* prefix, uint32_t id) {
    std::string k = prefix;
    PutFixed32BE(id, &k);
    return k;
  };
  for (auto& [id, d] : delta.per_label) {
    next.per_label[id] += d;
    batch->Put(meta, count_key(kMetaLabelCountPrefix, id), EncodeU64(next.per_label[id]));
  }
  for (auto& [id, d] : delta.per_type) {
    next.per_type[id] += d;
    batch->Put(meta, count_key(kMetaTypeCountPrefix, id), EncodeU64(next.per_type[id]));
  }
  batch->Put(meta, kMetaNextNode, EncodeU64(next.next_node));
  batch->Put(meta, kMetaNextEdge, EncodeU64(next.next_edge));
  batch->Put(meta, kMetaNodeCount, EncodeU64(next.nodes));
  batch->Put(meta, kMetaEdgeCount, EncodeU64(next.edges));
  rocksdb::WriteOptions wo;
  wo.sync = options_.sync;
  Status written = FromRocks(db_->Write(wo, batch));
  // Readers of later snapshots must not get lists read before this commit.
  ResetView();
  DYAD_RETURN_IF_ERROR(written);
  std::lock_guard lock(counters_mu_);
  // Ids allocated meanwhile stay allocated: keep the larger next ids.
  next.next_node = std::max(next.next_node, counters_.next_node);
  next.next_edge = std::max(next.next_edge, counters_.next_edge);
  counters_ = std::move(next);
  return Status::OK();
}

}  // namespace dyad::storage
