#include "storage/lookup.h"

namespace dyad::storage {

std::optional<uint64_t> LookupNode(Transaction* txn, const std::string& text) {
  if (auto id = txn->FindNodeByKey(text)) return id;
  Value v(text);
  for (const char* prop : {"name", "aliases"}) {
    auto key = txn->KeyId(prop);
    if (!key) continue;
    auto c = txn->IndexSeek(kGlobalLabel, *key, &v, true, &v, true);
    if (c->Valid()) return c->node_id();
  }
  return std::nullopt;
}

}  // namespace dyad::storage
