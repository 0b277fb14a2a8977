// The binary value codec (compact, for records) and the order-preserving key
// encoding (for index keys, so that byte order equals value order).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "graph/status.h"
#include "graph/value.h"

namespace dyad {

// Appends v as an unsigned LEB128 varint.
void PutVarint(uint64_t v, std::string* out);
// Reads a varint from the front of *in, advancing it; false when truncated.
bool GetVarint(std::string_view* in, uint64_t* v);
// Appends v big-endian (8 bytes).
void PutFixed64BE(uint64_t v, std::string* out);
// Appends v big-endian (4 bytes).
void PutFixed32BE(uint32_t v, std::string* out);
// Reads a big-endian u64 at p (8 bytes available).
uint64_t DecodeFixed64BE(const char* p);
// Reads a big-endian u32 at p (4 bytes available).
uint32_t DecodeFixed32BE(const char* p);

// Appends the compact binary form of a property value. Node, relationship and
// path references are query-only values and are rejected.
Status EncodeValue(const Value& v, std::string* out);
// Decodes one value from the front of *in, advancing it.
Status DecodeValue(std::string_view* in, Value* out);

// Appends the order-preserving encoding of a scalar, used inside index keys:
// for values a, b of one kind class, memcmp(enc(a), enc(b)) has the sign of
// CompareForOrder(a, b). Numbers share one class (1 and 1.0 encode alike,
// which is what equality seeks want). Returns false for values that are not
// indexable (null, lists, maps, references).
bool EncodeOrderedKey(const Value& v, std::string* out);
// True when enc is (or starts like) a string's EncodeOrderedKey.
bool IsOrderedString(std::string_view enc);
// When enc is exactly one string's EncodeOrderedKey, appends the string to
// *out and returns true; false for another kind or a malformed encoding.
bool DecodeOrderedString(std::string_view enc, std::string* out);

}  // namespace dyad
