#include "server/assets.h"

#include <cstdint>
#include <cstdio>
#include <map>
#include <mutex>

namespace dyad::server {

namespace {

std::string Fnv1aHex(std::string_view bytes) {
  uint64_t h = 1469598103934665603ull;
  for (unsigned char c : bytes) {
    h ^= c;
    h *= 1099511628211ull;
  }
  char buf[24];
  snprintf(buf, sizeof(buf), "%016llx", static_cast<unsigned long long>(h));
  return buf;
}

// name → Asset, built once.
const std::map<std::string, Asset, std::less<>>& Table() {
  static const auto* table = [] {
    auto* t = new std::map<std::string, Asset, std::less<>>();
    for (const EmbeddedAsset* a = kEmbeddedAssets; a->name; ++a) {
      Asset asset;
      asset.body = std::string_view(a->begin, static_cast<size_t>(a->end - a->begin));
      asset.content_type = ContentTypeFor(a->name);
      asset.etag = "\"" + Fnv1aHex(asset.body) + "\"";
      (*t)[a->name] = asset;
    }
    return t;
  }();
  return *table;
}

}  // namespace

bool FindAsset(std::string_view name, Asset* out) {
  const auto& t = Table();
  auto it = t.find(name);
  if (it == t.end()) return false;
  *out = it->second;
  return true;
}

std::string ContentTypeFor(std::string_view name) {
  auto ends = [&](std::string_view ext) {
    return name.size() >= ext.size() && name.substr(name.size() - ext.size()) == ext;
  };
  if (ends(".html")) return "text/html; charset=utf-8";
  if (ends(".css")) return "text/css; charset=utf-8";
  if (ends(".js")) return "application/javascript; charset=utf-8";
  if (ends(".svg")) return "image/svg+xml";
  if (ends(".json")) return "application/json";
  if (ends(".png")) return "image/png";
  return "application/octet-stream";
}

}  // namespace dyad::server
