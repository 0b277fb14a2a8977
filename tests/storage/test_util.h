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

// Asserts that the store passes every integrity check.
inline void ExpectConsistent(GraphStore* store) {
  CheckReport r;
  ASSERT_TRUE(CheckStore(store, &r).ok());
  std::string all;
  for (auto& p : r.problems) all += p + "\n";
  EXPECT_TRUE(r.ok()) << all;
}

}  // namespace dyad::storage
