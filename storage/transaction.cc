#include "storage/transaction.h"

#include <algorithm>

#include <rocksdb/db.h>
#include <rocksdb/utilities/write_batch_with_index.h>

#include "graph/codec.h"

namespace dyad::storage {

namespace {

Status FromRocks(const rocksdb::Status& s) {
  if (s.ok()) return Status::OK();
  if (s.IsNotFound()) return Status::NotFound("not found");
  if (s.IsCorruption()) return Status::Corruption(s.ToString());
  return Status::IOError(s.ToString());
}

// The smallest string greater than every string that starts with s.
std::string PrefixSuccessor(std::string s) {
  while (!s.empty() && static_cast<uint8_t>(s.back()) == 0xff) s.pop_back();
  if (!s.empty()) s.back() = static_cast<char>(static_cast<uint8_t>(s.back()) + 1);
  return s;
}

Status ConstraintError(std::string m) { return Status(Status::Code::kConstraintValidationFailed, std::move(m)); }

}  // namespace

// ---- Cursor ----

Cursor::Cursor(std::unique_ptr<rocksdb::Iterator> it, std::string prefix, std::string start)
    : it_(std::move(it)), prefix_(std::move(prefix)) {
  it_->Seek(start.empty() ? prefix_ : start);
  Check();
}

Cursor::~Cursor() = default;

void Cursor::Next() {
  it_->Next();
  Check();
}

void Cursor::Reseek(std::string prefix) {
  prefix_ = std::move(prefix);
  it_->Seek(prefix_);
  Check();
}

void Cursor::Check() { valid_ = it_->Valid() && it_->key().starts_with(prefix_); }

std::string_view Cursor::key() const {
  rocksdb::Slice k = it_->key();
  return {k.data(), k.size()};
}

std::string_view Cursor::value() const {
  rocksdb::Slice v = it_->value();
  return {v.data(), v.size()};
}

AdjEntry Cursor::adj() const {
  AdjEntry e;
  ParseAdjKey(key(), &e);
  return e;
}

Status Cursor::status() const { return FromRocks(it_->status()); }

// A cursor that also stops at an exclusive upper limit.
class LimitedIterator : public rocksdb::Iterator {
 public:
  LimitedIterator(std::unique_ptr<rocksdb::Iterator> base, std::string limit)
      : base_(std::move(base)), limit_(std::move(limit)) {}
  bool Valid() const override { return base_->Valid() && base_->key().compare(limit_) < 0; }
  void SeekToFirst() override { base_->SeekToFirst(); }
  void SeekToLast() override { base_->SeekToLast(); }
  void Seek(const rocksdb::Slice& t) override { base_->Seek(t); }
  void SeekForPrev(const rocksdb::Slice& t) override { base_->SeekForPrev(t); }
  void Next() override { base_->Next(); }
  void Prev() override { base_->Prev(); }
  rocksdb::Slice key() const override { return base_->key(); }
  rocksdb::Slice value() const override { return base_->value(); }
  rocksdb::Status status() const override { return base_->status(); }

