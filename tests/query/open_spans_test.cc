// OpenSpans, the adjacency runs every expansion reads: a list read from
// RocksDB (a cold snapshot cache) and the same list sliced from the cache
// give the same entries, for every direction and type filter; runs without
// entries are left out; a writer reads through its batch.
#include <gtest/gtest.h>

#include <algorithm>

#include "../storage/test_util.h"
#include "query/exec/expand_ops.h"

namespace dyad::query {
namespace {

using storage::Direction;

// (neighbour, relationship) of every entry of every run, in order.
std::vector<std::pair<uint64_t, uint64_t>> Entries(const std::vector<storage::AdjSpan>& spans) {
  std::vector<std::pair<uint64_t, uint64_t>> out;
  for (const auto& s : spans)
    for (const storage::AdjEntry& e : s) out.emplace_back(e.nbr, e.edge);
  return out;
}

class OpenSpansTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = storage::OpenOrDie(dir_.sub("db"));
    n_ = storage::CreateSmallGraph(store_.get(), "C");  // n0's self-loop has a type of its own
    ASSERT_EQ(n_.size(), 4u);
  }
  storage::TempDir dir_;
  std::unique_ptr<storage::GraphStore> store_;
  std::vector<uint64_t> n_;
};

TEST_F(OpenSpansTest, CachedAndReadListsGiveTheSameRuns) {
  auto names = store_->BeginRead();
  const uint32_t a = *names->TypeId("A"), b = *names->TypeId("B"), c = *names->TypeId("C");
  const std::vector<std::vector<uint32_t>> filters = {{}, {a}, {b}, {a, b}, {c}, {a, c}};
  for (uint64_t node : n_) {
    for (Direction d : {Direction::kOut, Direction::kIn, Direction::kBoth}) {
      for (const auto& types : filters) {
        // A commit starts a new cache epoch: the next snapshot has no list yet.
        auto w = store_->BeginWrite();
        ASSERT_TRUE(w.ok());
        ASSERT_TRUE((*w)->CreateNode({"Other"}, {}).ok());
        ASSERT_TRUE((*w)->Commit().ok());
        auto cold_txn = store_->BeginRead();
        ASSERT_EQ(cold_txn->CachedAdjacency(node), nullptr);
        std::vector<storage::AdjSpan> cold, warm;
        ASSERT_TRUE(OpenSpans(cold_txn.get(), node, d, types, &cold).ok());
        ASSERT_NE(cold_txn->CachedAdjacency(node), nullptr) << "the read published the list";
        ASSERT_TRUE(OpenSpans(cold_txn.get(), node, d, types, &warm).ok());
        EXPECT_EQ(Entries(cold), Entries(warm)) << "node " << node << " dir " << int(d) << " types " << types.size();
        EXPECT_EQ(cold.size(), warm.size());
        for (const auto& s : warm) EXPECT_FALSE(s.empty()) << "empty runs are left out";
        // The runs hold what the cursor over the column family holds.
        std::vector<std::pair<uint64_t, uint64_t>> expected;
        auto add = [&](Direction dir, std::optional<uint32_t> type) {
          for (auto cur = cold_txn->Neighbors(node, dir, type); cur->Valid(); cur->Next())
            expected.emplace_back(cur->adj().nbr, cur->adj().edge);
        };
        const std::vector<Direction> dirs = d == Direction::kBoth && !types.empty()
                                                ? std::vector<Direction>{Direction::kOut, Direction::kIn}
                                                : std::vector<Direction>{d};
        for (Direction dd : dirs) {
          if (types.empty()) add(dd, std::nullopt);
          for (uint32_t t : types) add(dd, t);
        }
        EXPECT_EQ(Entries(warm), expected) << "node " << node << " dir " << int(d) << " types " << types.size();
      }
    }
  }
}

TEST_F(OpenSpansTest, ANodeWithoutMatchingEntriesHasNoRuns) {
  auto r = store_->BeginRead();
  const uint32_t b = *r->TypeId("B");
  std::vector<storage::AdjSpan> spans;
  for (int pass = 0; pass < 2; ++pass) {  // read, then cached
    ASSERT_TRUE(OpenSpans(r.get(), n_[1], Direction::kOut, {}, &spans).ok());
    EXPECT_TRUE(spans.empty());
    ASSERT_TRUE(OpenSpans(r.get(), n_[0], Direction::kIn, {b}, &spans).ok());
    EXPECT_TRUE(spans.empty());
    ASSERT_TRUE(OpenSpans(r.get(), n_[0], Direction::kOut, {b}, &spans).ok());
    EXPECT_EQ(Entries(spans), (std::vector<std::pair<uint64_t, uint64_t>>{{n_[2], Entries(spans)[0].second}}));
  }
}

TEST_F(OpenSpansTest, AWriterSeesItsOwnRelationships) {
  auto w = store_->BeginWrite();
  ASSERT_TRUE(w.ok());
  auto& t = *w;
  EXPECT_EQ(t->CachedAdjacency(n_[1]), nullptr) << "a writer reads through its batch";
  ASSERT_TRUE(t->CreateEdge("A", n_[1], n_[2], {}).ok());
  std::vector<storage::AdjSpan> spans;
  ASSERT_TRUE(OpenSpans(t.get(), n_[1], Direction::kOut, {}, &spans).ok());
  ASSERT_EQ(Entries(spans).size(), 1u);
  EXPECT_EQ(Entries(spans)[0].first, n_[2]);
}

}  // namespace
}  // namespace dyad::query
