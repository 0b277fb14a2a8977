// Time zones: fixed offsets and tz database zones read from the system's
// compiled zoneinfo files (TZif, RFC 8536). Only the transition table is
// used: past its last entry (2037 in "fat" files) the last offset holds.
#include <algorithm>
#include <cctype>
#include <fstream>
#include <map>
#include <mutex>
#include <sstream>
#include <vector>

#include "query/functions/temporal_util.h"

namespace dyad::query::temporal {

// The offsets of one tz database zone over time.
class TzRules {
 public:
  int32_t initial = 0;              // before the first transition
  std::vector<int64_t> at;          // transition instants (UTC seconds), ascending
  std::vector<int32_t> offset;      // offset in force from at[i]
  std::vector<int64_t> local_from;  // wall-clock start of the ambiguous window of at[i]

  // The offset in force at a UTC instant.
  int32_t OffsetAt(int64_t utc) const {
    size_t i = std::upper_bound(at.begin(), at.end(), utc) - at.begin();
    return i == 0 ? initial : offset[i - 1];
  }

  // The offset for a wall-clock time (seconds): the offset before a
  // transition inside its gap or overlap, otherwise the one in force.
  int32_t OffsetForLocal(int64_t local) const {
    size_t i = std::upper_bound(local_from.begin(), local_from.end(), local) - local_from.begin();
    if (i == 0) return initial;
    --i;
    int32_t before = i == 0 ? initial : offset[i - 1], after = offset[i];
    return local < at[i] + std::max(before, after) ? before : after;
  }
};

namespace {

uint32_t Be32(const std::string& d, size_t p) {
  return (uint32_t{static_cast<unsigned char>(d[p])} << 24) | (uint32_t{static_cast<unsigned char>(d[p + 1])} << 16) |
         (uint32_t{static_cast<unsigned char>(d[p + 2])} << 8) | uint32_t{static_cast<unsigned char>(d[p + 3])};
}

int64_t Be64(const std::string& d, size_t p) {
  return static_cast<int64_t>((uint64_t{Be32(d, p)} << 32) | Be32(d, p + 4));
}

// Parses a TZif file; null when it is malformed.
std::shared_ptr<TzRules> ParseTzif(const std::string& d) {
  if (d.size() < 44 || d.compare(0, 4, "TZif") != 0) return nullptr;
  size_t base = 0;
  size_t time_size = 4;
  for (int pass = 0; pass < 2; ++pass) {
    if (base + 44 > d.size()) return nullptr;
    uint32_t isut = Be32(d, base + 20), isstd = Be32(d, base + 24), leap = Be32(d, base + 28);
    uint32_t timecnt = Be32(d, base + 32), typecnt = Be32(d, base + 36), charcnt = Be32(d, base + 40);
    size_t body = size_t{timecnt} * time_size + timecnt + size_t{typecnt} * 6 + charcnt +
                  size_t{leap} * (time_size + 4) + isstd + isut;
    if (typecnt == 0 || base + 44 + body > d.size()) return nullptr;
    if (pass == 0 && d[4] >= '2') {  // skip the 32-bit block, read the 64-bit one
      base += 44 + body;
      time_size = 8;
      continue;
    }
    auto rules = std::make_shared<TzRules>();
    size_t p = base + 44, idx = p + size_t{timecnt} * time_size, types = idx + timecnt;
    auto utoff = [&](size_t t) { return static_cast<int32_t>(Be32(d, types + t * 6)); };
    rules->initial = utoff(0);
    for (uint32_t k = 0; k < timecnt; ++k) {
      unsigned t = static_cast<unsigned char>(d[idx + k]);
      if (t >= typecnt) return nullptr;
      int64_t when = time_size == 8 ? Be64(d, p + k * 8) : static_cast<int32_t>(Be32(d, p + k * 4));
      int32_t before = rules->offset.empty() ? rules->initial : rules->offset.back();
      rules->at.push_back(when);
      rules->offset.push_back(utoff(t));
      rules->local_from.push_back(when + std::min(before, utoff(t)));
    }
    return rules;
  }
  return nullptr;
}

bool ValidZoneName(const std::string& name) {
  if (name.empty() || name.size() > 64 || name[0] == '/' || name.find("..") != std::string::npos) return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '/' || c == '_' || c == '-' || c == '+';
  });
}

