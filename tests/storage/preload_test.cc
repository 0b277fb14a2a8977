// Preload and GraphStore::KeepPreloaded: after a preload, readers find every
// adjacency list, node record and `key` lookup in memory (RocksDB is not
// read at all, hits or misses), the answers equal a plain reader's, a
// commit is followed by a fresh preload, and a view too small is reported.
#include <chrono>
#include <thread>

#include <rocksdb/perf_context.h>
#include <rocksdb/perf_level.h>

#include "graph/codec.h"
#include "storage/preload.h"
#include "test_util.h"

namespace dyad::storage {
namespace {

// RocksDB reads made on this thread while counting (memtable seeks and
// gets: the test graphs live in the memtable).
class ReadCounter {
 public:
  ReadCounter() {
    rocksdb::SetPerfLevel(rocksdb::PerfLevel::kEnableCount);
    rocksdb::get_perf_context()->Reset();
  }
  ~ReadCounter() { rocksdb::SetPerfLevel(rocksdb::PerfLevel::kDisable); }
  uint64_t reads() const {
    const rocksdb::PerfContext* p = rocksdb::get_perf_context();
    return p->seek_on_memtable_count + p->get_from_memtable_count;
  }
};

// What one reader answers for every node of the small graph: each list
// (both directions), each record's key, and each key's lookup, plus a
// lookup of a key no node has.
std::string Answers(Transaction* r, const std::vector<uint64_t>& nodes) {
  std::string out;
  for (uint64_t n : nodes) {
    AdjSpan s;
    EXPECT_TRUE(r->Adjacency(n, Direction::kBoth, nullptr, &s).ok());
    out += std::to_string(n) + ":";
    for (const AdjEntry& e : s) out += " " + std::to_string(e.nbr) + "/" + std::to_string(e.edge);
    const NodeRecord* rec = nullptr;
    EXPECT_TRUE(r->SharedNode(n, &rec).ok());
    const Value* key = rec ? FindProperty(rec->props, r->store()->key_id()) : nullptr;
    out += " key=" + (key ? key->ToString() : std::string("?"));
    std::vector<uint64_t> hits;
    if (key) EXPECT_TRUE(r->IndexLookup(kGlobalLabel, r->store()->key_id(), *key, &hits).ok());
    out += " hits=" + std::to_string(hits.size()) + (hits.size() == 1 && hits[0] == n ? "(self)" : "") + "\n";
  }
  std::vector<uint64_t> none;
  EXPECT_TRUE(r->IndexLookup(kGlobalLabel, r->store()->key_id(), Value("no such key"), &none).ok());
  out += "missing=" + std::to_string(none.size());
  return out;
}

class PreloadTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = OpenOrDie(dir_.sub("db"));
    n_ = CreateSmallGraph(store_.get());
    ASSERT_EQ(n_.size(), 4u);
    // A node without relationships, and a key with a zero byte in it.
    auto w = store_->BeginWrite();
    ASSERT_TRUE(w.ok());
    n_.push_back(*(*w)->CreateNode({"N"}, {{"key", Value(std::string("lone\0ly", 7))}}));
    ASSERT_TRUE((*w)->Commit().ok());
  }
  TempDir dir_;
  std::unique_ptr<GraphStore> store_;
  std::vector<uint64_t> n_;
};

