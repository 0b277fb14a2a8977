#include "storage/dictionary.h"

#include <memory>
#include <mutex>

#include <rocksdb/db.h>
#include <rocksdb/write_batch_base.h>

#include "graph/codec.h"

namespace dyad::storage {

Status Dictionary::Load(rocksdb::DB* db, rocksdb::ColumnFamilyHandle* cf) {
  std::unique_lock lock(mu_);
  std::unique_ptr<rocksdb::Iterator> it(db->NewIterator(rocksdb::ReadOptions(), cf));
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    rocksdb::Slice k = it->key();
    if (k.size() < 2 || k[1] != 'i') continue;
    if (k.size() != 6) return Status::Corruption("bad dictionary key");
    NameKind kind = static_cast<NameKind>(k[0]);
    uint32_t id = DecodeFixed32BE(k.data() + 2);
    Table& t = table(kind);
    if (t.by_id.size() <= id) {
      t.by_id.resize(id + 1);
      t.persisted.resize(id + 1, true);
    }
    t.by_id[id] = it->value().ToString();
    t.by_name[t.by_id[id]] = id;
  }
  if (!it->status().ok()) return Status::IOError(it->status().ToString());
  return Status::OK();
}

std::optional<uint32_t> Dictionary::Find(NameKind kind, std::string_view name) const {
  std::shared_lock lock(mu_);
  const Table& t = table(kind);
  auto it = t.by_name.find(std::string(name));
  if (it == t.by_name.end()) return std::nullopt;
  return it->second;
}

std::string Dictionary::Name(NameKind kind, uint32_t id) const {
  std::shared_lock lock(mu_);
  const Table& t = table(kind);
  return id < t.by_id.size() ? t.by_id[id] : std::string();
}

std::vector<std::pair<uint32_t, std::string>> Dictionary::All(NameKind kind) const {
  std::shared_lock lock(mu_);
  std::vector<std::pair<uint32_t, std::string>> out;
  const Table& t = table(kind);
  for (uint32_t i = 1; i < t.by_id.size(); ++i)
    if (!t.by_id[i].empty()) out.emplace_back(i, t.by_id[i]);
  return out;
}

uint32_t Dictionary::Intern(NameKind kind, std::string_view name, rocksdb::WriteBatchBase* batch,
                            rocksdb::ColumnFamilyHandle* cf, bool* fresh) {
  std::unique_lock lock(mu_);
  Table& t = table(kind);
  std::string key(name);
  auto it = t.by_name.find(key);
  uint32_t id;
  if (it != t.by_name.end()) {
    id = it->second;
    *fresh = !t.persisted[id];
  } else {
    id = static_cast<uint32_t>(t.by_id.size());
    t.by_id.push_back(key);
    t.persisted.push_back(false);
    t.by_name.emplace(key, id);
    *fresh = true;
  }
  if (*fresh) {
    std::string idval;
    PutFixed32BE(id, &idval);
    batch->Put(cf, DictNameKey(kind, name), idval);
    batch->Put(cf, DictIdKey(kind, id), key);
  }
  return id;
}

void Dictionary::MarkPersisted(NameKind kind, const std::vector<uint32_t>& ids) {
  std::unique_lock lock(mu_);
  Table& t = table(kind);
  for (uint32_t id : ids)
    if (id < t.persisted.size()) t.persisted[id] = true;
}

}  // namespace dyad::storage
