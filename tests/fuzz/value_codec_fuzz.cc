// Fuzzes the binary value codec: decoding arbitrary bytes (a corrupt record)
// must fail cleanly or give a value that re-encodes to a stable form; every
// decoded value must also survive the ordered key encoding, hashing,
// ordering and the tagged JSON writer and reader.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include <rapidjson/document.h>

#include "graph/codec.h"
#include "graph/json_value.h"
#include "graph/json_writer.h"

namespace {

void Check(bool ok) {
  if (!ok) __builtin_trap();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view in(reinterpret_cast<const char*>(data), size);
  // Varints alone: never read past the end.
  {
    std::string_view v = in;
    uint64_t x;
    while (dyad::GetVarint(&v, &x)) {
    }
  }
  dyad::Value value;
  dyad::Status s = dyad::DecodeValue(&in, &value);
  if (!s.ok()) {
    Check(s.code() == dyad::Status::Code::kCorruption);
    return 0;
  }
  // Round trip: encode, decode, encode again gives the same bytes.
  std::string enc1, enc2;
  Check(dyad::EncodeValue(value, &enc1).ok());
  std::string_view rest = enc1;
  dyad::Value again;
  Check(dyad::DecodeValue(&rest, &again).ok());
  Check(rest.empty());
  Check(dyad::EncodeValue(again, &enc2).ok());
  Check(enc1 == enc2);

  std::string key;
  (void)dyad::EncodeOrderedKey(value, &key);
  (void)dyad::HashValue(value);
  Check(dyad::CompareForOrder(value, again) == 0);

  // Tagged JSON: always valid JSON, and it reads back (or names the problem).
  rapidjson::StringBuffer buf;
  dyad::JsonWriter w(buf);
  dyad::JsonValueWriter(&w).Write(value);
  rapidjson::Document doc;
  doc.Parse(buf.GetString(), buf.GetSize());
  Check(!doc.HasParseError());
  dyad::Value from_json;
  (void)dyad::ValueFromJson(doc, &from_json);
  return 0;
}
