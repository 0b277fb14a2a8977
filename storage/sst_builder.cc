#include "storage/sst_builder.h"

#include <rocksdb/db.h>
#include <rocksdb/sst_file_writer.h>

#include <algorithm>
#include <cstring>
#include <queue>

namespace dyad::storage {

namespace {

// Output files are cut at this size so later compactions stay granular.
constexpr uint64_t kTableBytes = 256ull << 20;
// A run file remembers every this-many-th key (to start merges midway).
constexpr size_t kSampleEvery = 4096;
// A presorted builder hands its records to the background writer in chunks
// of this many bytes.
constexpr size_t kChunkBytes = 8 << 20;
// From this many runs on, two threads merge, each one half of the key range.
constexpr size_t kParallelMergeRuns = 4;

Status FromRocks(const rocksdb::Status& s) { return s.ok() ? Status::OK() : Status::IOError(s.ToString()); }

// Key bytes [from, from + 8) as a big-endian number (zero-padded), so that
// numbers compare like the bytes.
uint64_t Word(std::string_view key, size_t from) {
  uint64_t h = 0;
  for (size_t i = from; i < from + 8; ++i) h = (h << 8) | (i < key.size() ? static_cast<unsigned char>(key[i]) : 0);
  return h;
}

// The inverse of Word for a whole word: 8 key bytes, big-endian.
void PutWord(uint64_t w, char* out) {
  for (int i = 7; i >= 0; --i, w >>= 8) out[i] = static_cast<char>(w & 0xff);
}

uint32_t ReadU32(const char* p) {
  uint32_t v;
  std::memcpy(&v, p, 4);
  return v;
}

// Reads the records of one spilled run in order.
class RunReader {
 public:
  explicit RunReader(const std::string& path) : f_(std::fopen(path.c_str(), "rb")) {
    if (f_) std::setvbuf(f_, nullptr, _IOFBF, 1 << 20);
  }
  ~RunReader() {
    if (f_) std::fclose(f_);
  }
  bool ok() const { return f_ != nullptr; }
  // Continues reading at byte offset (a record boundary).
  bool Seek(uint64_t offset) { return std::fseek(f_, static_cast<long>(offset), SEEK_SET) == 0; }
  // Advances to the next record; false at the end.
  bool Next() {
    char sizes[8];
    if (std::fread(sizes, 1, 8, f_) != 8) return false;
    uint32_t k = ReadU32(sizes), v = ReadU32(sizes + 4);
    rec_.resize(k + v);
    if (k + v && std::fread(rec_.data(), 1, k + v, f_) != k + v) return false;
    key_size_ = k;
    return true;
  }
  std::string_view key() const { return std::string_view(rec_).substr(0, key_size_); }
  std::string_view value() const { return std::string_view(rec_).substr(key_size_); }

 private:
  std::FILE* f_;
  std::string rec_;
  uint32_t key_size_ = 0;
};

}  // namespace

// Writes strictly increasing keys into SST files of bounded size, dropping
// repeats of the previous key.
class TableWriter {
 public:
  TableWriter(rocksdb::DB* db, rocksdb::ColumnFamilyHandle* cf, std::string prefix, std::vector<std::string>* files)
      : options_(db->GetOptions(cf)), cf_(cf), prefix_(std::move(prefix)), files_(files) {}

  Status Put(std::string_view key, std::string_view value) {
    if (open_ && key == last_) return Status::OK();
    if (open_ && writer_->FileSize() >= kTableBytes) DYAD_RETURN_IF_ERROR(Close());
    if (!open_) {
      writer_ = std::make_unique<rocksdb::SstFileWriter>(rocksdb::EnvOptions(), options_, cf_);
      std::string path = prefix_ + "." + std::to_string(files_->size()) + ".sst";
      DYAD_RETURN_IF_ERROR(FromRocks(writer_->Open(path)));
      files_->push_back(path);
      open_ = true;
    }
    last_.assign(key);
    return FromRocks(writer_->Put(rocksdb::Slice(key.data(), key.size()), rocksdb::Slice(value.data(), value.size())));
  }

  Status Close() {
    if (!open_) return Status::OK();
    open_ = false;
    return FromRocks(writer_->Finish());
  }

