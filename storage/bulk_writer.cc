#include "storage/bulk_writer.h"

#include <rocksdb/db.h>
#include <rocksdb/write_batch.h>

#include "graph/codec.h"

namespace dyad::storage {

namespace {

constexpr size_t kBatchBytes = 32 << 20;

Status FromRocks(const rocksdb::Status& s) {
  return s.ok() ? Status::OK() : Status::IOError(s.ToString());
}

}  // namespace

BulkWriter::BulkWriter(GraphStore* store, std::unique_lock<std::mutex> lock)
    : store_(store), lock_(std::move(lock)), batch_(std::make_unique<rocksdb::WriteBatch>()) {}

BulkWriter::~BulkWriter() {
  if (!done_) Abort();
}

Result<std::unique_ptr<BulkWriter>> BulkWriter::Begin(GraphStore* store) {
  if (store->read_only()) return Status::InvalidArgument("the database is open read-only");
  std::unique_lock lock(store->writer_mutex());
  std::unique_ptr<BulkWriter> w(new BulkWriter(store, std::move(lock)));
  Counters c = store->counters();
  w->store_was_empty_ = c.nodes == 0;
  w->before_ = std::make_unique<Transaction>(store, false, std::unique_lock<std::mutex>());
  DYAD_RETURN_IF_ERROR(store->PutMeta(kMetaLoadInProgress, EncodeU64(c.next_node) + EncodeU64(c.next_edge)));
  return w;
}

uint32_t BulkWriter::Label(std::string_view name) {
  bool fresh;
  uint32_t id = store_->dict().Intern(NameKind::kLabel, name, batch_.get(), store_->cf(kDictCF), &fresh);
  if (fresh) fresh_names_.emplace_back(NameKind::kLabel, id);
  return id;
}

uint32_t BulkWriter::Type(std::string_view name) {
  bool fresh;
  uint32_t id = store_->dict().Intern(NameKind::kType, name, batch_.get(), store_->cf(kDictCF), &fresh);
  if (fresh) fresh_names_.emplace_back(NameKind::kType, id);
  return id;
}

uint32_t BulkWriter::Key(std::string_view name) {
  bool fresh;
  uint32_t id = store_->dict().Intern(NameKind::kKey, name, batch_.get(), store_->cf(kDictCF), &fresh);
  if (fresh) fresh_names_.emplace_back(NameKind::kKey, id);
  return id;
}

Result<uint64_t> BulkWriter::AddNode(NodeRecord* n) {
  n->id = store_->AllocateNodeIds(1);
  enc_.clear();
  DYAD_RETURN_IF_ERROR(EncodeNode(*n, &enc_));
  batch_->Put(store_->cf(kNodesCF), NodeKey(n->id), enc_);
  scratch_.clear();
  IndexCatalog::LabelEntriesFor(*n, &scratch_);
  for (auto& k : scratch_) batch_->Put(store_->cf(kLabelsCF), k, "");
  scratch_.clear();
  store_->indexes().EntriesFor(*n, &scratch_);
  for (auto& k : scratch_) batch_->Put(store_->cf(kPropsCF), k, "");
  delta_.nodes++;
  for (uint32_t l : n->labels) delta_.per_label[l]++;
  if (batch_->GetDataSize() > kBatchBytes) DYAD_RETURN_IF_ERROR(FlushBatch());
  return n->id;
}

Status BulkWriter::AddEdge(EdgeRecord* e) {
  e->id = store_->AllocateEdgeIds(1);
  enc_.clear();
  DYAD_RETURN_IF_ERROR(EncodeEdge(*e, &enc_));
  batch_->Put(store_->cf(kEdgesCF), EdgeKey(e->id), enc_);
  batch_->Put(store_->cf(kAdjCF), AdjKey(e->start, Direction::kOut, e->type, e->end, e->id), "");
  batch_->Put(store_->cf(kAdjCF), AdjKey(e->end, Direction::kIn, e->type, e->start, e->id), "");
  delta_.edges++;
  delta_.per_type[e->type]++;
  if (batch_->GetDataSize() > kBatchBytes) DYAD_RETURN_IF_ERROR(FlushBatch());
  return Status::OK();
}

Status BulkWriter::FlushBatch() {
  if (batch_->Count() == 0) return Status::OK();
  rocksdb::WriteOptions wo;
  wo.disableWAL = true;  // durability comes from Finish's flush; the marker covers a crash
  Status s = FromRocks(store_->db()->Write(wo, batch_.get()));
  batch_->Clear();
  return s;
}

Status BulkWriter::Finish() {
  DYAD_RETURN_IF_ERROR(FlushBatch());
  rocksdb::FlushOptions fo;
  std::vector<rocksdb::ColumnFamilyHandle*> cfs;
  for (const char* name : {kDictCF, kNodesCF, kEdgesCF, kAdjCF, kLabelsCF, kPropsCF}) cfs.push_back(store_->cf(name));
  DYAD_RETURN_IF_ERROR(FromRocks(store_->db()->Flush(fo, cfs)));
  rocksdb::WriteBatch last;
  last.Delete(store_->cf(kMetaCF), kMetaLoadInProgress);
  DYAD_RETURN_IF_ERROR(store_->CommitBatch(&last, delta_));
  rocksdb::FlushOptions meta_fo;
  store_->db()->Flush(meta_fo, store_->cf(kMetaCF));
  store_->db()->SyncWAL();
  for (auto [kind, id] : fresh_names_) store_->dict().MarkPersisted(kind, {id});
  done_ = true;
  return Status::OK();
}

Status BulkWriter::Abort() {
  done_ = true;
  batch_->Clear();
  // Names interned by this load are rewritten by the next writer that uses them.
  Status s = RollbackIncompleteLoad(store_);
  return s;
}

Status RollbackIncompleteLoad(GraphStore* store) {
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
