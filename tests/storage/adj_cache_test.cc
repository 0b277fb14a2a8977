// Transaction::Adjacency and the store's AdjCache: the cached lists equal
// the adjacency column family, commits invalidate them, and snapshots keep
// seeing their own version. The same for the node records and index seeks
// an epoch keeps (Transaction::SharedNode, Transaction::IndexLookup).
#include <atomic>
#include <map>
#include <thread>

#include "test_util.h"

namespace dyad::storage {
namespace {

// (neighbour, relationship) pairs of an adjacency run.
std::vector<std::pair<uint64_t, uint64_t>> Pairs(const AdjSpan& s) {
  std::vector<std::pair<uint64_t, uint64_t>> out;
  for (const AdjEntry& e : s) out.emplace_back(e.nbr, e.edge);
  return out;
}

// The same through a cursor (the column family itself).
std::vector<std::pair<uint64_t, uint64_t>> CursorPairs(Transaction* t, uint64_t node, Direction dir,
                                                       std::optional<uint32_t> type) {
  std::vector<std::pair<uint64_t, uint64_t>> out;
  for (auto c = t->Neighbors(node, dir, type); c->Valid(); c->Next()) out.emplace_back(c->adj().nbr, c->adj().edge);
  return out;
}

class AdjCacheTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = OpenOrDie(dir_.sub("db"));
    n_ = CreateSmallGraph(store_.get());  // n0 has a self-loop: out and in
    ASSERT_EQ(n_.size(), 4u);
  }
  TempDir dir_;
  std::unique_ptr<GraphStore> store_;
  std::vector<uint64_t> n_;
};

TEST_F(AdjCacheTest, RunsEqualTheColumnFamily) {
  auto r = store_->BeginRead();
  uint32_t a = *r->TypeId("A"), b = *r->TypeId("B");
  for (int pass = 0; pass < 2; ++pass) {  // the first pass fills the cache, the second reads it
    for (Direction d : {Direction::kOut, Direction::kIn, Direction::kBoth}) {
      AdjSpan s;
      ASSERT_TRUE(r->Adjacency(n_[0], d, nullptr, &s).ok());
      EXPECT_EQ(Pairs(s), CursorPairs(r.get(), n_[0], d, std::nullopt)) << "dir " << int(d) << " pass " << pass;
      if (d == Direction::kBoth) continue;
      for (uint32_t t : {a, b}) {
        ASSERT_TRUE(r->Adjacency(n_[0], d, &t, &s).ok());
        EXPECT_EQ(Pairs(s), CursorPairs(r.get(), n_[0], d, t)) << "dir " << int(d) << " type " << t;
      }
    }
  }
  EXPECT_GT(store_->adj_cache().entries(), 0u);
  AdjSpan s;
  ASSERT_TRUE(r->Adjacency(n_[0], Direction::kOut, &a, &s).ok());
  EXPECT_EQ(s.size(), 2u);  // n1 and the self-loop
  ASSERT_TRUE(r->Adjacency(n_[2], Direction::kOut, nullptr, &s).ok());
  EXPECT_TRUE(s.empty());
}