 private:
  rocksdb::Options options_;
  rocksdb::ColumnFamilyHandle* cf_;
  std::string prefix_;
  std::vector<std::string>* files_;
  std::unique_ptr<rocksdb::SstFileWriter> writer_;
  std::string last_;
  bool open_ = false;
};

SstBuilder::SstBuilder(rocksdb::DB* db, rocksdb::ColumnFamilyHandle* cf, std::string dir, std::string name,
                       size_t run_bytes, bool presorted, size_t fixed_key_size)
    : db_(db), cf_(cf), dir_(std::move(dir)), name_(std::move(name)), run_bytes_(run_bytes),
      fixed_key_size_(presorted || fixed_key_size > 32 ? 0 : fixed_key_size) {
  if (presorted) direct_ = std::make_unique<TableWriter>(db_, cf_, dir_ + "/" + name_, &direct_files_);
}

SstBuilder::~SstBuilder() {
  if (spill_.valid()) spill_.wait();
  for (const auto& r : runs_) std::remove(r.path.c_str());
}

Status SstBuilder::Add(std::string_view key, std::string_view value) {
  ++count_;
  Run& r = run_;
  uint32_t sizes[2] = {static_cast<uint32_t>(key.size()), static_cast<uint32_t>(value.size())};
  if (direct_) {
    if (count_ > 1 && key <= last_added_)
      return Status::Internal(name_ + ": bulk-load keys out of order in a presorted table");
    last_added_.assign(key);
    if (r.buf.capacity() < kChunkBytes) r.buf.reserve(kChunkBytes);
    r.buf.append(reinterpret_cast<const char*>(sizes), 8);
    r.buf.append(key);
    r.buf.append(value);
    return r.buf.size() >= kChunkBytes ? HandOffChunk() : Status::OK();
  }
  if (fixed_key_size_) {
    if (key.size() != fixed_key_size_ || !value.empty())
      return Status::Internal(name_ + ": a bulk-load key of the wrong size for its fixed-size table");
    // The slots are the records: they may take what records and slots take
    // together in a variable run.
    if (r.slots.size() * sizeof(Slot) >= 2 * run_bytes_) DYAD_RETURN_IF_ERROR(SpillRun());
    if (r.slots.capacity() * sizeof(Slot) < 2 * run_bytes_) r.slots.reserve(2 * run_bytes_ / sizeof(Slot) + 1);
    r.slots.push_back({{Word(key, 0), Word(key, 8), Word(key, 16), Word(key, 24)}});
    return Status::OK();
  }
  if (r.buf.size() + key.size() + value.size() + 8 > run_bytes_ && !r.slots.empty()) {
    DYAD_RETURN_IF_ERROR(SpillRun());
  }
  if (r.buf.capacity() < run_bytes_) {  // no copies while growing
    r.buf.reserve(run_bytes_);
    r.slots.reserve(run_bytes_ / 32);
  }
  r.slots.push_back({{Word(key, 0), Word(key, 8), Word(key, 16), r.buf.size()}});
  r.buf.append(reinterpret_cast<const char*>(sizes), 8);
  r.buf.append(key);
  r.buf.append(value);
  return Status::OK();
}

void SstBuilder::SortRun(Run* run, size_t fixed_key_size) {
  std::vector<Slot>& slots = run->slots;
  if (fixed_key_size) {
    // Whole keys, zero-padded to 32 bytes, all of one length: the words
    // decide. Equal keys have no value, so which comes first does not matter.
    auto less = [](const Slot& a, const Slot& b) {
      for (int i = 0; i < 4; ++i)
        if (a.words[i] != b.words[i]) return a.words[i] < b.words[i];
      return false;
    };
    if (!std::is_sorted(slots.begin(), slots.end(), less)) std::sort(slots.begin(), slots.end(), less);
    return;
  }
  const char* base = run->buf.data();
  // Most keys differ within their first 24 bytes, so the slot's words
  // decide nearly every comparison without touching the record. Equal keys
  // keep the order they were added in (offsets grow), so the first one wins.
  auto less = [base](const Slot& a, const Slot& b) {
    // Word by word: std::array's == would call memcmp, out of line, on
    // every comparison.
    for (int i = 0; i < 3; ++i)
      if (a.words[i] != b.words[i]) return a.words[i] < b.words[i];
    std::string_view ka(base + a.words[3] + 8, ReadU32(base + a.words[3]));
    std::string_view kb(base + b.words[3] + 8, ReadU32(base + b.words[3]));
    int c = ka.compare(kb);
    return c != 0 ? c < 0 : a.words[3] < b.words[3];
  };
  // Loads append mostly in key order: check before sorting.
  if (!std::is_sorted(slots.begin(), slots.end(), less)) std::sort(slots.begin(), slots.end(), less);
}

std::pair<std::string_view, std::string_view> SstBuilder::Record(const Run& run, const Slot& s, size_t fixed_key_size,
                                                                 char (&scratch)[8 + 32]) {
  // Either way the 8 bytes before the key are the record's sizes, as a
  // run file stores them.
  if (fixed_key_size) {
    const uint32_t sizes[2] = {static_cast<uint32_t>(fixed_key_size), 0};
    std::memcpy(scratch, sizes, 8);
    for (int i = 0; i < 4; ++i) PutWord(s.words[i], scratch + 8 + 8 * i);
    return {std::string_view(scratch + 8, fixed_key_size), std::string_view()};
  }
  const char* p = run.buf.data() + s.words[3];
  uint32_t k = ReadU32(p), v = ReadU32(p + 4);
  return {std::string_view(p + 8, k), std::string_view(p + 8 + k, v)};
}

Status SstBuilder::WriteRun(Run* run, RunFile* file, size_t fixed_key_size) {
  SortRun(run, fixed_key_size);
  const std::string& path = file->path;
  std::FILE* f = std::fopen(path.c_str(), "wb");
  if (!f) return Status::IOError(path + ": cannot create a bulk-load run file");
  std::setvbuf(f, nullptr, _IOFBF, 1 << 20);
  bool ok = true;
  uint64_t written = 0;
  char scratch[8 + 32];
  for (size_t i = 0; i < run->slots.size(); ++i) {
    auto [key, value] = Record(*run, run->slots[i], fixed_key_size, scratch);
    if (i % kSampleEvery == 0) file->samples.emplace_back(std::string(key), written);
    // The record (sizes, key, value) is contiguous, in scratch or the buffer.
    const size_t n = 8 + key.size() + value.size();
    ok = ok && std::fwrite(key.data() - 8, 1, n, f) == n;
    written += n;
  }
  ok = (std::fclose(f) == 0) && ok;
  if (!ok) return Status::IOError(path + ": cannot write a bulk-load run file (disk full?)");
  run->buf.clear();
  run->slots.clear();
  return Status::OK();
}

Status SstBuilder::WriteChunk(Run* chunk) {
  const char* p = chunk->buf.data();
  const char* end = p + chunk->buf.size();
  while (p < end) {
    uint32_t k = ReadU32(p), v = ReadU32(p + 4);
    DYAD_RETURN_IF_ERROR(direct_->Put(std::string_view(p + 8, k), std::string_view(p + 8 + k, v)));
    p += 8 + k + v;
  }
  chunk->buf.clear();
  return Status::OK();
}

Status SstBuilder::HandOffChunk() {
  // One chunk is written while the next fills; chunks are written in order
  // because each waits for the one before.
  DYAD_RETURN_IF_ERROR(WaitForSpill());
  std::swap(run_, spilling_);
  spill_ = std::async(std::launch::async, [this] { return WriteChunk(&spilling_); });
  return Status::OK();
}

Status SstBuilder::WaitForSpill() { return spill_.valid() ? spill_.get() : Status::OK(); }

Status SstBuilder::SpillRun() {
  // Sorting and writing overlap with reading the input: the full run goes
  // to a background task while the next one fills.
  DYAD_RETURN_IF_ERROR(WaitForSpill());
  std::swap(run_, spilling_);
  runs_.push_back({dir_ + "/" + name_ + ".run" + std::to_string(runs_.size()), {}});
  // runs_ is a deque: the element stays put while the task fills it in.
  spill_ = std::async(std::launch::async,
                      [this, file = &runs_.back()] { return WriteRun(&spilling_, file, fixed_key_size_); });
  return Status::OK();
}

Status SstBuilder::WriteSorted(std::vector<std::string>* files) {
  SortRun(&run_, fixed_key_size_);
  TableWriter out(db_, cf_, dir_ + "/" + name_, files);
  char scratch[8 + 32];
  for (const Slot& s : run_.slots) {
    auto [key, value] = Record(run_, s, fixed_key_size_, scratch);
    DYAD_RETURN_IF_ERROR(out.Put(key, value));
  }
  run_ = Run();
  return out.Close();
}

Status SstBuilder::MergeRange(const std::string& lo, const std::string& hi, const std::string& part,
                              std::vector<std::string>* files) {
  std::vector<std::unique_ptr<RunReader>> readers;
  for (const auto& r : runs_) {
    auto reader = std::make_unique<RunReader>(r.path);
    if (!reader->ok()) return Status::IOError(r.path + ": cannot reopen a bulk-load run file");
    if (!lo.empty()) {
      // Start at the last sample before lo, then skip to lo.
      auto after = std::lower_bound(r.samples.begin(), r.samples.end(), lo,
                                    [](const auto& sample, const std::string& k) { return sample.first < k; });
      if (after != r.samples.begin() && !reader->Seek(std::prev(after)->second))
        return Status::IOError(r.path + ": cannot seek in a bulk-load run file");
    }
    readers.push_back(std::move(reader));
  }
  auto in_range = [&](RunReader* r) {
    while (r->Next()) {
      if (!lo.empty() && r->key() < lo) continue;
      return hi.empty() || r->key() < hi;
    }
    return false;
  };
  // Smallest key first; among equal keys the earlier run (first added) wins.
  auto greater = [&](size_t a, size_t b) {
    int c = readers[a]->key().compare(readers[b]->key());
    return c != 0 ? c > 0 : a > b;
  };
  std::priority_queue<size_t, std::vector<size_t>, decltype(greater)> heap(greater);
  for (size_t i = 0; i < readers.size(); ++i)
    if (in_range(readers[i].get())) heap.push(i);
  TableWriter out(db_, cf_, dir_ + "/" + name_ + part, files);
  while (!heap.empty()) {
    size_t i = heap.top();
    heap.pop();
    DYAD_RETURN_IF_ERROR(out.Put(readers[i]->key(), readers[i]->value()));
    if (in_range(readers[i].get())) heap.push(i);
  }
  return out.Close();
}

Status SstBuilder::MergeRuns(std::vector<std::string>* files) {
  std::vector<std::string> keys;
  for (const auto& r : runs_)
    for (const auto& sample : r.samples) keys.push_back(sample.first);
  std::sort(keys.begin(), keys.end());
  std::string split = keys.empty() ? "" : keys[keys.size() / 2];
  if (runs_.size() < kParallelMergeRuns || split.empty()) return MergeRange("", "", "", files);
  // Two threads, one per half of the key range; their tables do not overlap.
  std::vector<std::string> upper;
  auto second = std::async(std::launch::async, [&] { return MergeRange(split, "", ".hi", &upper); });
  Status first = MergeRange("", split, ".lo", files);
  Status s = second.get();
  DYAD_RETURN_IF_ERROR(first);
  DYAD_RETURN_IF_ERROR(s);
  files->insert(files->end(), upper.begin(), upper.end());
  return Status::OK();
}

Result<std::vector<std::string>> SstBuilder::Finish() {
  std::vector<std::string> files;
  if (direct_) {
    DYAD_RETURN_IF_ERROR(WaitForSpill());
    DYAD_RETURN_IF_ERROR(WriteChunk(&run_));
    DYAD_RETURN_IF_ERROR(direct_->Close());
    return direct_files_;
  }
  if (count_ == 0) return files;
  if (runs_.empty()) {
    DYAD_RETURN_IF_ERROR(WriteSorted(&files));
    return files;
  }
  if (!run_.slots.empty()) DYAD_RETURN_IF_ERROR(SpillRun());
  DYAD_RETURN_IF_ERROR(WaitForSpill());
  spilling_ = Run();
  run_ = Run();
  DYAD_RETURN_IF_ERROR(MergeRuns(&files));
  for (const auto& r : runs_) std::remove(r.path.c_str());
  runs_.clear();
  return files;
}

}  // namespace dyad::storage
