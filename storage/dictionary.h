// Dictionary: interns label, relationship-type and property-key names as
// small integer ids, in memory and in the `dict` column family.
#pragma once

#include <cstdint>
#include <optional>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "graph/status.h"
#include "storage/keys.h"

namespace rocksdb {
class DB;
class ColumnFamilyHandle;
class WriteBatchBase;
}  // namespace rocksdb

namespace dyad::storage {

// The name ↔ id maps of one store. Safe for concurrent use.
class Dictionary {
 public:
  // Loads every entry of the dict column family.
  Status Load(rocksdb::DB* db, rocksdb::ColumnFamilyHandle* cf);

  // The id of name, if it has one.
  std::optional<uint32_t> Find(NameKind kind, std::string_view name) const;
  // The name of id ("" when unknown).
  std::string Name(NameKind kind, uint32_t id) const;
  // Every (id, name) of a kind, ordered by id.
  std::vector<std::pair<uint32_t, std::string>> All(NameKind kind) const;

  // Returns the id of name, allocating one when it is new. Entries not yet
  // known to be on disk are (re)written into batch, so a transaction that
  // commits always persists the names it uses; *fresh says so.
  uint32_t Intern(NameKind kind, std::string_view name, rocksdb::WriteBatchBase* batch,
                  rocksdb::ColumnFamilyHandle* cf, bool* fresh);
  // Records that the given ids reached disk.
  void MarkPersisted(NameKind kind, const std::vector<uint32_t>& ids);

 private:
  struct Table {
    std::unordered_map<std::string, uint32_t> by_name;
    std::vector<std::string> by_id{""};  // id 0 is reserved
    std::vector<bool> persisted{true};
  };
  Table& table(NameKind kind) { return tables_[Index(kind)]; }
  const Table& table(NameKind kind) const { return tables_[Index(kind)]; }
  static int Index(NameKind kind) { return kind == NameKind::kLabel ? 0 : kind == NameKind::kType ? 1 : 2; }

  mutable std::shared_mutex mu_;
  Table tables_[3];
};

}  // namespace dyad::storage
