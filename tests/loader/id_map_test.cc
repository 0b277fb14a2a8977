#include "storage/import/id_map.h"

#include <gtest/gtest.h>

#include <string>

namespace dyad::storage {
namespace {

std::string KeyFor(int i) {
  // Short keys live in the slot, long ones in the arena: use both.
  return i % 3 ? "n" + std::to_string(i) : "a-rather-long-node-key-" + std::to_string(i);
}

TEST(IdMapTest, FindsEveryKeyAfterGrowingAndRejectsDuplicates) {
  IdMap m;
  for (int i = 0; i < 100000; ++i) ASSERT_TRUE(m.Insert(KeyFor(i), i + 1)) << i;
  EXPECT_EQ(m.size(), 100000u);
  for (int i = 0; i < 100000; ++i) {
    auto id = m.Find(KeyFor(i));
    ASSERT_TRUE(id.has_value()) << i;
    EXPECT_EQ(*id, static_cast<uint64_t>(i + 1));
  }
  EXPECT_FALSE(m.Insert(KeyFor(42), 7));
  EXPECT_EQ(*m.Find(KeyFor(42)), 43u);
  EXPECT_FALSE(m.Find("n100000").has_value());
  EXPECT_FALSE(m.Find("").has_value());
  EXPECT_TRUE(m.Insert("", 5));  // an empty key is a key like any other
  EXPECT_EQ(*m.Find(""), 5u);
}

TEST(IdMapTest, KeysDifferingOnlyInLengthOrLastByteStayApart) {
  IdMap m;
  ASSERT_TRUE(m.Insert("abcdefghijklmnop", 1));   // exactly inline size
  ASSERT_TRUE(m.Insert("abcdefghijklmnopq", 2));  // one byte longer: arena
  ASSERT_TRUE(m.Insert("abcdefghijklmnoq", 3));
  EXPECT_EQ(*m.Find("abcdefghijklmnop"), 1u);
  EXPECT_EQ(*m.Find("abcdefghijklmnopq"), 2u);
  EXPECT_EQ(*m.Find("abcdefghijklmnoq"), 3u);
  EXPECT_FALSE(m.Find("abcdefghijklmno").has_value());
}

}  // namespace
}  // namespace dyad::storage
