// Helpers for storage tests: a fresh temporary store directory.
#pragma once

#include <filesystem>
#include <memory>
#include <random>
#include <string>

#include <gtest/gtest.h>

#include "storage/checker.h"
#include "storage/graph_store.h"
#include "storage/transaction.h"

namespace dyad::storage {

// A temporary directory removed when the test ends.
class TempDir {
 public:
  TempDir() {
    std::random_device rd;
    path_ = (std::filesystem::temp_directory_path() / ("dyad-test-" + std::to_string(rd()) + std::to_string(rd())))
                .string();
    std::filesystem::create_directories(path_);
  }
  ~TempDir() { std::filesystem::remove_all(path_); }
  const std::string& path() const { return path_; }
  std::string sub(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

// Opens a store or fails the test.
inline std::unique_ptr<GraphStore> OpenOrDie(const std::string& path, StoreOptions o = StoreOptions()) {
  auto s = GraphStore::Open(path, o);
  EXPECT_TRUE(s.ok()) << s.status().ToString();
  return s.ok() ? std::move(s.value()) : nullptr;
}

// Commits four :N nodes (keys n0..n3) and the relationships n0-A->n1,
// n0-B->n2, n3-A->n0 and a self-loop n0-loop_type->n0 (out and in at n0);
// returns the node ids, or an empty vector after failing the test.
inline std::vector<uint64_t> CreateSmallGraph(GraphStore* store, const std::string& loop_type = "A") {
  auto w = store->BeginWrite();
  EXPECT_TRUE(w.ok());
  if (!w.ok()) return {};
  auto& t = *w;
  std::vector<uint64_t> n;
  for (int i = 0; i < 4; ++i) n.push_back(*t->CreateNode({"N"}, {{"key", Value("n" + std::to_string(i))}}));
  bool ok = t->CreateEdge("A", n[0], n[1], {}).ok() && t->CreateEdge("B", n[0], n[2], {}).ok() &&
            t->CreateEdge("A", n[3], n[0], {}).ok() && t->CreateEdge(loop_type, n[0], n[0], {}).ok() &&
            t->Commit().ok();
  EXPECT_TRUE(ok);
  return ok ? n : std::vector<uint64_t>();
}

// Asserts that the store passes every integrity check.
inline void ExpectConsistent(GraphStore* store) {
  CheckReport r;
  ASSERT_TRUE(CheckStore(store, &r).ok());
  std::string all;
  for (auto& p : r.problems) all += p + "\n";
  EXPECT_TRUE(r.ok()) << all;
}

}  // namespace dyad::storage