 private:
  std::unique_ptr<rocksdb::Iterator> base_;
  std::string limit_;
};

// ---- Transaction ----

Transaction::Transaction(GraphStore* store, bool writable, std::unique_lock<std::mutex> writer_lock)
    : store_(store), writer_lock_(std::move(writer_lock)) {
  if (store_->read_only() && !writable) {
    // Nothing changes a store opened read-only: the latest data is this
    // transaction's for its whole life, without a snapshot to take and free.
    seq_ = store_->db()->GetLatestSequenceNumber();
  } else {
    snapshot_ = store_->db()->GetSnapshot();
    seq_ = snapshot_->GetSequenceNumber();
  }
  if (writable) batch_ = std::make_unique<rocksdb::WriteBatchWithIndex>(rocksdb::BytewiseComparator(), 0, true);
  key_prop_id_ = store_->key_id();
}

Transaction::~Transaction() {
  adj_cursor_.reset();  // before its snapshot
  if (snapshot_) store_->db()->ReleaseSnapshot(snapshot_);
}

bool Transaction::IsLatestRead() const {
  // A full epoch caches nothing more; a new reader would get a fresh one.
  return !batch_ && seq_ == store_->db()->GetLatestSequenceNumber() && !(epoch_ && epoch_->full());
}

Status Transaction::Get(const char* cf, const std::string& key, std::string* value) {
  rocksdb::ReadOptions ro;
  ro.snapshot = snapshot_;
  rocksdb::Status s = batch_ ? batch_->GetFromBatchAndDB(store_->db(), ro, store_->cf(cf), key, value)
                             : store_->db()->Get(ro, store_->cf(cf), key, value);
  return FromRocks(s);
}

std::unique_ptr<Cursor> Transaction::Scan(const char* cf, std::string prefix, std::string start) {
  rocksdb::ReadOptions ro;
  ro.snapshot = snapshot_;
  rocksdb::ColumnFamilyHandle* h = store_->cf(cf);
  std::unique_ptr<rocksdb::Iterator> it(store_->db()->NewIterator(ro, h));
  if (batch_) it.reset(batch_->NewIteratorWithBase(h, it.release()));
  return std::make_unique<Cursor>(std::move(it), std::move(prefix), std::move(start));
}

Status Transaction::GetNode(uint64_t id, NodeRecord* out) {
  std::string v;
  Status s = Get(kNodesCF, NodeKey(id), &v);
  if (!s.ok()) return s.code() == Status::Code::kNotFound ? Status::NotFound("node " + std::to_string(id)) : s;
  out->id = id;
  return DecodeNode(v, out);
}

Status Transaction::GetEdge(uint64_t id, EdgeRecord* out) {
  std::string v;
  Status s = Get(kEdgesCF, EdgeKey(id), &v);
  if (!s.ok())
    return s.code() == Status::Code::kNotFound ? Status::NotFound("relationship " + std::to_string(id)) : s;
  out->id = id;
  return DecodeEdge(v, out);
}

AdjEpoch* Transaction::PinEpoch() {
  // Reuse first: the node bound (a locked read) only matters for a new epoch.
  epoch_ = store_->adj_cache().Reuse(seq_);
  if (!epoch_) epoch_ = store_->adj_cache().Pin(seq_, store_->next_node_id());
  epoch_pinned_ = true;
  return epoch_.get();
}

Status Transaction::SharedNode(uint64_t id, const NodeRecord** out) {
  *out = nullptr;
  AdjEpoch* epoch = Epoch();
  if (!epoch) return Status::OK();
  if ((*out = epoch->FindNode(id))) return Status::OK();
  auto record = std::make_unique<NodeRecord>();
  DYAD_RETURN_IF_ERROR(GetNode(id, record.get()));
  *out = epoch->PublishNode(&record);
  return Status::OK();
}

bool Transaction::NodeExists(uint64_t id) {
  std::string v;
  return Get(kNodesCF, NodeKey(id), &v).ok();
}

std::unique_ptr<Cursor> Transaction::ScanNodes() { return Scan(kNodesCF, "", ""); }
std::unique_ptr<Cursor> Transaction::ScanEdges() { return Scan(kEdgesCF, "", ""); }
std::unique_ptr<Cursor> Transaction::ScanLabel(uint32_t label) { return Scan(kLabelsCF, LabelPrefix(label), ""); }

std::unique_ptr<Cursor> Transaction::Neighbors(uint64_t node, Direction dir, std::optional<uint32_t> type) {
  if (dir == Direction::kBoth) return Scan(kAdjCF, AdjPrefix(node), "");
  if (type) return Scan(kAdjCF, AdjPrefix(node, dir, *type), "");
  return Scan(kAdjCF, AdjPrefix(node, dir), "");
}

Status Transaction::Adjacency(uint64_t node, Direction dir, const uint32_t* type, AdjSpan* out) {
  if (AdjEpoch* epoch = Epoch()) {
    if (const AdjList* cached = epoch->Find(node)) {
      *out = SliceAdjacency(cached, nullptr, dir, type);
      return Status::OK();
    }
    if (epoch->adjacency_complete()) {  // preloaded: no list, no relationships
      *out = AdjSpan();
      return Status::OK();
    }
  }
  // A writer reads only the run it asks for (its batch may change next); a
  // reader reads the node's whole list once, through one iterator it keeps
  // (creating an iterator costs more than a seek), and publishes it.
  std::unique_ptr<Cursor> own;
  Cursor* c = nullptr;
  if (batch_) {
    own = type && dir != Direction::kBoth ? Neighbors(node, dir, *type) : Neighbors(node, dir, std::nullopt);
    c = own.get();
  } else {
    if (adj_cursor_) adj_cursor_->Reseek(AdjPrefix(node));
    else adj_cursor_ = Neighbors(node, Direction::kBoth, std::nullopt);
    c = adj_cursor_.get();
  }
  adj_scratch_.clear();
  for (; c->Valid(); c->Next()) {
    AdjEntry e;
    if (ParseAdjKey(c->key(), &e)) adj_scratch_.push_back(e);
  }
  DYAD_RETURN_IF_ERROR(c->status());
  AdjList::Ptr fresh = AdjList::Make(node, adj_scratch_);
  if (epoch_) {
    if (const AdjList* kept = epoch_->Publish(node, &fresh)) {
      *out = SliceAdjacency(kept, nullptr, dir, type);
      return Status::OK();
    }
  }
  std::shared_ptr<const AdjList> owned(fresh.release(), AdjList::Deleter());
  *out = SliceAdjacency(owned.get(), owned, dir, type);
  return Status::OK();
}

std::unique_ptr<Cursor> Transaction::IndexSeek(uint32_t label, uint32_t key, const Value* lo, bool lo_inclusive,
                                               const Value* hi, bool hi_inclusive) {
  std::string prefix = PropIndexPrefix(label, key);
  std::string lo_enc, hi_enc;
  bool has_lo = lo && EncodeOrderedKey(*lo, &lo_enc);
  bool has_hi = hi && EncodeOrderedKey(*hi, &hi_enc);
  // Narrow the prefix to the bound's kind class: a numeric range never
  // returns strings.
  if (has_lo || has_hi) prefix.push_back((has_lo ? lo_enc : hi_enc)[0]);
  std::string start = has_lo ? PropIndexPrefix(label, key) + lo_enc : prefix;
  if (has_lo && !lo_inclusive) start = PrefixSuccessor(start);
  rocksdb::ReadOptions ro;
  ro.snapshot = snapshot_;
  rocksdb::ColumnFamilyHandle* h = store_->cf(kPropsCF);
  std::unique_ptr<rocksdb::Iterator> it(store_->db()->NewIterator(ro, h));
  if (batch_) it.reset(batch_->NewIteratorWithBase(h, it.release()));
  if (has_hi) {
    std::string limit = PropIndexPrefix(label, key) + hi_enc;
    if (hi_inclusive) limit = PrefixSuccessor(limit);
    it = std::make_unique<LimitedIterator>(std::move(it), std::move(limit));
  }
  return std::make_unique<Cursor>(std::move(it), std::move(prefix), std::move(start));
}

Status Transaction::IndexLookup(uint32_t label, uint32_t key, const Value& value, std::vector<uint64_t>* out,
                                bool* exact) {
  if (exact) *exact = false;
  AdjEpoch* epoch = Epoch();
  if (epoch && label == kGlobalLabel && key == key_prop_id_ && value.is_string()) {
    // A preloaded epoch's table of keys: one probe, no lookup key to build,
    // and the node's key is that string (the preload checked its record).
    if (const KeyIndex* keys = epoch->key_index()) {
      if (const uint64_t node = keys->Find(value.as_string())) {
        out->push_back(node);
        if (exact) *exact = true;
        return Status::OK();
      }
    }
  }
  // Reused across transactions on this thread: a warm lookup allocates nothing.
  thread_local std::string cached;
  if (epoch && !SeekCacheKey(label, key, value, &cached)) epoch = nullptr;  // not indexable
  if (epoch) {
    if (const std::vector<uint64_t>* hit = epoch->FindSeek(cached)) {
      out->insert(out->end(), hit->begin(), hit->end());
      return Status::OK();
    }
    if (epoch->SeekComplete(label, key)) return Status::OK();  // preloaded: no such value
  }
  const size_t first = out->size();
  // A writer reads through its batch, and a value that is not indexable (a
  // list, a map) is left to IndexSeek.
  std::string seek = PropIndexPrefix(label, key);
  if (!batch_ && EncodeOrderedKey(value, &seek)) {
    // A reader keeps one iterator for its lookups, as for adjacency: making
    // one per lookup cost ~16,000 instructions more per lookup the epoch
    // misses (S, Q5: 134k -> 118k, most of the rest is decompressing the
    // block). The candidates are the keys that start with the value's
    // encoding, which is what IndexSeek's inclusive bounds [value, value] admit.
    if (index_cursor_) index_cursor_->Reseek(std::move(seek));
    else index_cursor_ = Scan(kPropsCF, std::move(seek), "");
    for (; index_cursor_->Valid(); index_cursor_->Next()) out->push_back(index_cursor_->node_id());
    DYAD_RETURN_IF_ERROR(index_cursor_->status());
  } else {
    auto c = IndexSeek(label, key, &value, true, &value, true);
    for (; c->Valid(); c->Next()) out->push_back(c->node_id());
    DYAD_RETURN_IF_ERROR(c->status());
  }
  if (epoch) epoch->PublishSeek(cached, std::vector<uint64_t>(out->begin() + first, out->end()));
  return Status::OK();
}

std::optional<uint64_t> Transaction::FindNodeByKey(const std::string& key) {
  if (!key_prop_id_) return std::nullopt;
  std::vector<uint64_t> hits;
  if (!IndexLookup(kGlobalLabel, key_prop_id_, Value(key), &hits).ok() || hits.empty()) return std::nullopt;
  return hits[0];
}

Status Transaction::RelationshipCountsByType(std::map<uint32_t, int64_t>* out) {
  out->clear();
  const size_t prefix_len = std::string_view(kMetaTypeCountPrefix).size();
  auto c = Scan(kMetaCF, kMetaTypeCountPrefix, "");
  for (; c->Valid(); c->Next()) {
    std::string_view k = c->key();
    if (k.size() != prefix_len + 4) return Status::Corruption("bad count entry in meta");
    (*out)[DecodeFixed32BE(k.data() + prefix_len)] = static_cast<int64_t>(DecodeU64(std::string(c->value())));
  }
  DYAD_RETURN_IF_ERROR(c->status());
  for (const auto& [type, d] : delta_.per_type) (*out)[type] += d;
  std::erase_if(*out, [](const auto& entry) { return entry.second <= 0; });
  return Status::OK();
}

std::optional<uint32_t> Transaction::LabelId(std::string_view n) const { return store_->dict().Find(NameKind::kLabel, n); }
std::optional<uint32_t> Transaction::TypeId(std::string_view n) const { return store_->dict().Find(NameKind::kType, n); }
std::optional<uint32_t> Transaction::KeyId(std::string_view n) const { return store_->dict().Find(NameKind::kKey, n); }
std::string Transaction::LabelName(uint32_t id) const { return store_->dict().Name(NameKind::kLabel, id); }
std::string Transaction::TypeName(uint32_t id) const { return store_->dict().Name(NameKind::kType, id); }
std::string Transaction::KeyName(uint32_t id) const { return store_->dict().Name(NameKind::kKey, id); }

uint32_t Transaction::Intern(NameKind kind, std::string_view name) {
  bool fresh = false;
  uint32_t id = store_->dict().Intern(kind, name, batch_.get(), store_->cf(kDictCF), &fresh);
  if (fresh) fresh_names_.emplace_back(kind, id);
  return id;
}

uint32_t Transaction::InternLabel(std::string_view name) { return Intern(NameKind::kLabel, name); }
uint32_t Transaction::InternType(std::string_view name) { return Intern(NameKind::kType, name); }
uint32_t Transaction::InternKey(std::string_view name) { return Intern(NameKind::kKey, name); }

void Transaction::PutIndexEntries(const NodeRecord& n) {
  std::vector<std::string> keys;
  IndexCatalog::LabelEntriesFor(n, &keys);
  for (auto& k : keys) batch_->Put(store_->cf(kLabelsCF), k, "");
  keys.clear();
  store_->indexes().EntriesFor(n, &keys);
  for (auto [label, key] : created_indexes_) {
    if (!n.HasLabel(label)) continue;
    if (const Value* v = FindProperty(n.props, key)) {
      NodeRecord only{n.id, {label}, {{key, *v}}};
      IndexCatalog tmp;
      tmp.Add(label, key);
      tmp.EntriesFor(only, &keys);
    }
  }
  for (auto& k : keys) batch_->Put(store_->cf(kPropsCF), k, "");
}

void Transaction::DeleteIndexEntries(const NodeRecord& n) {
  std::vector<std::string> keys;
  IndexCatalog::LabelEntriesFor(n, &keys);
  for (auto& k : keys) batch_->Delete(store_->cf(kLabelsCF), k);
  keys.clear();
  store_->indexes().EntriesFor(n, &keys);
  for (auto& k : keys) batch_->Delete(store_->cf(kPropsCF), k);
}

Status Transaction::CheckKeyUnique(const NodeRecord& n, uint64_t ignore_id) {
  const Value* key = FindProperty(n.props, key_prop_id_);
  if (!key) return Status::OK();
  if (!key->is_string()) return Status::TypeError("property 'key' must be a string, got " + key->ToString());
  auto c = IndexSeek(kGlobalLabel, key_prop_id_, key, true, key, true);
  for (; c->Valid(); c->Next())
    if (c->node_id() != ignore_id)
      return ConstraintError("node key '" + key->as_string() + "' already exists (node " +
                             std::to_string(c->node_id()) + ")");
  return Status::OK();
}

Result<uint64_t> Transaction::CreateNode(const std::vector<std::string>& labels, const NamedProps& props) {
  if (!batch_) return Status::InvalidArgument("write in a read-only transaction");
  NodeRecord n;
  for (const auto& l : labels) n.labels.push_back(InternLabel(l));
  std::sort(n.labels.begin(), n.labels.end());
  n.labels.erase(std::unique(n.labels.begin(), n.labels.end()), n.labels.end());
  for (const auto& [k, v] : props)
    if (!v.is_null()) SetProperty(&n.props, InternKey(k), v);
  n.id = store_->AllocateNodeIds(1);
  DYAD_RETURN_IF_ERROR(CheckKeyUnique(n, n.id));
  std::string enc;
  DYAD_RETURN_IF_ERROR(EncodeNode(n, &enc));
  batch_->Put(store_->cf(kNodesCF), NodeKey(n.id), enc);
  PutIndexEntries(n);
  delta_.nodes++;
  for (uint32_t l : n.labels) delta_.per_label[l]++;
  return n.id;
}

Status Transaction::UpdateNode(const NodeRecord& updated) {
  if (!batch_) return Status::InvalidArgument("write in a read-only transaction");
  NodeRecord old;
  DYAD_RETURN_IF_ERROR(GetNode(updated.id, &old));
  const Value* ok = FindProperty(old.props, key_prop_id_);
  const Value* nk = FindProperty(updated.props, key_prop_id_);
  if (nk && (!ok || *ok != *nk)) DYAD_RETURN_IF_ERROR(CheckKeyUnique(updated, updated.id));
  std::string enc;
  DYAD_RETURN_IF_ERROR(EncodeNode(updated, &enc));
  DeleteIndexEntries(old);
  batch_->Put(store_->cf(kNodesCF), NodeKey(updated.id), enc);
  PutIndexEntries(updated);
  for (uint32_t l : old.labels) delta_.per_label[l]--;
  for (uint32_t l : updated.labels) delta_.per_label[l]++;
  return Status::OK();
}

Status Transaction::SetNodeProperty(uint64_t id, std::string_view key, const Value& v) {
  NodeRecord n;
  DYAD_RETURN_IF_ERROR(GetNode(id, &n));
  SetProperty(&n.props, InternKey(key), v);
  return UpdateNode(n);
}

Status Transaction::DeleteNode(uint64_t id, bool detach) {
  if (!batch_) return Status::InvalidArgument("write in a read-only transaction");
  NodeRecord n;
  DYAD_RETURN_IF_ERROR(GetNode(id, &n));
  std::vector<uint64_t> edges;
  for (auto c = Neighbors(id, Direction::kBoth, std::nullopt); c->Valid(); c->Next()) edges.push_back(c->adj().edge);
  if (!edges.empty() && !detach)
    return Status(Status::Code::kConstraintVerificationFailed, "Cannot delete node " + std::to_string(id) +
                           ", because it still has relationships. To delete this node, you must first delete "
                           "its relationships (or use DETACH DELETE).");
  std::sort(edges.begin(), edges.end());
  edges.erase(std::unique(edges.begin(), edges.end()), edges.end());
  for (uint64_t e : edges) DYAD_RETURN_IF_ERROR(DeleteEdge(e));
  DeleteIndexEntries(n);
  batch_->Delete(store_->cf(kNodesCF), NodeKey(id));
  delta_.nodes--;
  for (uint32_t l : n.labels) delta_.per_label[l]--;
  return Status::OK();
}

Result<uint64_t> Transaction::CreateEdge(std::string_view type, uint64_t start, uint64_t end, const NamedProps& props) {
  if (!batch_) return Status::InvalidArgument("write in a read-only transaction");
  if (!NodeExists(start)) return Status(Status::Code::kEntityNotFound, "start node " + std::to_string(start) + " does not exist");
  if (!NodeExists(end)) return Status(Status::Code::kEntityNotFound, "end node " + std::to_string(end) + " does not exist");
  EdgeRecord e;
  e.type = InternType(type);
  e.start = start;
  e.end = end;
  for (const auto& [k, v] : props)
    if (!v.is_null()) SetProperty(&e.props, InternKey(k), v);
  e.id = store_->AllocateEdgeIds(1);
  std::string enc;
  DYAD_RETURN_IF_ERROR(EncodeEdge(e, &enc));
  batch_->Put(store_->cf(kEdgesCF), EdgeKey(e.id), enc);
  batch_->Put(store_->cf(kAdjCF), AdjKey(start, Direction::kOut, e.type, end, e.id), "");
  batch_->Put(store_->cf(kAdjCF), AdjKey(end, Direction::kIn, e.type, start, e.id), "");
  delta_.edges++;
  delta_.per_type[e.type]++;
  return e.id;
}

Status Transaction::UpdateEdgeProps(uint64_t id, const PropertyList& props) {
  if (!batch_) return Status::InvalidArgument("write in a read-only transaction");
  EdgeRecord e;
  DYAD_RETURN_IF_ERROR(GetEdge(id, &e));
  e.props = props;
  std::string enc;
  DYAD_RETURN_IF_ERROR(EncodeEdge(e, &enc));
  batch_->Put(store_->cf(kEdgesCF), EdgeKey(id), enc);
  return Status::OK();
}

Status Transaction::DeleteEdge(uint64_t id) {
  if (!batch_) return Status::InvalidArgument("write in a read-only transaction");
  EdgeRecord e;
  DYAD_RETURN_IF_ERROR(GetEdge(id, &e));
  batch_->Delete(store_->cf(kEdgesCF), EdgeKey(id));
  batch_->Delete(store_->cf(kAdjCF), AdjKey(e.start, Direction::kOut, e.type, e.end, id));
  batch_->Delete(store_->cf(kAdjCF), AdjKey(e.end, Direction::kIn, e.type, e.start, id));
  delta_.edges--;
  delta_.per_type[e.type]--;
  return Status::OK();
}

Status Transaction::CreateIndex(std::string_view label, std::string_view key) {
  if (!batch_) return Status::InvalidArgument("write in a read-only transaction");
  uint32_t l = InternLabel(label), k = InternKey(key);
  if (store_->indexes().Has(l, k)) return Status::OK();
  std::string mk = kMetaIndexPrefix;
  PutFixed32BE(l, &mk);
  PutFixed32BE(k, &mk);
  batch_->Put(store_->cf(kMetaCF), mk, "");
  created_indexes_.emplace_back(l, k);
  IndexCatalog only;
  only.Add(l, k);
  std::vector<std::string> keys;
  for (auto c = ScanLabel(l); c->Valid(); c->Next()) {
    NodeRecord n;
    DYAD_RETURN_IF_ERROR(GetNode(c->node_id(), &n));
    only.EntriesFor(n, &keys);
  }
  for (auto& key_str : keys) batch_->Put(store_->cf(kPropsCF), key_str, "");
  return Status::OK();
}

Status Transaction::DropIndex(std::string_view label, std::string_view key) {
  if (!batch_) return Status::InvalidArgument("write in a read-only transaction");
  auto l = LabelId(label);
  auto k = KeyId(key);
  if (!l || !k || !store_->indexes().Has(*l, *k))
    return Status::InvalidArgument("no index on :" + std::string(label) + "(" + std::string(key) + ")");
  std::string mk = kMetaIndexPrefix;
  PutFixed32BE(*l, &mk);
  PutFixed32BE(*k, &mk);
  batch_->Delete(store_->cf(kMetaCF), mk);
  for (auto c = Scan(kPropsCF, PropIndexPrefix(*l, *k), ""); c->Valid(); c->Next())
    batch_->Delete(store_->cf(kPropsCF), std::string(c->key()));
  dropped_indexes_.emplace_back(*l, *k);
  return Status::OK();
}

size_t Transaction::pending_writes() const { return batch_ ? batch_->GetWriteBatch()->Count() : 0; }

Status Transaction::Commit() {
  if (!batch_ || finished_) return Status::InvalidArgument("nothing to commit");
  finished_ = true;
  Status s = store_->CommitBatch(batch_->GetWriteBatch(), delta_);
  if (s.ok()) {
    for (auto [kind, id] : fresh_names_) store_->dict().MarkPersisted(kind, {id});
    for (auto [l, k] : created_indexes_) store_->indexes().Add(l, k);
    for (auto [l, k] : dropped_indexes_) store_->indexes().Remove(l, k);
  }
  if (writer_lock_.owns_lock()) writer_lock_.unlock();
  return s;
}

}  // namespace dyad::storage
