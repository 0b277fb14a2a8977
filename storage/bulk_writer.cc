#include "storage/bulk_writer.h"

#include <rocksdb/db.h>
#include <rocksdb/write_batch.h>
#include <rocksdb/options.h>

#include <filesystem>
#include <future>
#include <iterator>

#include "graph/codec.h"

namespace dyad::storage {

namespace {

// Rollback deletes in batches of about this many bytes.
constexpr size_t kBatchBytes = 32 << 20;
// The column families a bulk load writes tables for, in TableId order.
const char* const kTableCFs[] = {kNodesCF, kEdgesCF, kAdjCF, kLabelsCF, kPropsCF};

Status FromRocks(const rocksdb::Status& s) {
  return s.ok() ? Status::OK() : Status::IOError(s.ToString());
}

// Where a load keeps its run and table files: inside the database directory,
// so that ingestion moves them instead of copying.
std::string TempDir(GraphStore* store) { return store->path() + "/bulk-load"; }

}  // namespace

BulkWriter::BulkWriter(GraphStore* store, std::unique_lock<std::mutex> lock)
    : store_(store), lock_(std::move(lock)), batch_(std::make_unique<rocksdb::WriteBatch>()) {}

BulkWriter::~BulkWriter() {
  if (!done_) Abort();
}

Result<std::unique_ptr<BulkWriter>> BulkWriter::Begin(GraphStore* store, size_t run_bytes) {
  if (store->read_only()) return Status::InvalidArgument("the database is open read-only");
  std::unique_lock lock(store->writer_mutex());
  std::unique_ptr<BulkWriter> w(new BulkWriter(store, std::move(lock)));
  Counters c = store->counters();
  w->store_was_empty_ = c.nodes == 0;
  w->before_ = std::make_unique<Transaction>(store, false, std::unique_lock<std::mutex>());
  w->tmp_dir_ = TempDir(store);
  std::error_code ec;
  std::filesystem::remove_all(w->tmp_dir_, ec);
  if (!std::filesystem::create_directories(w->tmp_dir_, ec) || ec)
    return Status::IOError(w->tmp_dir_ + ": cannot create the bulk-load directory: " + ec.message());
  static_assert(std::size(kTableCFs) == kTableCount);
  for (int t = 0; t < kTableCount; ++t) {
    const char* cf = kTableCFs[t];
    // Node and edge records are keyed by ids the load allocates in order.
    bool presorted = t == kNodesTable || t == kEdgesTable;
    // Adjacency keys (two per relationship, most of a load) are all one size.
    size_t fixed = t == kAdjTable ? kAdjKeySize : 0;
    w->tables_[t] =
        std::make_unique<SstBuilder>(store->db(), store->cf(cf), w->tmp_dir_, cf, run_bytes, presorted, fixed);
  }
  DYAD_RETURN_IF_ERROR(store->PutMeta(kMetaLoadInProgress, EncodeU64(c.next_node) + EncodeU64(c.next_edge)));
  return w;
}

uint32_t BulkWriter::Intern(NameKind kind, std::string_view name) {
  // Each name is interned (and written to the dictionary) once per load, not
  // once per record: the dictionary rewrites names not yet persisted.
  auto& cache = names_[static_cast<unsigned char>(kind)];
  auto it = cache.find(name);
  if (it != cache.end()) return it->second;
  bool fresh;
  uint32_t id = store_->dict().Intern(kind, name, batch_.get(), store_->cf(kDictCF), &fresh);
  if (fresh) fresh_names_.emplace_back(kind, id);
  cache.emplace(std::string(name), id);
  return id;
}

uint32_t BulkWriter::Label(std::string_view name) { return Intern(NameKind::kLabel, name); }
uint32_t BulkWriter::Type(std::string_view name) { return Intern(NameKind::kType, name); }
uint32_t BulkWriter::Key(std::string_view name) { return Intern(NameKind::kKey, name); }

Result<uint64_t> BulkWriter::AddNode(NodeRecord* n) {
  n->id = store_->AllocateNodeIds(1);
  enc_.clear();
  DYAD_RETURN_IF_ERROR(EncodeNode(*n, &enc_));
  DYAD_RETURN_IF_ERROR(Table(kNodesTable)->Add(NodeKey(n->id), enc_));
  scratch_.clear();
  IndexCatalog::LabelEntriesFor(*n, &scratch_);
  for (auto& k : scratch_) DYAD_RETURN_IF_ERROR(Table(kLabelsTable)->Add(k, ""));
  scratch_.clear();
  store_->indexes().EntriesFor(*n, &scratch_);
  for (auto& k : scratch_) DYAD_RETURN_IF_ERROR(Table(kPropsTable)->Add(k, ""));
  delta_.nodes++;
  for (uint32_t l : n->labels) delta_.per_label[l]++;
  return n->id;
}

Status BulkWriter::AddEdge(EdgeRecord* e) {
  e->id = store_->AllocateEdgeIds(1);
  enc_.clear();
  DYAD_RETURN_IF_ERROR(EncodeEdge(*e, &enc_));
  DYAD_RETURN_IF_ERROR(Table(kEdgesTable)->Add(EdgeKey(e->id), enc_));
  char adj[kAdjKeySize];  // on the stack: two keys per relationship, no allocation
  EncodeAdjKey(e->start, Direction::kOut, e->type, e->end, e->id, adj);
  DYAD_RETURN_IF_ERROR(Table(kAdjTable)->Add(std::string_view(adj, kAdjKeySize), ""));
  EncodeAdjKey(e->end, Direction::kIn, e->type, e->start, e->id, adj);
  DYAD_RETURN_IF_ERROR(Table(kAdjTable)->Add(std::string_view(adj, kAdjKeySize), ""));
  delta_.edges++;
  delta_.per_type[e->type]++;
  return Status::OK();
}

Status BulkWriter::Ingest() {
  if (ingested_) return Status::OK();
  // The column families' tables are written in parallel (the adjacency
  // merge is the long one).
  std::vector<std::future<Result<std::vector<std::string>>>> done;
  for (auto& table : tables_)
    done.push_back(std::async(std::launch::async, [t = table.get()] { return t->Finish(); }));
  std::vector<rocksdb::IngestExternalFileArg> args;
  Status first_error;
  for (size_t i = 0; i < done.size(); ++i) {
    Result<std::vector<std::string>> r = done[i].get();
    if (!r.ok()) {
      if (first_error.ok()) first_error = r.status();
      continue;
    }
    std::vector<std::string> files = std::move(*r);
    const char* cf = kTableCFs[i];
    if (files.empty()) continue;
    rocksdb::IngestExternalFileArg arg;
    arg.column_family = store_->cf(cf);
    arg.external_files = std::move(files);
    arg.options.move_files = true;
    args.push_back(std::move(arg));
  }
  DYAD_RETURN_IF_ERROR(first_error);
  // The names the new records use must be durable before the records are.
  rocksdb::WriteOptions sync;
  sync.sync = true;
  if (batch_->Count() > 0) DYAD_RETURN_IF_ERROR(FromRocks(store_->db()->Write(sync, batch_.get())));
  batch_->Clear();
  if (!args.empty()) DYAD_RETURN_IF_ERROR(FromRocks(store_->db()->IngestExternalFiles(args)));
  ingested_ = true;
  return Status::OK();
}

Status BulkWriter::Finish() {
  DYAD_RETURN_IF_ERROR(Ingest());
  rocksdb::WriteBatch last;
  last.Delete(store_->cf(kMetaCF), kMetaLoadInProgress);
  DYAD_RETURN_IF_ERROR(store_->CommitBatch(&last, delta_));
  rocksdb::FlushOptions meta_fo;
  store_->db()->Flush(meta_fo, store_->cf(kMetaCF));
  store_->db()->SyncWAL();
  for (auto [kind, id] : fresh_names_) store_->dict().MarkPersisted(kind, {id});
  for (auto& table : tables_) table.reset();
  std::error_code ec;
  std::filesystem::remove_all(tmp_dir_, ec);
  done_ = true;
  return Status::OK();
}

Status BulkWriter::Abort() {
  done_ = true;
  batch_->Clear();
  for (auto& table : tables_) table.reset();
  std::error_code ec;
  std::filesystem::remove_all(tmp_dir_, ec);
  // Names interned by this load are rewritten by the next writer that uses them.
  Status s = RollbackIncompleteLoad(store_);
  return s;
}

Status RollbackIncompleteLoad(GraphStore* store) {
  std::error_code ec;
  std::filesystem::remove_all(TempDir(store), ec);  // a killed load's files
  std::string marker = store->GetMeta(kMetaLoadInProgress);
  if (marker.size() != 16) return Status::OK();
  uint64_t first_node = DecodeFixed64BE(marker.data());
  uint64_t first_edge = DecodeFixed64BE(marker.data() + 8);
  rocksdb::DB* db = store->db();
  rocksdb::WriteBatch batch;
  rocksdb::WriteOptions wo;
  auto flush = [&]() -> Status {
    Status s = FromRocks(db->Write(wo, &batch));
    batch.Clear();
    return s;
  };
  {
    std::unique_ptr<rocksdb::Iterator> it(db->NewIterator(rocksdb::ReadOptions(), store->cf(kEdgesCF)));
    for (it->Seek(EdgeKey(first_edge)); it->Valid(); it->Next()) {
      EdgeRecord e;
      e.id = DecodeFixed64BE(it->key().data());
      DYAD_RETURN_IF_ERROR(DecodeEdge(std::string_view(it->value().data(), it->value().size()), &e));
      batch.Delete(store->cf(kEdgesCF), it->key());
      batch.Delete(store->cf(kAdjCF), AdjKey(e.start, Direction::kOut, e.type, e.end, e.id));
      batch.Delete(store->cf(kAdjCF), AdjKey(e.end, Direction::kIn, e.type, e.start, e.id));
      if (batch.GetDataSize() > kBatchBytes) DYAD_RETURN_IF_ERROR(flush());
    }
  }
  {
    std::unique_ptr<rocksdb::Iterator> it(db->NewIterator(rocksdb::ReadOptions(), store->cf(kNodesCF)));
    std::vector<std::string> keys;
    for (it->Seek(NodeKey(first_node)); it->Valid(); it->Next()) {
      NodeRecord n;
      n.id = DecodeFixed64BE(it->key().data());
      DYAD_RETURN_IF_ERROR(DecodeNode(std::string_view(it->value().data(), it->value().size()), &n));
      batch.Delete(store->cf(kNodesCF), it->key());
      keys.clear();
      IndexCatalog::LabelEntriesFor(n, &keys);
      for (auto& k : keys) batch.Delete(store->cf(kLabelsCF), k);
      keys.clear();
      store->indexes().EntriesFor(n, &keys);
      for (auto& k : keys) batch.Delete(store->cf(kPropsCF), k);
      if (batch.GetDataSize() > kBatchBytes) DYAD_RETURN_IF_ERROR(flush());
    }
  }
  DYAD_RETURN_IF_ERROR(flush());
  rocksdb::WriteOptions sync;
  sync.sync = true;
  batch.Delete(store->cf(kMetaCF), kMetaLoadInProgress);
  DYAD_RETURN_IF_ERROR(FromRocks(db->Write(sync, &batch)));
  return store->ReloadCounters();
}

}  // namespace dyad::storage