TEST_F(PreloadTest, AfterAPreloadReadersReadNothingAndAnswerTheSame) {
  std::string plain;
  uint64_t plain_reads;
  {
    // A control: the same questions without a preload do read RocksDB.
    auto fresh = OpenOrDie(dir_.sub("db2"));
    auto n = CreateSmallGraph(fresh.get());
    auto r = fresh->BeginRead();
    ReadCounter count;
    Answers(r.get(), n);
    plain_reads = count.reads();
    auto r0 = store_->BeginRead();
    plain = Answers(r0.get(), n_);
  }
  EXPECT_GT(plain_reads, 0u);
  store_->adj_cache().Reset(0);  // drop what the plain reader cached

  PreloadStats stats;
  auto loader = store_->BeginRead();
  ASSERT_TRUE(Preload(loader.get(), nullptr, &stats).ok());
  EXPECT_EQ(stats.lists, 4u);    // n0..n3; n4 has no relationships
  EXPECT_EQ(stats.entries, 8u);  // two per relationship
  EXPECT_EQ(stats.records, 5u);
  EXPECT_EQ(stats.keys, 5u);
  EXPECT_GT(stats.charged, 0u);
  loader.reset();

  auto r = store_->BeginRead();
  ReadCounter count;
  EXPECT_EQ(Answers(r.get(), n_), plain);
  EXPECT_EQ(count.reads(), 0u) << "a preloaded reader read RocksDB";
  EXPECT_TRUE(r->SharedEpoch()->adjacency_complete());
  EXPECT_TRUE(r->SharedEpoch()->SeekComplete(kGlobalLabel, store_->key_id()));
}

// A preloaded key is exact (its record was checked): the caller need not
// re-check it. A plain reader's lookups, and misses, are not.
TEST_F(PreloadTest, OnlyPreloadedKeysAreExact) {
  const uint32_t key = store_->key_id();
  auto lookup = [&](Transaction* r, const Value& v, bool* exact) {
    std::vector<uint64_t> hits;
    EXPECT_TRUE(r->IndexLookup(kGlobalLabel, key, v, &hits, exact).ok());
    return hits.size();
  };
  bool exact = true;
  {
    auto plain = store_->BeginRead();
    EXPECT_EQ(lookup(plain.get(), Value("n1"), &exact), 1u);
    EXPECT_FALSE(exact);
  }
  store_->adj_cache().Reset(0);
  PreloadStats stats;
  auto loader = store_->BeginRead();
  ASSERT_TRUE(Preload(loader.get(), nullptr, &stats).ok());
  auto r = store_->BeginRead();
  EXPECT_EQ(lookup(r.get(), Value("n1"), &exact), 1u);
  EXPECT_TRUE(exact);
  EXPECT_EQ(lookup(r.get(), Value("n9"), &exact), 0u);
  EXPECT_FALSE(exact);
  EXPECT_EQ(lookup(r.get(), Value(int64_t{1}), &exact), 0u);
  EXPECT_FALSE(exact);
}

