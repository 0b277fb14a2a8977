#include "storage/adj_cache.h"

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <new>

#include "graph/codec.h"

namespace dyad::storage {

void AdjList::Deleter::operator()(const AdjList* list) const {
  list->~AdjList();
  ::operator delete(const_cast<AdjList*>(list));
}

// The columns follow the header in one block: nbrs() must stay aligned.
static_assert(sizeof(AdjList) % alignof(uint64_t) == 0);

AdjList::Ptr AdjList::Make(uint64_t node, const std::vector<AdjEntry>& entries) {
  size_t n = entries.size();
  void* block = ::operator new(sizeof(AdjList) + n * (2 * sizeof(uint64_t) + sizeof(uint32_t)));
  Ptr list(new (block) AdjList());
  list->node_ = node;
  list->size_ = static_cast<uint32_t>(n);
  uint64_t* nbrs = const_cast<uint64_t*>(list->nbrs());
  uint64_t* edges = const_cast<uint64_t*>(list->edges());
  uint32_t* types = const_cast<uint32_t*>(list->types());
  for (size_t i = 0; i < n; ++i) {
    const AdjEntry& e = entries[i];
    list->out_count_ += e.dir == Direction::kOut;
    list->self_loops_ += e.nbr == node;
    nbrs[i] = e.nbr;
    edges[i] = e.edge;
    types[i] = e.type;
  }
  return list;
}

AdjSpan SliceAdjacency(const AdjList* list, std::shared_ptr<const AdjList> owner, Direction dir,
                       const uint32_t* type) {
  if (!list) return AdjSpan();
  size_t first, last;
  AdjRange(*list, dir, type, &first, &last);
  return AdjSpan(list, std::move(owner), first, last);
}

// ---- AdjEpoch ----

AdjEpoch::AdjEpoch(uint64_t seq, uint64_t node_bound, size_t max_entries)
    : seq_(seq), bound_(node_bound), max_entries_(max_entries) {
  // calloc: the pages of untouched slots are never written (a large graph
  // costs nothing until its nodes are visited).
  slots_ = static_cast<const AdjList**>(std::calloc(std::max<uint64_t>(bound_, 1), sizeof(const AdjList*)));
  node_slots_ = static_cast<const NodeRecord**>(std::calloc(std::max<uint64_t>(bound_, 1), sizeof(const NodeRecord*)));
  if (!slots_ || !node_slots_) {
    std::free(slots_);
    std::free(node_slots_);
    throw std::bad_alloc();
  }
}

AdjEpoch::~AdjEpoch() {
  for (const AdjList* l : owned_) AdjList::Deleter()(l);
  std::free(slots_);
  std::free(node_slots_);
}

bool AdjEpoch::Charge(size_t n) {
  if (entries_.fetch_add(n) + n > max_entries_) {
    entries_.fetch_sub(n);
    full_ = true;
    return false;
  }
  return true;
}

const AdjList* AdjEpoch::Publish(uint64_t node, AdjList::Ptr* list) {
  if (node >= bound_) return nullptr;
  size_t n = (*list)->size();
  if (!Charge(n)) return nullptr;
  const AdjList* expected = nullptr;
  std::atomic_ref<const AdjList*> slot(slots_[node]);
  if (slot.compare_exchange_strong(expected, list->get(), std::memory_order_acq_rel)) {
    std::lock_guard lock(owned_mu_);
    owned_.push_back(list->release());
    return owned_.back();
  }
  entries_.fetch_sub(n);  // another reader published it first
  return expected;
}

namespace {

// A record's weight against the bound, in 20-byte entries (roughly: the
// record, its labels and its properties; strings count by length).
size_t RecordEntries(const NodeRecord& r) {
  size_t bytes = sizeof(NodeRecord) + r.labels.size() * sizeof(uint32_t);
  for (const auto& [key, v] : r.props) {
    bytes += sizeof(std::pair<uint32_t, Value>);
    if (v.is_string()) bytes += v.as_string().size() + 32;
  }
  return bytes / 20 + 1;
}

}  // namespace

const NodeRecord* AdjEpoch::PublishNode(std::unique_ptr<NodeRecord>* record) {
  uint64_t node = (*record)->id;
  if (node >= bound_) return nullptr;
  size_t n = RecordEntries(**record);
  if (!Charge(n)) return nullptr;
  const NodeRecord* expected = nullptr;
  std::atomic_ref<const NodeRecord*> slot(node_slots_[node]);
  if (slot.compare_exchange_strong(expected, record->get(), std::memory_order_acq_rel)) {
    std::lock_guard lock(owned_mu_);
    owned_nodes_.push_back(std::move(*record));
    return owned_nodes_.back().get();
  }
  entries_.fetch_sub(n);  // another reader published it first
  return expected;
}

const std::vector<uint64_t>* AdjEpoch::FindSeek(std::string_view seek) const {
  std::shared_lock lock(seek_mu_);
  auto it = seeks_.find(seek);
  return it == seeks_.end() ? nullptr : &it->second;
}

bool AdjEpoch::PublishSeek(std::string_view seek, const std::vector<uint64_t>& nodes) {
  const size_t n = 2 + (seek.size() + nodes.size() * sizeof(uint64_t)) / 20;
  if (!Charge(n)) return false;
  std::unique_lock lock(seek_mu_);
  // Values are never replaced: a pointer FindSeek returned stays valid.
  if (!seeks_.emplace(std::string(seek), nodes).second) entries_.fetch_sub(n);
  return true;
}

bool AdjEpoch::SetKeyIndex(std::unique_ptr<KeyIndex> keys) {
  std::lock_guard lock(owned_mu_);
  if (key_index_owned_) return true;  // another preload of this epoch set one: the same keys
  if (!Charge(keys->bytes() / 20 + 1)) return false;
  key_index_owned_ = std::move(keys);
  key_index_.store(key_index_owned_.get(), std::memory_order_release);
  return true;
}

namespace {

// The label and key ids and the value's kind mark ('s': raw string bytes
// follow; 'o': an ordered encoding follows).
void SeekCacheHead(uint32_t label, uint32_t key, char kind, std::string* out) {
  out->resize(2 * sizeof(uint32_t) + 1);
  std::memcpy(out->data(), &label, sizeof label);
  std::memcpy(out->data() + sizeof label, &key, sizeof key);
  (*out)[2 * sizeof(uint32_t)] = kind;
}

}  // namespace

bool SeekCacheKey(uint32_t label, uint32_t key, const Value& value, std::string* out) {
  if (value.is_string()) {
    SeekCacheHead(label, key, 's', out);
    out->append(value.as_string());
    return true;
  }
  SeekCacheHead(label, key, 'o', out);
  return EncodeOrderedKey(value, out);
}

bool SeekCacheKeyOfEncoding(uint32_t label, uint32_t key, std::string_view enc, std::string* out) {
  if (IsOrderedString(enc)) {
    SeekCacheHead(label, key, 's', out);
    return DecodeOrderedString(enc, out);
  }
  SeekCacheHead(label, key, 'o', out);
  out->append(enc);
  return !enc.empty();
}

// ---- AdjCache ----

std::shared_ptr<AdjEpoch> AdjCache::Pin(uint64_t seq, uint64_t node_bound) {
  if (max_entries_ == 0) return nullptr;
  std::lock_guard lock(mu_);
  if (seq < floor_) return nullptr;
  if (current_ && current_->seq() == seq && !current_->full()) return current_;
  if (current_ && seq < current_->seq()) return nullptr;
  current_ = std::make_shared<AdjEpoch>(seq, node_bound, max_entries_);
  return current_;
}

std::shared_ptr<AdjEpoch> AdjCache::Reuse(uint64_t seq) {
  if (max_entries_ == 0) return nullptr;
  std::lock_guard lock(mu_);
  if (seq >= floor_ && current_ && current_->seq() == seq && !current_->full()) return current_;
  return nullptr;
}

size_t AdjCache::entries() {
  std::lock_guard lock(mu_);
  return current_ ? current_->entries() : 0;
}

void AdjCache::Reset(uint64_t floor) {
  std::shared_ptr<AdjEpoch> old;
  std::lock_guard lock(mu_);
  old.swap(current_);  // freed after the lock is released, unless still pinned
  floor_ = std::max(floor_, floor);
}

}  // namespace dyad::storage
