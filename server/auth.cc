#include "server/auth.h"

#include <cctype>
#include <cstdint>

namespace dyad::server {

namespace {

// Decodes standard base64 ("" on malformed input).
std::string DecodeBase64(std::string_view in) {
  auto value = [](char c) -> int {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '+') return 62;
    if (c == '/') return 63;
    return -1;
  };
  std::string out;
  uint32_t acc = 0;
  int bits = 0;
  for (char c : in) {
    if (c == '=') break;
    int v = value(c);
    if (v < 0) return "";
    acc = (acc << 6) | static_cast<uint32_t>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<char>((acc >> bits) & 0xff));
    }
  }
  return out;
}

bool StartsWithNoCase(std::string_view s, std::string_view prefix) {
  if (s.size() < prefix.size()) return false;
  for (size_t i = 0; i < prefix.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(s[i])) != std::tolower(static_cast<unsigned char>(prefix[i])))
      return false;
  return true;
}

}  // namespace

bool ConstantTimeEquals(std::string_view a, std::string_view b) {
  volatile unsigned char diff = a.size() == b.size() ? 0 : 1;
  for (size_t i = 0; i < b.size(); ++i) {
    unsigned char x = i < a.size() ? static_cast<unsigned char>(a[i]) : 0;
    diff = diff | (x ^ static_cast<unsigned char>(b[i]));
  }
  return diff == 0 && !b.empty();
}

Credential CheckAuthorization(const std::string& header, const std::string& token) {
  std::string_view h = header;
  while (!h.empty() && h.front() == ' ') h.remove_prefix(1);
  while (!h.empty() && h.back() == ' ') h.remove_suffix(1);
  if (h.empty()) return Credential::kNone;
  if (token.empty()) return Credential::kInvalid;
  if (StartsWithNoCase(h, "Bearer ")) {
    std::string_view t = h.substr(7);
    while (!t.empty() && t.front() == ' ') t.remove_prefix(1);
    return ConstantTimeEquals(t, token) ? Credential::kValid : Credential::kInvalid;
  }
  if (StartsWithNoCase(h, "Basic ")) {
    std::string decoded = DecodeBase64(h.substr(6));
    size_t colon = decoded.find(':');
    if (colon == std::string::npos) return Credential::kInvalid;
    return ConstantTimeEquals(std::string_view(decoded).substr(colon + 1), token) ? Credential::kValid
                                                                                 : Credential::kInvalid;
  }
  return Credential::kInvalid;
}

}  // namespace dyad::server
