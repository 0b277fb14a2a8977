#include "graph/json_value.h"

#include <cmath>
#include <cstdlib>
#include <limits>

namespace dyad {

namespace {

constexpr int kMaxDepth = 64;

Status Convert(const rapidjson::Value& j, Value* out, int depth) {
  if (depth > kMaxDepth) return Status::InvalidArgument("JSON value nested deeper than 64 levels");
  switch (j.GetType()) {
    case rapidjson::kNullType: *out = Value(); return Status::OK();
    case rapidjson::kFalseType: *out = Value(false); return Status::OK();
    case rapidjson::kTrueType: *out = Value(true); return Status::OK();
    case rapidjson::kStringType: *out = Value(std::string(j.GetString(), j.GetStringLength())); return Status::OK();
    case rapidjson::kNumberType:
      if (j.IsInt64()) {
        *out = Value(j.GetInt64());
      } else if (j.IsUint64()) {
        return Status::InvalidArgument("integer " + std::to_string(j.GetUint64()) + " is outside the 64-bit range");
      } else {
        *out = Value(j.GetDouble());
      }
      return Status::OK();
    case rapidjson::kArrayType: {
      List list;
      list.reserve(j.Size());
      for (const auto& e : j.GetArray()) {
        Value v;
        DYAD_RETURN_IF_ERROR(Convert(e, &v, depth + 1));
        list.push_back(std::move(v));
      }
      *out = Value(std::move(list));
      return Status::OK();
    }
    case rapidjson::kObjectType: {
      if (j.MemberCount() == 1) {
        const auto& m = *j.MemberBegin();
        std::string tag(m.name.GetString(), m.name.GetStringLength());
        if (!tag.empty() && tag[0] == '~') {
          if (!m.value.IsString()) return Status::InvalidArgument("tagged value " + tag + " needs a string");
          std::string s = m.value.GetString();
          if (tag == "~date") {
            Date d;
            if (!ParseIsoDate(s, &d)) return Status::InvalidArgument("invalid date '" + s + "' (want YYYY-MM-DD)");
            *out = Value(d);
          } else if (tag == "~datetime") {
            DateTime d;
            if (!ParseIsoDateTime(s, &d)) return Status::InvalidArgument("invalid datetime '" + s + "'");
            *out = Value(d);
          } else if (tag == "~duration") {
            Duration d;
            if (!ParseIsoDuration(s, &d)) return Status::InvalidArgument("invalid duration '" + s + "'");
            *out = Value(d);
          } else if (tag == "~float") {
            if (s == "NaN") *out = Value(std::nan(""));
            else if (s == "Infinity") *out = Value(std::numeric_limits<double>::infinity());
            else if (s == "-Infinity") *out = Value(-std::numeric_limits<double>::infinity());
            else return Status::InvalidArgument("invalid ~float '" + s + "'");
          } else {
            return Status::InvalidArgument("unknown value tag '" + tag + "'");
          }
          return Status::OK();
        }
      }
      Map map;
      for (const auto& m : j.GetObject()) {
        Value v;
        DYAD_RETURN_IF_ERROR(Convert(m.value, &v, depth + 1));
        map[std::string(m.name.GetString(), m.name.GetStringLength())] = std::move(v);
      }
      *out = Value(std::move(map));
      return Status::OK();
    }
  }
  return Status::InvalidArgument("unsupported JSON value");
}

// Reads digits at s[*i...] into *v; returns the count read.
int ReadInt(const std::string& s, size_t* i, int64_t* v) {
  int n = 0;
  *v = 0;
  while (*i < s.size() && s[*i] >= '0' && s[*i] <= '9' && n < 18) {
    *v = *v * 10 + (s[*i] - '0');
    ++*i;
    ++n;
  }
  return n;
}

}  // namespace

Status ValueFromJson(const rapidjson::Value& json, Value* out) { return Convert(json, out, 0); }

bool ParseIsoDuration(const std::string& s, Duration* out) {
  size_t i = 0;
  bool neg = false;
  if (i < s.size() && s[i] == '-') { neg = true; ++i; }
  if (i >= s.size() || s[i] != 'P') return false;
  ++i;
  Duration d;
  int64_t micros = 0;  // the time part
  bool in_time = false, any = false;
  while (i < s.size()) {
    if (s[i] == 'T') { in_time = true; ++i; continue; }
    int64_t whole;
    bool vneg = false;
    if (s[i] == '-') { vneg = true; ++i; }
    if (!ReadInt(s, &i, &whole)) return false;
    int64_t frac_micros = 0;
    if (i < s.size() && (s[i] == '.' || s[i] == ',')) {
      ++i;
      int64_t scale = 100000;
      while (i < s.size() && s[i] >= '0' && s[i] <= '9') {
        frac_micros += (s[i] - '0') * scale;
        scale /= 10;
        ++i;
      }
    }
    if (i >= s.size()) return false;
    if (vneg) { whole = -whole; frac_micros = -frac_micros; }
    char unit = s[i++];
    any = true;
    // *acc += whole * scale + frac, false on overflow (hostile input).
    auto add = [whole](int64_t* acc, int64_t scale, int64_t frac) {
      int64_t v;
      return !__builtin_mul_overflow(whole, scale, &v) && !__builtin_add_overflow(v, frac, &v) &&
             !__builtin_add_overflow(*acc, v, acc) && *acc != std::numeric_limits<int64_t>::min();
    };
    bool ok;
    if (!in_time && unit == 'Y') ok = add(&d.months, 12, 0);
    else if (!in_time && unit == 'M') ok = add(&d.months, 1, 0);
    else if (!in_time && unit == 'W') ok = add(&d.days, 7, 0);
    else if (!in_time && unit == 'D') ok = add(&d.days, 1, 0);
    else if (in_time && unit == 'H') ok = add(&micros, 3600000000LL, frac_micros * 3600);
    else if (in_time && unit == 'M') ok = add(&micros, 60000000LL, frac_micros * 60);
    else if (in_time && unit == 'S') ok = add(&micros, 1000000LL, frac_micros);
    else return false;
    if (!ok) return false;
  }
  if (!any) return false;
  if (neg) { d.months = -d.months; d.days = -d.days; micros = -micros; }
  // Floor division without computing seconds * 1e6, which overflowed for
  // micros near INT64_MIN (value_codec_fuzz).
  int64_t q = micros / 1000000, r = micros % 1000000;
  if (r < 0) { r += 1000000; --q; }
  d.seconds = q;
  d.nanos = static_cast<int32_t>(r * 1000);
  *out = d;
  return true;
}

bool ParseIsoDateTime(const std::string& s, DateTime* out) {
  size_t t = s.find('T');
  if (t == std::string::npos) return false;
  Date date;
  if (!ParseIsoDate(s.substr(0, t), &date)) return false;
  size_t i = t + 1;
  int64_t h = 0, m = 0, sec = 0, micros = 0;
  if (ReadInt(s, &i, &h) != 2) return false;
  if (i < s.size() && s[i] == ':') { ++i; if (ReadInt(s, &i, &m) != 2) return false; }
  if (i < s.size() && s[i] == ':') { ++i; if (ReadInt(s, &i, &sec) != 2) return false; }
  if (i < s.size() && s[i] == '.') {
    ++i;
    int64_t scale = 100000;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') { micros += (s[i] - '0') * scale; scale /= 10; ++i; }
  }
  if (h > 23 || m > 59 || sec > 59) return false;
  int64_t offset = 0;
  if (i < s.size()) {
    if (s[i] == 'Z') { ++i; }
    else if (s[i] == '+' || s[i] == '-') {
      int sign = s[i] == '-' ? -1 : 1;
      ++i;
      int64_t oh = 0, om = 0;
      if (ReadInt(s, &i, &oh) != 2) return false;
      if (i < s.size() && s[i] == ':') ++i;
      ReadInt(s, &i, &om);
      if (oh > 23 || om > 59) return false;  // 18 digits of minutes overflowed
      offset = sign * (oh * 3600 + om * 60);
    } else {
      return false;
    }
  }
  if (i != s.size()) return false;
  // In seconds, not microseconds, and checked: no date can overflow it.
  int64_t secs;
  if (__builtin_mul_overflow(date.days, int64_t{86400}, &secs) ||
      __builtin_add_overflow(secs, h * 3600 + m * 60 + sec - offset, &secs))
    return false;
  *out = DateTime{};
  out->seconds = secs;
  out->nanos = static_cast<int32_t>(micros * 1000);
  out->offset_seconds = static_cast<int32_t>(offset);
  return true;
}

}  // namespace dyad
