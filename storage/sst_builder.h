// SstBuilder: turns key/value pairs of one column family, added in any
// order, into sorted SST files that RocksDB can ingest in one step.
//
// Bulk loads write through these instead of the memtable: inserting tens of
// millions of keys into a skip list is most of the cost of a naive load,
// while sorting them in large runs and writing table files directly is a
// fraction of it. Memory stays bounded: a run that outgrows its budget is
// sorted and spilled to a temporary file, and Finish merges the runs.
#pragma once

#include <array>
#include <cstdint>
#include <cstdio>
#include <deque>
#include <future>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "graph/status.h"

namespace rocksdb {
class ColumnFamilyHandle;
class DB;
}  // namespace rocksdb

namespace dyad::storage {

class TableWriter;

// Builds the SST files of one column family for a bulk load.
class SstBuilder {
 public:
  // Files are created in dir (same file system as the database, so ingestion
  // can move them) with names starting with name. run_bytes bounds the
  // records of a run (their sort slots take about as much again); two runs
  // are in memory: one filling, one being sorted and spilled in the background.
  // presorted promises strictly increasing keys (records keyed by new ids):
  // they stream into the tables in order, written by a background task in
  // chunks so that the caller's thread does not build and compress blocks.
  // fixed_key_size (1 to 32; 0: keys vary) promises that every key has that
  // many bytes and no value (adjacency keys): a run then keeps the keys in
  // its sort slots and nothing else, so sorting compares whole keys as four
  // words and spilling writes the slots in order, with no gather through a
  // record buffer; such a run holds twice the keys of a variable one.
  SstBuilder(rocksdb::DB* db, rocksdb::ColumnFamilyHandle* cf, std::string dir, std::string name,
             size_t run_bytes, bool presorted, size_t fixed_key_size = 0);
  ~SstBuilder();
  SstBuilder(const SstBuilder&) = delete;
  SstBuilder& operator=(const SstBuilder&) = delete;

  // Adds one pair; equal keys are written once (the first one wins). In a
  // presorted builder a key out of order is an error.
  Status Add(std::string_view key, std::string_view value);
  // Sorts, merges and writes the table files; returns their paths (none when
  // nothing was added).
  Result<std::vector<std::string>> Finish();
  // Pairs added so far.
  uint64_t count() const { return count_; }

 private:
  // One in-memory entry: the first 24 key bytes as big-endian numbers for
  // fast comparisons, then where the record starts in its run's buffer
  // (variable keys), or key bytes 24 to 31 (fixed-size keys: the whole key).
  struct Slot {
    std::array<uint64_t, 4> words;
  };
  // A batch of unsorted records: u32 key size, u32 value size, key, value.
  struct Run {
    std::string buf;
    std::vector<Slot> slots;
  };
  // A spilled run: its file and every kSampleEvery-th key with its offset,
  // so that a merge can start in the middle.
  struct RunFile {
    std::string path;
    std::vector<std::pair<std::string, uint64_t>> samples;
  };
  // Sorts a run's slots by key (variable keys: equal keys in the order added).
  static void SortRun(Run* run, size_t fixed_key_size);
  // The key and value of a slot, preceded in memory by the record's 8 bytes
  // of sizes; a fixed-size key's record is made in scratch.
  static std::pair<std::string_view, std::string_view> Record(const Run& run, const Slot& s, size_t fixed_key_size,
                                                              char (&scratch)[8 + 32]);
  // Presorted: writes a chunk's records, in order, to direct_.
  Status WriteChunk(Run* chunk);
  // Presorted: hands the filled chunk to the background task.
  Status HandOffChunk();
  static Status WriteRun(Run* run, RunFile* file, size_t fixed_key_size);
  Status SpillRun();
  Status WaitForSpill();
  Status WriteSorted(std::vector<std::string>* files);
  Status MergeRuns(std::vector<std::string>* files);
  // Merges the runs' keys in [lo, hi) ("" = unbounded) into tables named
  // with part.
  Status MergeRange(const std::string& lo, const std::string& hi, const std::string& part,
                    std::vector<std::string>* files);

  rocksdb::DB* db_;
  rocksdb::ColumnFamilyHandle* cf_;
  std::string dir_, name_;
  size_t run_bytes_;
  size_t fixed_key_size_;
  Run run_;                            // the run being filled
  Run spilling_;                       // the run a background task writes
  std::future<Status> spill_;          // that task
  std::deque<RunFile> runs_;           // spilled runs
  std::unique_ptr<TableWriter> direct_;  // presorted: the table output
  std::vector<std::string> direct_files_;
  std::string last_added_;               // presorted: to check the order
  uint64_t count_ = 0;
};

}  // namespace dyad::storage