// Holds (a binary search on the list's key order) agrees with a scan of
// the run for every entry of the node and for keys that differ from one in
// a single column; only lists with a self-loop may hold one.
TEST_F(AdjCacheTest, HoldsAgreesWithAScan) {
  // A hub with runs long enough to search: three types both ways, parallel
  // relationships, no self-loop.
  std::vector<uint64_t> nodes = n_;
  {
    auto w = store_->BeginWrite();
    ASSERT_TRUE(w.ok());
    const uint64_t hub = *(*w)->CreateNode({"N"}, {});
    for (int i = 0; i < 30; ++i) {
      const uint64_t m = *(*w)->CreateNode({"N"}, {});
      const std::string type = i % 3 == 0 ? "A" : i % 3 == 1 ? "B" : "C";
      ASSERT_TRUE((*w)->CreateEdge(type, i % 2 ? hub : m, i % 2 ? m : hub, {}).ok());
      if (i % 5 == 0) {
        ASSERT_TRUE((*w)->CreateEdge(type, hub, m, {}).ok());
      }
    }
    ASSERT_TRUE((*w)->Commit().ok());
    nodes.push_back(hub);
  }
  auto r = store_->BeginRead();
  const uint32_t a = *r->TypeId("A"), b = *r->TypeId("B");
  for (uint64_t node : nodes) {
    AdjSpan all;
    ASSERT_TRUE(r->Adjacency(node, Direction::kBoth, nullptr, &all).ok());
    EXPECT_EQ(all.MayHoldSelfLoops(), node == n_[0]) << "node " << node;
    std::vector<AdjEntry> probes;
    for (const AdjEntry& e : all) {
      probes.push_back(e);
      for (int delta : {-1, 1}) {
        AdjEntry m = e;
        m.nbr += delta;
        probes.push_back(m);
        m = e;
        m.edge += delta;
        probes.push_back(m);
        m = e;
        m.type += delta;
        probes.push_back(m);
      }
      AdjEntry flipped = e;
      flipped.dir = e.dir == Direction::kOut ? Direction::kIn : Direction::kOut;
      probes.push_back(flipped);
    }
    for (Direction d : {Direction::kOut, Direction::kIn, Direction::kBoth}) {
      for (const uint32_t* t : {static_cast<const uint32_t*>(nullptr), &a, &b}) {
        if (t && d == Direction::kBoth) continue;
        AdjSpan s;
        ASSERT_TRUE(r->Adjacency(node, d, t, &s).ok());
        for (const AdjEntry& p : probes) {
          bool scanned = false;
          for (const AdjEntry& e : s)
            scanned |= e.dir == p.dir && e.type == p.type && e.nbr == p.nbr && e.edge == p.edge;
          EXPECT_EQ(s.Holds(p.dir, p.type, p.nbr, p.edge), scanned)
              << "node " << node << " dir " << int(d) << " probe " << p.nbr << "/" << p.edge << "/" << p.type;
        }
      }
    }
  }
}

TEST_F(AdjCacheTest, CommitsInvalidateAndSnapshotsKeepTheirVersion) {
  auto before = store_->BeginRead();
  AdjSpan s;
  ASSERT_TRUE(before->Adjacency(n_[1], Direction::kOut, nullptr, &s).ok());
  EXPECT_TRUE(s.empty());  // cached: n1 has no outgoing relationship yet

  auto w = store_->BeginWrite();
  ASSERT_TRUE(w.ok());
  auto e = (*w)->CreateEdge("A", n_[1], n_[2], {});
  ASSERT_TRUE(e.ok());
  // A writer sees its own uncommitted relationship.
  ASSERT_TRUE((*w)->Adjacency(n_[1], Direction::kOut, nullptr, &s).ok());
  ASSERT_EQ(s.size(), 1u);
  EXPECT_EQ(s[0].edge, *e);
  ASSERT_TRUE((*w)->Commit().ok());

  auto after = store_->BeginRead();
  ASSERT_TRUE(after->Adjacency(n_[1], Direction::kOut, nullptr, &s).ok());
  ASSERT_EQ(s.size(), 1u);
  EXPECT_EQ(s[0].nbr, n_[2]);
  // The older snapshot still sees the graph as it was, cache or not.
  ASSERT_TRUE(before->Adjacency(n_[1], Direction::kOut, nullptr, &s).ok());
  EXPECT_TRUE(s.empty());
  // And its read does not poison the cache for newer snapshots.
  auto later = store_->BeginRead();
  ASSERT_TRUE(later->Adjacency(n_[1], Direction::kOut, nullptr, &s).ok());
  EXPECT_EQ(s.size(), 1u);

  // Deleting the relationship is seen by the next reader.
  auto w2 = store_->BeginWrite();
  ASSERT_TRUE(w2.ok());
  ASSERT_TRUE((*w2)->DeleteEdge(*e).ok());
  ASSERT_TRUE((*w2)->Commit().ok());
  auto last = store_->BeginRead();
  ASSERT_TRUE(last->Adjacency(n_[1], Direction::kOut, nullptr, &s).ok());
  EXPECT_TRUE(s.empty());
}

TEST_F(AdjCacheTest, BoundedCacheStillAnswers) {
  TempDir dir;
  StoreOptions o;
  o.adj_cache_entries = 1;  // every list but the tiniest is read from RocksDB
  auto store = OpenOrDie(dir.sub("db"), o);
  auto w = store->BeginWrite();
  ASSERT_TRUE(w.ok());
  uint64_t x = *(*w)->CreateNode({"N"}, {{"key", Value("x")}});
  uint64_t y = *(*w)->CreateNode({"N"}, {{"key", Value("y")}});
  for (int i = 0; i < 3; ++i) ASSERT_TRUE((*w)->CreateEdge("A", x, y, {}).ok());
  ASSERT_TRUE((*w)->Commit().ok());
  auto r = store->BeginRead();
  AdjSpan s;
  for (int pass = 0; pass < 2; ++pass) {
    ASSERT_TRUE(r->Adjacency(x, Direction::kOut, nullptr, &s).ok());
    EXPECT_EQ(s.size(), 3u);
  }
  EXPECT_LE(store->adj_cache().entries(), 1u);
}