TEST_F(PreloadTest, KeptPreloadedAcrossCommits) {
  PreloadStats stats;
  ASSERT_TRUE(store_->KeepPreloaded(&stats).ok());
  EXPECT_EQ(stats.records, 5u);
  EXPECT_EQ(store_->KeepPreloaded(&stats).code(), Status::Code::kInvalidArgument);
  {
    auto w = store_->BeginWrite();
    ASSERT_TRUE(w.ok());
    ASSERT_TRUE((*w)->CreateEdge("A", n_[4], n_[1], {}).ok());
    ASSERT_TRUE((*w)->CreateNode({"N"}, {{"key", Value("n5")}}).ok());
    ASSERT_TRUE((*w)->Commit().ok());
  }
  // The preloader reads the new view in the background: wait for it.
  bool complete = false;
  for (int i = 0; i < 500 && !complete; ++i) {
    PreloadStats last;
    complete = store_->LastPreload(&last).ok() && last.records == 6;
    if (!complete) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  ASSERT_TRUE(complete) << "no preload after the commit";
  auto r = store_->BeginRead();
  ReadCounter count;
  AdjSpan s;
  ASSERT_TRUE(r->Adjacency(n_[4], Direction::kOut, nullptr, &s).ok());
  ASSERT_EQ(s.size(), 1u);
  EXPECT_EQ(s.nbr(0), n_[1]);
  std::vector<uint64_t> hits;
  ASSERT_TRUE(r->IndexLookup(kGlobalLabel, store_->key_id(), Value("n5"), &hits).ok());
  EXPECT_EQ(hits.size(), 1u);
  EXPECT_EQ(count.reads(), 0u);
}

TEST_F(PreloadTest, AViewTooSmallIsReportedAndReadersStillAnswer) {
  TempDir dir;
  StoreOptions o;
  o.adj_cache_entries = 6;
  auto store = OpenOrDie(dir.sub("db"), o);
  auto n = CreateSmallGraph(store.get());
  PreloadStats stats;
  Status s = store->KeepPreloaded(&stats);
  EXPECT_EQ(s.code(), Status::Code::kResourceLimit) << s.ToString();
  EXPECT_NE(s.message().find("--cache-entries"), std::string::npos) << s.message();
  auto r = store->BeginRead();
  std::vector<uint64_t> hits;
  ASSERT_TRUE(r->IndexLookup(kGlobalLabel, store->key_id(), Value("n3"), &hits).ok());
  EXPECT_EQ(hits, std::vector<uint64_t>{n[3]});
  AdjSpan span;
  ASSERT_TRUE(r->Adjacency(n[0], Direction::kOut, nullptr, &span).ok());
  EXPECT_EQ(span.size(), 3u);
}

TEST_F(PreloadTest, OnlyReadersOfACachedStorePreload) {
  PreloadStats stats;
  auto w = store_->BeginWrite();
  ASSERT_TRUE(w.ok());
  EXPECT_EQ(Preload(w->get(), nullptr, &stats).code(), Status::Code::kInvalidArgument);
  w->reset();
  TempDir dir;
  StoreOptions o;
  o.adj_cache_entries = 0;
  auto store = OpenOrDie(dir.sub("db"), o);
  auto r = store->BeginRead();
  EXPECT_EQ(Preload(r.get(), nullptr, &stats).code(), Status::Code::kInvalidArgument);
}

// A reader whose snapshot a commit has passed gets no view to fill: it is
// told so as a stop (the preloader then fills the commit's view), not as a
// store without a view.
TEST_F(PreloadTest, AReaderOlderThanTheViewIsToldACommitCameFirst) {
  auto old = store_->BeginRead();
  {
    auto w = store_->BeginWrite();
    ASSERT_TRUE(w.ok());
    ASSERT_TRUE((*w)->CreateNode({"N"}, {{"key", Value("later")}}).ok());
    ASSERT_TRUE((*w)->Commit().ok());
  }
  PreloadStats stats;
  Status s = Preload(old.get(), nullptr, &stats);
  EXPECT_EQ(s.code(), Status::Code::kTimeout) << s.ToString();
  EXPECT_NE(s.message().find("a commit came first"), std::string::npos) << s.message();
}

TEST_F(PreloadTest, AStopEndsItEarly) {
  PreloadStats stats;
  auto r = store_->BeginRead();
  EXPECT_EQ(Preload(r.get(), [] { return true; }, &stats).code(), Status::Code::kTimeout);
  EXPECT_FALSE(r->SharedEpoch()->adjacency_complete());
}

TEST(SeekCacheKeyTest, AnIndexEntryGivesTheLookupsKey) {
  for (const Value& v : {Value("plain"), Value(std::string("a\0b\0", 4)), Value(std::string()), Value(int64_t{1}),
                         Value(1.0), Value(-2.5), Value(true)}) {
    std::string enc, from_entry, from_value;
    ASSERT_TRUE(EncodeOrderedKey(v, &enc));
    ASSERT_TRUE(SeekCacheKeyOfEncoding(3, 7, enc, &from_entry)) << v.ToString();
    ASSERT_TRUE(SeekCacheKey(3, 7, v, &from_value));
    EXPECT_EQ(from_entry, from_value) << v.ToString();
  }
  std::string out;
  EXPECT_FALSE(DecodeOrderedString(std::string("\x30" "ab", 3), &out));                   // no terminator
  EXPECT_FALSE(DecodeOrderedString(std::string("\x30" "a\0b\0\x01", 6), &out));          // bad escape
  EXPECT_FALSE(SeekCacheKeyOfEncoding(0, 0, std::string("\x30" "x", 2), &out));          // malformed string
  EXPECT_FALSE(SeekCacheKeyOfEncoding(0, 0, std::string_view(), &out));                 // empty
}

}  // namespace
}  // namespace dyad::storage
