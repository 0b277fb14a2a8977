// Finding a node the way a person names it: by key, name or alias.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "storage/transaction.h"

namespace dyad::storage {

// The node whose key is text, else whose name is text, else one of whose
// aliases is text (the global indexes); nullopt when none is.
std::optional<uint64_t> LookupNode(Transaction* txn, const std::string& text);

}  // namespace dyad::storage