TEST_F(AdjCacheTest, AFullEpochIsReplacedForLaterReaders) {
  TempDir dir;
  StoreOptions o;
  o.adj_cache_entries = 3;
  auto store = OpenOrDie(dir.sub("db"), o);
  auto w = store->BeginWrite();
  ASSERT_TRUE(w.ok());
  uint64_t x = *(*w)->CreateNode({"N"}, {{"key", Value("x")}});
  uint64_t y = *(*w)->CreateNode({"N"}, {{"key", Value("y")}});
  ASSERT_TRUE((*w)->CreateEdge("A", x, y, {}).ok());
  for (int i = 0; i < 3; ++i) ASSERT_TRUE((*w)->CreateEdge("A", y, y, {}).ok());
  ASSERT_TRUE((*w)->Commit().ok());
  AdjSpan s;
  auto first = store->BeginRead();
  ASSERT_TRUE(first->Adjacency(x, Direction::kOut, nullptr, &s).ok());  // 1 entry: kept
  EXPECT_EQ(store->adj_cache().entries(), 1u);
  ASSERT_TRUE(first->Adjacency(y, Direction::kBoth, nullptr, &s).ok());  // 7 entries: refused
  EXPECT_EQ(s.size(), 7u);
  EXPECT_EQ(store->adj_cache().entries(), 1u);
  auto second = store->BeginRead();  // the full epoch is not handed on
  ASSERT_TRUE(second->Adjacency(x, Direction::kOut, nullptr, &s).ok());
  EXPECT_EQ(s.size(), 1u);
  EXPECT_EQ(store->adj_cache().entries(), 1u);  // the new epoch's own copy
  // The first reader still reads its pinned epoch.
  ASSERT_TRUE(first->Adjacency(x, Direction::kOut, nullptr, &s).ok());
  EXPECT_EQ(s[0].nbr, y);
}

TEST_F(AdjCacheTest, ConcurrentReadersAgreeWithTheColumnFamily) {
  std::vector<std::thread> readers;
  std::atomic<int> mismatches{0};
  for (int t = 0; t < 4; ++t) {
    readers.emplace_back([&] {
      for (int round = 0; round < 50; ++round) {
        auto r = store_->BeginRead();
        for (uint64_t n : n_)
          for (Direction d : {Direction::kOut, Direction::kIn, Direction::kBoth}) {
            AdjSpan s;
            if (!r->Adjacency(n, d, nullptr, &s).ok() || Pairs(s) != CursorPairs(r.get(), n, d, std::nullopt))
              ++mismatches;
          }
      }
    });
  }
  // A writer commits meanwhile: each reader's snapshot must stay consistent.
  for (int i = 0; i < 10; ++i) {
    auto w = store_->BeginWrite();
    EXPECT_TRUE(w.ok() && (*w)->CreateEdge("B", n_[i % 4], n_[(i + 1) % 4], {}).ok() && (*w)->Commit().ok());
  }
  for (auto& t : readers) t.join();
  EXPECT_EQ(mismatches.load(), 0);
}

// The key of node id as a reader's shared record has it ("" when none).
std::string SharedKey(Transaction* t, uint64_t id) {
  const NodeRecord* n = nullptr;
  if (!t->SharedNode(id, &n).ok() || !n) return "";
  const Value* v = FindProperty(n->props, *t->KeyId("key"));
  return v && v->is_string() ? v->as_string() : "";
}

// The nodes an equality seek on the global key index finds.
std::vector<uint64_t> KeyLookup(Transaction* t, const std::string& key) {
  std::vector<uint64_t> out;
  EXPECT_TRUE(t->IndexLookup(kGlobalLabel, *t->KeyId("key"), Value(key), &out).ok());
  return out;
}

