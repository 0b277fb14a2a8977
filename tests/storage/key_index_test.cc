// KeyIndex: every key added is found with its node, and nothing else is,
// whatever the keys' lengths and bytes (zero bytes, shared prefixes, the
// empty string), including keys that collide in the table.
#include <random>
#include <set>

#include "storage/key_index.h"
#include "test_util.h"

namespace dyad::storage {
namespace {

TEST(KeyIndexTest, FindsEveryKeyAddedAndNothingElse) {
  std::mt19937_64 rng(7);
  std::set<std::string> keys = {"", "a", "ab", "abc", "abcdefgh", "abcdefghi", std::string("\0", 1),
                                std::string("\0\0", 2), std::string("n1\0", 3), "n1", "n10", "n100"};
  while (keys.size() < 20000) {
    std::string k(rng() % 40, '\0');
    for (char& c : k) c = static_cast<char>(rng() % 4 == 0 ? rng() % 256 : 'a' + rng() % 3);
    keys.insert(k);
  }
  KeyIndex index;
  EXPECT_EQ(index.Find("a"), 0u);  // empty, not sealed
  std::vector<std::string> held;
  uint64_t node = 1;
  for (const std::string& k : keys) {
    if (node % 2 == 0) held.push_back(k);  // every other key is added
    if (node % 2 == 0) index.Add(k, node);
    ++node;
  }
  index.Seal();
  EXPECT_EQ(index.size(), held.size());
  node = 1;
  for (const std::string& k : keys) {
    EXPECT_EQ(index.Find(k), node % 2 == 0 ? node : 0u) << "key of " << k.size() << " bytes, node " << node;
    ++node;
  }
  EXPECT_GT(index.bytes(), 0u);
}

// Keys of one size: a million absent ones probe slots whose 16-bit tags
// match theirs often enough that only comparing the bytes tells them apart.
TEST(KeyIndexTest, AbsentKeysOfTheSameSizeAreNotFound) {
  KeyIndex index;
  auto key = [](uint32_t i) { return std::string(reinterpret_cast<const char*>(&i), sizeof i); };
  for (uint32_t i = 0; i < 20000; ++i) index.Add(key(i * 2), i + 1);
  index.Seal();
  for (uint32_t i = 0; i < 20000; ++i) ASSERT_EQ(index.Find(key(i * 2)), i + 1);
  size_t false_hits = 0;
  for (uint32_t i = 0; i < 1000000; ++i) false_hits += index.Find(key(i * 2 + 1)) != 0;
  EXPECT_EQ(false_hits, 0u);
}

TEST(KeyIndexTest, FitsRefusesWhatASlotCannotHold) {
  EXPECT_TRUE(KeyIndex::Fits("k", 1));
  EXPECT_FALSE(KeyIndex::Fits("k", 0));
  EXPECT_FALSE(KeyIndex::Fits("k", uint64_t{1} << 48));
  EXPECT_FALSE(KeyIndex::Fits(std::string(size_t{1} << 24, 'x'), 1));
}

}  // namespace
}  // namespace dyad::storage
