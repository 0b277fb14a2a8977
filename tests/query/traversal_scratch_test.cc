// The scratch structures of traversals and DISTINCT: NodeMarks (flat marks
// by node id, with a hash map beyond) and ValueSet (ids in open addressing,
// other values hashed).
#include <gtest/gtest.h>

#include "query/exec/node_marks.h"
#include "query/exec/value_set.h"

namespace dyad::query {
namespace {

TEST(NodeMarks, MarksResetAndFarIds) {
  PooledNodeMarks pooled;
  NodeMarks& m = *pooled;
  m.Reserve(100);
  const uint64_t far = uint64_t{1} << 40;  // beyond the flat arrays
  for (uint64_t id : {uint64_t{0}, uint64_t{7}, uint64_t{99}, uint64_t{5000}, far}) {
    EXPECT_FALSE(m.Has(id));
    EXPECT_TRUE(m.Insert(id, 3, id + 1));
    EXPECT_FALSE(m.Insert(id, 4, 0)) << "marked once";
    EXPECT_TRUE(m.Has(id));
    EXPECT_EQ(m.depth(id), 3u);
    EXPECT_EQ(m.data(id), id + 1);
  }
  m.Reset();
  for (uint64_t id : {uint64_t{0}, uint64_t{7}, uint64_t{5000}, far}) EXPECT_FALSE(m.Has(id));
}

TEST(NodeMarks, PooledInstancesStartEmpty) {
  {
    PooledNodeMarks a;
    a->Insert(42, 1, 1);
  }
  PooledNodeMarks b;  // possibly the same instance, reset
  EXPECT_FALSE(b->Has(42));
}

TEST(ValueSet, IdsAndOtherValues) {
  ValueSet s;
  EXPECT_TRUE(s.Insert(Value(NodeRef{0})));
  EXPECT_FALSE(s.Insert(Value(NodeRef{0})));
  for (uint64_t i = 1; i <= 5000; ++i) EXPECT_TRUE(s.Insert(Value(NodeRef{i * 1024})));  // grows, collides
  for (uint64_t i = 1; i <= 5000; ++i) EXPECT_FALSE(s.Insert(Value(NodeRef{i * 1024})));
  EXPECT_TRUE(s.Insert(Value(RelRef{1024, 1, 2})));  // a relationship is not a node
  EXPECT_FALSE(s.Insert(Value(RelRef{1024, 3, 4, 7})));  // the same relationship id
  EXPECT_TRUE(s.Insert(Value(int64_t{1})));
  EXPECT_FALSE(s.Insert(Value(1.0)));  // 1 and 1.0 are equal
  EXPECT_TRUE(s.Insert(Value("1")));
  EXPECT_TRUE(s.Insert(Value()));
  EXPECT_FALSE(s.Insert(Value()));
  EXPECT_EQ(s.size(), 5001u + 1 + 1 + 1 + 1);
  s.Clear();
  EXPECT_EQ(s.size(), 0u);
  EXPECT_TRUE(s.Insert(Value(NodeRef{0})));
}

}  // namespace
}  // namespace dyad::query
