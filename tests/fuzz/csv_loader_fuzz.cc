// Fuzzes the neo4j-admin CSV reader (header, quoting, typed and array
// columns): any bytes give elements or an error naming the line.
#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>

#include "storage/import/element.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::istringstream in(std::string(reinterpret_cast<const char*>(data), size));
  dyad::Status s = dyad::storage::ReadCsvStream("fuzz.csv", in, [&](dyad::storage::Element&& e) {
    if (e.is_node ? (e.key.empty() || e.labels.empty()) : (e.type.empty() || e.from.empty() || e.to.empty()))
      __builtin_trap();
    return dyad::Status::OK();
  }, nullptr);
  if (!s.ok() && s.message().rfind("fuzz.csv:", 0) != 0) __builtin_trap();
  return 0;
}
