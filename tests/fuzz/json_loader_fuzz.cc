// Fuzzes the JSON graph file reader ({"nodes": [...], "edges": [...]}):
// any bytes give elements or an error naming the line, never a crash.
#include <cstddef>
#include <cstdint>
#include <string>

#include "storage/import/element.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  size_t n = 0;
  dyad::Status s = dyad::storage::ReadJsonText("fuzz.json", text, [&](dyad::storage::Element&& e) {
    // What the loader relies on: nodes have a key and labels, edges a type
    // and both ends.
    if (e.is_node ? (e.key.empty() || e.labels.empty()) : (e.type.empty() || e.from.empty() || e.to.empty()))
      __builtin_trap();
    ++n;
    return dyad::Status::OK();
  });
  if (!s.ok() && s.message().rfind("fuzz.json:", 0) != 0) __builtin_trap();
  return 0;
}