TEST_F(AdjCacheTest, SharedRecordsAndSeeksFollowCommits) {
  auto before = store_->BeginRead();
  EXPECT_EQ(SharedKey(before.get(), n_[1]), "n1");
  EXPECT_EQ(KeyLookup(before.get(), "n1"), std::vector<uint64_t>{n_[1]});
  EXPECT_TRUE(KeyLookup(before.get(), "zz").empty());
  // A second reader at the same sequence gets the same record and answer.
  auto same = store_->BeginRead();
  const NodeRecord *a = nullptr, *b = nullptr;
  ASSERT_TRUE(before->SharedNode(n_[1], &a).ok());
  ASSERT_TRUE(same->SharedNode(n_[1], &b).ok());
  EXPECT_TRUE(a && a == b);
  EXPECT_EQ(KeyLookup(same.get(), "n1"), std::vector<uint64_t>{n_[1]});
  EXPECT_EQ(same->FindNodeByKey("n2"), n_[2]);
  EXPECT_FALSE(same->FindNodeByKey("zz").has_value());

  auto w = store_->BeginWrite();
  ASSERT_TRUE(w.ok());
  const NodeRecord* none = nullptr;
  ASSERT_TRUE((*w)->SharedNode(n_[1], &none).ok());
  EXPECT_EQ(none, nullptr);  // a writer reads its own batch instead
  ASSERT_TRUE((*w)->SetNodeProperty(n_[1], "key", Value("zz")).ok());
  EXPECT_EQ(KeyLookup(w->get(), "zz"), std::vector<uint64_t>{n_[1]});  // its own write
  ASSERT_TRUE((*w)->Commit().ok());

  auto after = store_->BeginRead();
  EXPECT_EQ(SharedKey(after.get(), n_[1]), "zz");
  EXPECT_EQ(KeyLookup(after.get(), "zz"), std::vector<uint64_t>{n_[1]});
  EXPECT_TRUE(KeyLookup(after.get(), "n1").empty());
  // The older snapshot keeps its version, and does not leak it onward.
  EXPECT_EQ(SharedKey(before.get(), n_[1]), "n1");
  EXPECT_TRUE(KeyLookup(before.get(), "zz").empty());
  auto later = store_->BeginRead();
  EXPECT_EQ(SharedKey(later.get(), n_[1]), "zz");
  EXPECT_TRUE(KeyLookup(later.get(), "n1").empty());
}

TEST_F(AdjCacheTest, WithoutCacheRecordsAreNotSharedButSeeksAnswer) {
  TempDir dir;
  StoreOptions o;
  o.adj_cache_entries = 0;
  auto store = OpenOrDie(dir.sub("db"), o);
  auto w = store->BeginWrite();
  ASSERT_TRUE(w.ok());
  uint64_t x = *(*w)->CreateNode({"N"}, {{"key", Value("x")}});
  ASSERT_TRUE((*w)->Commit().ok());
  auto r = store->BeginRead();
  const NodeRecord* n = nullptr;
  ASSERT_TRUE(r->SharedNode(x, &n).ok());
  EXPECT_EQ(n, nullptr);
  EXPECT_EQ(KeyLookup(r.get(), "x"), std::vector<uint64_t>{x});
  EXPECT_EQ(KeyLookup(r.get(), "x"), std::vector<uint64_t>{x});
}

TEST_F(AdjCacheTest, OneReaderLooksUpManyKeysThroughOneIterator) {
  // With no cache every lookup reads RocksDB, through the iterator the
  // reader keeps: keys that are prefixes of one another (and one with a
  // zero byte), in an order that seeks back and forth, find exactly their
  // own node, and a missing key between them finds none.
  TempDir dir;
  StoreOptions o;
  o.adj_cache_entries = 0;
  auto store = OpenOrDie(dir.sub("db"), o);
  const std::vector<std::string> keys = {"ab", "a", std::string("a\0b", 3), "abc", "b"};
  std::map<std::string, uint64_t> ids;
  auto w = store->BeginWrite();
  ASSERT_TRUE(w.ok());
  for (const auto& k : keys) ids[k] = *(*w)->CreateNode({"N"}, {{"key", Value(k)}});
  ASSERT_TRUE((*w)->Commit().ok());
  auto r = store->BeginRead();
  for (int round = 0; round < 2; ++round) {
    for (const auto& k : keys) EXPECT_EQ(KeyLookup(r.get(), k), std::vector<uint64_t>{ids[k]}) << k;
    EXPECT_TRUE(KeyLookup(r.get(), "aa").empty());
    EXPECT_TRUE(KeyLookup(r.get(), "").empty());
  }
}

}  // namespace
}  // namespace dyad::storage
