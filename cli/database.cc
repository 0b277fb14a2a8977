#include "cli/database.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>

#include "fixtures/embedded.h"
#include "storage/import/loader.h"

namespace dyad::cli {

namespace fs = std::filesystem;

std::string DefaultDbPath() {
  const char* xdg = std::getenv("XDG_DATA_HOME");
  fs::path base;
  if (xdg && *xdg) {
    base = xdg;
  } else {
    const char* home = std::getenv("HOME");
    base = fs::path(home && *home ? home : ".") / ".local" / "share";
  }
  return (base / "dyad" / "default").string();
}

namespace {

// Holds an exclusive flock on a file while alive.
class FileLock {
 public:
  explicit FileLock(const std::string& path) : fd_(open(path.c_str(), O_RDWR | O_CREAT, 0644)) {
    if (fd_ >= 0) flock(fd_, LOCK_EX);
  }
  ~FileLock() {
    if (fd_ >= 0) close(fd_);
  }
  bool ok() const { return fd_ >= 0; }

 private:
  int fd_;
};

// True when the default database exists and was built from these fixtures.
bool DefaultIsCurrent(const std::string& path, const std::string& digest) {
  std::error_code ec;
  if (!fs::exists(fs::path(path) / "CURRENT", ec)) return false;
  storage::StoreOptions o;
  o.read_only = true;
  auto store = storage::GraphStore::Open(path, o);
  return store.ok() && (*store)->GetMeta(storage::kMetaFixtureHash) == digest;
}

Status BuildDefault(const std::string& path, const std::string& digest) {
  std::string tmp = path + ".building";
  std::error_code ec;
  fs::remove_all(tmp, ec);
  {
    storage::StoreOptions o;
    DYAD_ASSIGN_OR_RETURN(auto store, storage::GraphStore::Open(tmp, o));
    std::vector<storage::TextInput> inputs;
    for (const auto& f : fixtures::Files())
      inputs.push_back({std::string("fixtures/data/") + f.name, std::string(f.begin, f.end)});
    auto stats = storage::LoadTexts(store.get(), inputs);
    if (!stats.ok()) return Status::Internal("the embedded fixtures do not load: " + stats.status().message());
    DYAD_RETURN_IF_ERROR(store->PutMeta(storage::kMetaFixtureHash, digest));
  }
  std::string old = path + ".old";
  fs::remove_all(old, ec);
  if (fs::exists(path, ec)) fs::rename(path, old, ec);
  if (ec) return Status::IOError("cannot move aside " + path + ": " + ec.message());
  fs::rename(tmp, path, ec);
  if (ec) return Status::IOError("cannot move " + tmp + " into place: " + ec.message());
  fs::remove_all(old, ec);
  return Status::OK();
}

}  // namespace

Result<std::unique_ptr<storage::GraphStore>> OpenDatabase(const GlobalOptions& g, bool read_only,
                                                          size_t cache_entries) {
  storage::StoreOptions o;
  o.sync = g.sync;
  o.adj_cache_entries = cache_entries;
  std::string path = g.db;
  if (path.empty()) {
    const char* env = std::getenv("DYAD_DB");
    if (env && *env) path = env;
  }
  if (!path.empty()) {
    o.read_only = false;  // a read-only open would fail on a store in use; plain open is cheap
    o.create_if_missing = !read_only;
    std::error_code ec;
    if (read_only && !fs::exists(fs::path(path) / "CURRENT", ec))
      return Status::NotFound("no dyad database at " + path + " (create one with `dyad --db " + path + " load FILE`)");
    return storage::GraphStore::Open(path, o);
  }
  path = DefaultDbPath();
  std::error_code ec;
  fs::create_directories(fs::path(path).parent_path(), ec);
  if (ec) return Status::IOError("cannot create " + fs::path(path).parent_path().string() + ": " + ec.message());
  std::string digest = fixtures::Digest();
  {
    FileLock lock(path + ".lock");
    if (!lock.ok()) return Status::IOError("cannot lock " + path + ".lock");
    if (!DefaultIsCurrent(path, digest)) DYAD_RETURN_IF_ERROR(BuildDefault(path, digest));
  }
  return storage::GraphStore::Open(path, o);
}

}  // namespace dyad::cli