Status BadZone(std::string_view text) {
  return Status::ArgumentError("invalid time zone '" + std::string(text) + "'");
}

// Parses +HH, +HHMM, +HH:MM, +HHMMSS, +HH:MM:SS (also one-digit hours).
bool ParseOffset(std::string_view s, int32_t* out) {
  if (s.size() < 2 || (s[0] != '+' && s[0] != '-')) return false;
  std::string_view rest = s.substr(1);
  auto all_digits = [](std::string_view v) {
    return !v.empty() && std::all_of(v.begin(), v.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); });
  };
  auto num = [](std::string_view v) { return v.size() == 1 ? v[0] - '0' : (v[0] - '0') * 10 + (v[1] - '0'); };
  int parts[3] = {0, 0, 0};
  if (rest.find(':') != std::string_view::npos) {
    // Colon-separated: H or HH, then MM and optionally SS.
    size_t n = 0;
    while (true) {
      size_t colon = rest.find(':');
      std::string_view part = rest.substr(0, colon);
      bool ok = all_digits(part) && (part.size() == 2 || (n == 0 && part.size() == 1));
      if (!ok || n == 3) return false;
      parts[n++] = num(part);
      if (colon == std::string_view::npos) break;
      rest = rest.substr(colon + 1);
    }
    if (n < 2) return false;
  } else {
    if (!all_digits(rest) || (rest.size() > 2 && rest.size() != 4 && rest.size() != 6)) return false;
    for (size_t k = 0, n = 0; k < rest.size(); k += 2, ++n) parts[n] = num(rest.substr(k, rest.size() == 1 ? 1 : 2));
  }
  int h = parts[0], m = parts[1], sec = parts[2];
  if (h > 18 || m > 59 || sec > 59 || h * 3600 + m * 60 + sec > 18 * 3600) return false;
  *out = (s[0] == '-' ? -1 : 1) * (h * 3600 + m * 60 + sec);
  return true;
}

}  // namespace

std::shared_ptr<const TzRules> LoadTzRules(const std::string& name) {
  static std::mutex mu;
  static std::map<std::string, std::shared_ptr<const TzRules>> cache;
  if (!ValidZoneName(name)) return nullptr;
  std::lock_guard<std::mutex> lock(mu);
  auto it = cache.find(name);
  if (it != cache.end()) return it->second;
  std::ifstream in("/usr/share/zoneinfo/" + name, std::ios::binary);
  std::shared_ptr<const TzRules> rules;
  if (in) {
    std::stringstream buf;
    buf << in.rdbuf();
    std::string data = buf.str();
    if (data.size() < (1 << 20)) rules = ParseTzif(data);
  }
  if (rules || cache.size() < 1000) cache[name] = rules;
  return rules;
}

Status ParseZone(std::string_view text, Zone* zone) {
  *zone = Zone();
  if (text == "Z" || text == "z") return Status::OK();
  if (!text.empty() && (text[0] == '+' || text[0] == '-')) {
    if (!ParseOffset(text, &zone->fixed)) return BadZone(text);
    return Status::OK();
  }
  zone->name = std::string(text);
  zone->named = LoadTzRules(zone->name);
  if (!zone->named) return BadZone(text);
  return Status::OK();
}

int32_t OffsetAt(const Zone& zone, int64_t utc_seconds) {
  return zone.named ? zone.named->OffsetAt(utc_seconds) : zone.fixed;
}

int32_t OffsetForLocal(const Zone& zone, LocalDateTime local) {
  if (!zone.named) return zone.fixed;
  return zone.named->OffsetForLocal(local.days * kSecondsPerDay + local.tod / kNanosPerSecond);
}

bool FromLocalInZone(LocalDateTime local, const Zone& zone, DateTime* out) {
  if (!FromLocal(local, OffsetForLocal(zone, local), out)) return false;
  out->offset_seconds = OffsetAt(zone, out->seconds);
  if (zone.named) out->zone = InternZone(zone.name);
  return true;
}

}  // namespace dyad::query::temporal
