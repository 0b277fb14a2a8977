// A hash for unordered containers keyed by std::string that also accepts
// std::string_view (with std::equal_to<>): a lookup copies no text.
#pragma once

#include <functional>
#include <string_view>

namespace dyad {

// Hashes std::string and std::string_view alike (heterogeneous lookup).
struct TransparentStringHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const { return std::hash<std::string_view>()(s); }
};

}  // namespace dyad
