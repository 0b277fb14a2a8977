#include "storage/preload.h"

#include <atomic>
#include <string>
#include <thread>
#include <vector>

#include "graph/codec.h"
#include "storage/key_index.h"
#include "storage/keys.h"

namespace dyad::storage {
namespace {

// Shared by the two scans: polls the caller's stop every few thousand keys
// and tells one scan when the other gave up.
class StopCheck {
 public:
  explicit StopCheck(const std::function<bool()>& stop) : stop_(stop) {}
  // True when the scan should end (the caller's stop, or the other scan failed).
  bool Now(uint64_t done) {
    if (failed_.load(std::memory_order_relaxed)) return true;
    if (stop_ && done % 4096 == 0 && stop_()) failed_ = true;
    return failed_.load(std::memory_order_relaxed);
  }
  // Makes the other scan stop too.
  void Fail() { failed_ = true; }

 private:
  const std::function<bool()>& stop_;
  std::atomic<bool> failed_{false};
};

Status TooSmall(const AdjEpoch& epoch) {
  return Status(Status::Code::kResourceLimit,
                "preload: the graph does not fit the in-memory view (" + std::to_string(epoch.entries()) +
                    " cache entries in use when it filled); raise --cache-entries");
}

Status Stopped() { return Status(Status::Code::kTimeout, "preload stopped before it finished"); }

// Every adjacency list of the snapshot (c: the whole adj column family).
Status LoadAdjacency(Cursor* c, AdjEpoch* epoch, StopCheck* stop, PreloadStats* stats) {
  std::vector<AdjEntry> entries;
  uint64_t node = 0;
  auto flush = [&]() {
    if (entries.empty()) return true;
    AdjList::Ptr list = AdjList::Make(node, entries);
    stats->entries += entries.size();
    ++stats->lists;
    entries.clear();
    return epoch->Publish(node, &list) != nullptr;
  };
  for (uint64_t done = 0; c->Valid(); c->Next(), ++done) {
    if (stop->Now(done)) return Stopped();
    AdjEntry e;
    if (!ParseAdjKey(c->key(), &e)) return Status::Corruption("preload: a malformed adjacency key");
    if (e.node != node && !flush()) return TooSmall(*epoch);
    node = e.node;
    entries.push_back(e);
  }
  DYAD_RETURN_IF_ERROR(c->status());
  if (!flush()) return TooSmall(*epoch);
  epoch->MarkAdjacencyComplete();
  return Status::OK();
}

// Every node record (c: the whole nodes column family).
Status LoadRecords(Cursor* c, AdjEpoch* epoch, StopCheck* stop, PreloadStats* stats) {
  for (uint64_t done = 0; c->Valid(); c->Next(), ++done) {
    if (stop->Now(done)) return Stopped();
    auto record = std::make_unique<NodeRecord>();
    record->id = c->node_id();
    DYAD_RETURN_IF_ERROR(DecodeNode(c->value(), record.get()));
    if (!epoch->PublishNode(&record)) return TooSmall(*epoch);
    ++stats->records;
  }
  return c->status();
}

// True when node's record (preloaded) has the string text as its `key`.
bool HoldsKey(const AdjEpoch& epoch, uint64_t node, uint32_t key, const std::string& text) {
  const NodeRecord* record = epoch.FindNode(node);
  const Value* v = record ? FindProperty(record->props, key) : nullptr;
  return v && v->is_string() && v->as_string() == text;
}

// Every value of the global `key` index with its nodes (c: that index's
// entries: prefix, the value's ordered encoding, the node). A string held
// by one node as its key (the record says so), the usual case, goes to
// the epoch's KeyIndex, whose hits need no re-check; any other value to
// its general seek cache.
Status LoadKeys(Cursor* c, uint32_t key, AdjEpoch* epoch, StopCheck* stop, PreloadStats* stats) {
  const size_t prefix = PropIndexPrefix(kGlobalLabel, key).size();
  std::string enc, text, seek;
  std::vector<uint64_t> nodes;
  auto keys = std::make_unique<KeyIndex>();
  auto flush = [&]() {
    if (nodes.empty()) return Status::OK();
    text.clear();
    if (nodes.size() == 1 && DecodeOrderedString(enc, &text) && KeyIndex::Fits(text, nodes[0]) &&
        HoldsKey(*epoch, nodes[0], key, text)) {
      keys->Add(text, nodes[0]);
    } else {
      if (!SeekCacheKeyOfEncoding(kGlobalLabel, key, enc, &seek))
        return Status::Corruption("preload: a malformed `key` index entry");
      if (!epoch->PublishSeek(seek, nodes)) return TooSmall(*epoch);
    }
    ++stats->keys;
    nodes.clear();
    return Status::OK();
  };
  for (uint64_t done = 0; c->Valid(); c->Next(), ++done) {
    if (stop->Now(done)) return Stopped();
    std::string_view k = c->key();
    if (k.size() < prefix + sizeof(uint64_t)) return Status::Corruption("preload: a short `key` index entry");
    std::string_view value = k.substr(prefix, k.size() - prefix - sizeof(uint64_t));
    if (value != enc) {
      DYAD_RETURN_IF_ERROR(flush());
      enc.assign(value);
    }
    nodes.push_back(c->node_id());
  }
  DYAD_RETURN_IF_ERROR(c->status());
  DYAD_RETURN_IF_ERROR(flush());
  keys->Seal();
  if (!epoch->SetKeyIndex(std::move(keys))) return TooSmall(*epoch);
  epoch->MarkSeekComplete(kGlobalLabel, key);
  return Status::OK();
}

}  // namespace

Status Preload(Transaction* reader, const std::function<bool()>& stop, PreloadStats* stats) {
  *stats = PreloadStats();
  if (reader->writable()) return Status::InvalidArgument("preload needs a read-only transaction");
  if (!reader->store()->adj_cache().enabled())
    return Status::InvalidArgument("preload needs a store that keeps an in-memory view (--cache-entries 0 turns it off)");
  // No epoch for a snapshot older than the view: a commit came in between,
  // and its own view is the one to preload (GraphStore's preloader does).
  AdjEpoch* epoch = reader->SharedEpoch();
  if (!epoch) return Status(Status::Code::kTimeout, "preload: a commit came first; its view is preloaded next");
  const uint32_t key = reader->store()->key_id();
  if (epoch->adjacency_complete() && (!key || epoch->SeekComplete(kGlobalLabel, key))) {
    stats->charged = epoch->entries();  // preloaded already: nothing to read
    return Status::OK();
  }
  // The cursors are made here (a transaction is used from one thread); the
  // adjacency, most of the work, is read on a second thread meanwhile.
  std::unique_ptr<Cursor> adj = reader->ScanAll(kAdjCF);
  std::unique_ptr<Cursor> nodes = reader->ScanAll(kNodesCF);
  std::unique_ptr<Cursor> keys = key ? reader->Scan(kPropsCF, PropIndexPrefix(kGlobalLabel, key), "") : nullptr;
  StopCheck check(stop);
  PreloadStats adj_stats;
  Status adj_status;
  std::thread adj_thread([&] {
    adj_status = LoadAdjacency(adj.get(), epoch, &check, &adj_stats);
    if (!adj_status.ok()) check.Fail();
  });
  Status s = LoadRecords(nodes.get(), epoch, &check, stats);
  if (s.ok() && keys) s = LoadKeys(keys.get(), key, epoch, &check, stats);
  if (!s.ok()) check.Fail();
  adj_thread.join();
  stats->lists = adj_stats.lists;
  stats->entries = adj_stats.entries;
  stats->charged = epoch->entries();
  // The first real failure wins over the stop it caused in the other scan.
  if (!s.ok() && s.code() != Status::Code::kTimeout) return s;
  return adj_status.ok() ? s : adj_status;
}

}  // namespace dyad::storage
