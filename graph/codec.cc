#include "graph/codec.h"

#include <cmath>
#include <cstring>

#include "graph/temporal.h"

namespace dyad {

namespace {

// Tags of the compact codec.
enum Tag : uint8_t {
  kTagNull = 0, kTagFalse, kTagTrue, kTagInt, kTagFloat, kTagString, kTagList,
  kTagMap, kTagDate, kTagDateTime, kTagDuration,
  // Nanosecond temporal values (any TimeKind, tz zone names); values that
  // fit the microsecond tags above keep using them.
  kTagDateTimeNanos, kTagDurationNanos,
};

// Splits microseconds into seconds and nanoseconds (in [0, 1e9)), without
// overflow for any int64 (a corrupt record's micros near INT64_MIN made
// seconds * 1e6 overflow).
void FromMicros(int64_t micros, int64_t* seconds, int32_t* nanos) {
  int64_t q = micros / 1'000'000, r = micros % 1'000'000;
  if (r < 0) {
    r += 1'000'000;
    --q;
  }
  *seconds = q;
  *nanos = static_cast<int32_t>(r * 1000);
}

// Joins seconds and nanoseconds into microseconds; false when that loses
// precision or overflows.
bool ToMicros(int64_t seconds, int32_t nanos, int64_t* micros) {
  return nanos % 1000 == 0 && !__builtin_mul_overflow(seconds, 1'000'000, micros) &&
         !__builtin_add_overflow(*micros, nanos / 1000, micros);
}

uint64_t ZigZag(int64_t v) { return (static_cast<uint64_t>(v) << 1) ^ static_cast<uint64_t>(v >> 63); }
int64_t UnZigZag(uint64_t v) { return static_cast<int64_t>(v >> 1) ^ -static_cast<int64_t>(v & 1); }

void PutString(std::string_view s, std::string* out) {
  PutVarint(s.size(), out);
  out->append(s);
}

bool GetString(std::string_view* in, std::string* s) {
  uint64_t n;
  if (!GetVarint(in, &n) || n > in->size()) return false;
  s->assign(in->data(), n);
  in->remove_prefix(n);
  return true;
}

bool GetSigned(std::string_view* in, int64_t* v) {
  uint64_t u;
  if (!GetVarint(in, &u)) return false;
  *v = UnZigZag(u);
  return true;
}

constexpr int kMaxDepth = 64;

Status Decode(std::string_view* in, Value* out, int depth) {
  if (depth > kMaxDepth) return Status::Corruption("value nesting too deep");
  if (in->empty()) return Status::Corruption("truncated value");
  uint8_t tag = static_cast<uint8_t>((*in)[0]);
  in->remove_prefix(1);
  switch (tag) {
    case kTagNull: *out = Value(); return Status::OK();
    case kTagFalse: *out = Value(false); return Status::OK();
    case kTagTrue: *out = Value(true); return Status::OK();
    case kTagInt: {
      int64_t v;
      if (!GetSigned(in, &v)) break;
      *out = Value(v);
      return Status::OK();
    }
    case kTagFloat: {
      if (in->size() < 8) break;
      uint64_t bits = DecodeFixed64BE(in->data());
      in->remove_prefix(8);
      double d;
      std::memcpy(&d, &bits, 8);
      *out = Value(d);
      return Status::OK();
    }
    case kTagString: {
      std::string s;
      if (!GetString(in, &s)) break;
      *out = Value(std::move(s));
      return Status::OK();
    }
    case kTagList: {
      uint64_t n;
      if (!GetVarint(in, &n) || n > in->size()) break;
      List list;
      list.reserve(n);
      for (uint64_t i = 0; i < n; ++i) {
        Value e;
        DYAD_RETURN_IF_ERROR(Decode(in, &e, depth + 1));
        list.push_back(std::move(e));
      }
      *out = Value(std::move(list));
      return Status::OK();
    }
    case kTagMap: {
      uint64_t n;
      if (!GetVarint(in, &n) || n > in->size()) break;
      Map map;
      for (uint64_t i = 0; i < n; ++i) {
        std::string k;
        if (!GetString(in, &k)) return Status::Corruption("truncated map key");
        Value e;
        DYAD_RETURN_IF_ERROR(Decode(in, &e, depth + 1));
        map.emplace(std::move(k), std::move(e));
      }
      *out = Value(std::move(map));
      return Status::OK();
    }
    case kTagDate: {
      int64_t d;
      if (!GetSigned(in, &d)) break;
      *out = Value(Date{d});
      return Status::OK();
    }
    case kTagDateTime: {
      int64_t micros, off;
      if (!GetSigned(in, &micros) || !GetSigned(in, &off)) break;
      DateTime dt;
      FromMicros(micros, &dt.seconds, &dt.nanos);
      dt.offset_seconds = static_cast<int32_t>(off);
      *out = Value(dt);
      return Status::OK();
    }
    case kTagDuration: {
      Duration d;
      int64_t micros;
      if (!GetSigned(in, &d.months) || !GetSigned(in, &d.days) || !GetSigned(in, &micros)) break;
      FromMicros(micros, &d.seconds, &d.nanos);
      *out = Value(d);
      return Status::OK();
    }
    case kTagDateTimeNanos: {
      int64_t secs, nanos, off, kind;
      std::string zone;
      if (!GetSigned(in, &secs) || !GetSigned(in, &nanos) || !GetSigned(in, &off) || !GetSigned(in, &kind) ||
          !GetString(in, &zone)) {
        break;
      }
      if (nanos < 0 || nanos >= 1'000'000'000 || kind < 0 || kind > 3) return Status::Corruption("bad datetime");
      DateTime dt{secs, static_cast<int32_t>(nanos), static_cast<int32_t>(off), 0, static_cast<TimeKind>(kind)};
      if (!zone.empty()) dt.zone = InternZone(zone);
      *out = Value(dt);
      return Status::OK();
    }
    case kTagDurationNanos: {
      Duration d;
      int64_t nanos;
      if (!GetSigned(in, &d.months) || !GetSigned(in, &d.days) || !GetSigned(in, &d.seconds) ||
          !GetSigned(in, &nanos)) {
        break;
      }
      if (nanos < 0 || nanos >= 1'000'000'000) return Status::Corruption("bad duration");
      d.nanos = static_cast<int32_t>(nanos);
      *out = Value(d);
      return Status::OK();
    }
    default:
      return Status::Corruption("unknown value tag " + std::to_string(tag));
  }
  return Status::Corruption("truncated value");
}

// Maps a double onto a u64 whose unsigned order is the numeric order
// (negative numbers flipped entirely, positives with the sign bit set).
uint64_t OrderedDoubleBits(double d) {
  if (d == 0) d = 0;  // -0.0 sorts with 0.0
  if (std::isnan(d)) return ~uint64_t{0};  // NaN after +Infinity, as in ORDER BY
  uint64_t bits;
  std::memcpy(&bits, &d, 8);
  return (bits & (uint64_t{1} << 63)) ? ~bits : bits | (uint64_t{1} << 63);
}

// Classes of the ordered key encoding, in ORDER BY order of their kinds.
enum KeyClass : uint8_t { kKeyDateTime = 0x10, kKeyDate = 0x20, kKeyDuration = 0x28,
                          kKeyString = 0x30, kKeyBool = 0x40, kKeyNumber = 0x50 };

}  // namespace

void PutVarint(uint64_t v, std::string* out) {
  while (v >= 0x80) {
    out->push_back(static_cast<char>(v | 0x80));
    v >>= 7;
  }
  out->push_back(static_cast<char>(v));
}

bool GetVarint(std::string_view* in, uint64_t* v) {
  uint64_t result = 0;
  for (int shift = 0; shift <= 63 && !in->empty(); shift += 7) {
    uint8_t byte = static_cast<uint8_t>((*in)[0]);
    in->remove_prefix(1);
    result |= static_cast<uint64_t>(byte & 0x7f) << shift;
    if (!(byte & 0x80)) {
      *v = result;
      return true;
    }
  }
  return false;
}

void PutFixed64BE(uint64_t v, std::string* out) {
  char buf[8];  // one append, not eight push_backs with their capacity checks
  for (int i = 0; i < 8; ++i) buf[i] = static_cast<char>(v >> ((7 - i) * 8));
  out->append(buf, 8);
}

void PutFixed32BE(uint32_t v, std::string* out) {
  char buf[4];
  for (int i = 0; i < 4; ++i) buf[i] = static_cast<char>(v >> ((3 - i) * 8));
  out->append(buf, 4);
}

uint64_t DecodeFixed64BE(const char* p) {
  uint64_t v = 0;
  for (int i = 0; i < 8; ++i) v = (v << 8) | static_cast<uint8_t>(p[i]);
  return v;
}

uint32_t DecodeFixed32BE(const char* p) {
  uint32_t v = 0;
  for (int i = 0; i < 4; ++i) v = (v << 8) | static_cast<uint8_t>(p[i]);
  return v;
}

Status EncodeValue(const Value& v, std::string* out) {
  switch (v.type()) {
    case ValueType::kNull: out->push_back(kTagNull); break;
    case ValueType::kBool: out->push_back(v.as_bool() ? kTagTrue : kTagFalse); break;
    case ValueType::kInt:
      out->push_back(kTagInt);
      PutVarint(ZigZag(v.as_int()), out);
      break;
    case ValueType::kFloat: {
      out->push_back(kTagFloat);
      uint64_t bits;
      double d = v.as_float();
      std::memcpy(&bits, &d, 8);
      PutFixed64BE(bits, out);
      break;
    }
    case ValueType::kString:
      out->push_back(kTagString);
      PutString(v.as_string(), out);
      break;
    case ValueType::kList:
      out->push_back(kTagList);
      PutVarint(v.as_list().size(), out);
      for (const Value& e : v.as_list()) DYAD_RETURN_IF_ERROR(EncodeValue(e, out));
      break;
    case ValueType::kMap:
      out->push_back(kTagMap);
      PutVarint(v.as_map().size(), out);
      for (const auto& [k, e] : v.as_map()) {
        PutString(k, out);
        DYAD_RETURN_IF_ERROR(EncodeValue(e, out));
      }
      break;
    case ValueType::kDate:
      out->push_back(kTagDate);
      PutVarint(ZigZag(v.as_date().days), out);
      break;
    case ValueType::kDateTime:
    {
      DateTime dt = v.as_datetime();
      int64_t micros;
      if (dt.kind == TimeKind::kDateTime && dt.zone == 0 && ToMicros(dt.seconds, dt.nanos, &micros)) {
        out->push_back(kTagDateTime);
        PutVarint(ZigZag(micros), out);
        PutVarint(ZigZag(dt.offset_seconds), out);
        break;
      }
      out->push_back(kTagDateTimeNanos);
      PutVarint(ZigZag(dt.seconds), out);
      PutVarint(ZigZag(dt.nanos), out);
      PutVarint(ZigZag(dt.offset_seconds), out);
      PutVarint(ZigZag(static_cast<int64_t>(dt.kind)), out);
      PutString(dt.zone ? ZoneName(dt.zone) : std::string(), out);
      break;
    }
    case ValueType::kDuration: {
      const Duration& d = v.as_duration();
      int64_t micros;
      bool fits = ToMicros(d.seconds, d.nanos, &micros);
      out->push_back(fits ? kTagDuration : kTagDurationNanos);
      PutVarint(ZigZag(d.months), out);
      PutVarint(ZigZag(d.days), out);
      if (fits) {
        PutVarint(ZigZag(micros), out);
      } else {
        PutVarint(ZigZag(d.seconds), out);
        PutVarint(ZigZag(d.nanos), out);
      }
      break;
    }
    case ValueType::kNode:
    case ValueType::kRel:
    case ValueType::kPath:
      return Status::TypeError("nodes, relationships and paths cannot be stored as property values");
  }
  return Status::OK();
}

Status DecodeValue(std::string_view* in, Value* out) { return Decode(in, out, 0); }

bool EncodeOrderedKey(const Value& v, std::string* out) {
  switch (v.type()) {
    case ValueType::kInt:
    case ValueType::kFloat: {
      out->push_back(kKeyNumber);
      PutFixed64BE(OrderedDoubleBits(v.as_number()), out);
      return true;
    }
    case ValueType::kString: {
      // 0x00 is escaped as 0x00 0xFF and the string ends with 0x00 0x01, so
      // a prefix sorts before its extensions and no string is a key prefix.
      out->push_back(kKeyString);
      // Copied in runs between zero bytes (most strings have none).
      std::string_view rest = v.as_string();
      for (size_t zero; (zero = rest.find('\0')) != std::string_view::npos; rest.remove_prefix(zero + 1)) {
        out->append(rest.data(), zero + 1);
        out->push_back('\xff');
      }
      out->append(rest.data(), rest.size());
      out->push_back('\0');
      out->push_back('\x01');
      return true;
    }
    case ValueType::kBool:
      out->push_back(kKeyBool);
      out->push_back(v.as_bool() ? 1 : 0);
      return true;
    case ValueType::kDate:
      out->push_back(kKeyDate);
      PutFixed64BE(static_cast<uint64_t>(v.as_date().days) ^ (uint64_t{1} << 63), out);
      return true;
    case ValueType::kDateTime: {
      // Datetimes keep the microsecond key (plus the nanoseconds below a
      // microsecond as a suffix when there are any); the other kinds have
      // a class each, keyed by seconds and nanoseconds.
      DateTime dt = v.as_datetime();
      if (dt.kind == TimeKind::kDateTime) {
        int64_t micros;
        if (!ToMicros(dt.seconds, dt.nanos - dt.nanos % 1000, &micros)) return false;
        out->push_back(kKeyDateTime);
        PutFixed64BE(static_cast<uint64_t>(micros) ^ (uint64_t{1} << 63), out);
        if (dt.nanos % 1000) {
          out->push_back(static_cast<char>(dt.nanos % 1000 >> 8));
          out->push_back(static_cast<char>(dt.nanos % 1000 & 0xff));
        }
        return true;
      }
      out->push_back(static_cast<char>(kKeyDateTime + static_cast<int>(dt.kind)));
      PutFixed64BE(static_cast<uint64_t>(dt.seconds) ^ (uint64_t{1} << 63), out);
      PutFixed64BE(static_cast<uint64_t>(dt.nanos), out);
      return true;
    }
    default:
      return false;
  }
}

bool IsOrderedString(std::string_view enc) { return !enc.empty() && enc[0] == kKeyString; }

bool DecodeOrderedString(std::string_view enc, std::string* out) {
  if (enc.size() < 3 || enc[0] != kKeyString || enc.substr(enc.size() - 2) != std::string_view("\0\x01", 2))
    return false;
  std::string_view body = enc.substr(1, enc.size() - 3);
  // Zero bytes come escaped as 0x00 0xFF; anything else after one is malformed.
  for (size_t zero; (zero = body.find('\0')) != std::string_view::npos; body.remove_prefix(zero + 2)) {
    if (zero + 1 >= body.size() || body[zero + 1] != '\xff') return false;
    out->append(body.data(), zero + 1);
  }
  out->append(body.data(), body.size());
  return true;
}

}  // namespace dyad
