// The browser UI's files, compiled into the binary (server/assets.cmake).
#pragma once

#include <string>
#include <string_view>

namespace dyad::server {

// One embedded file: its path under the UI root and bytes [begin, end).
struct EmbeddedAsset {
  const char* name;
  const char* begin;
  const char* end;
};

// Every embedded asset, ending with a {nullptr, ...} sentinel (generated).
extern const EmbeddedAsset kEmbeddedAssets[];

// An asset found by name, with the headers to serve it.
struct Asset {
  std::string_view body;
  std::string content_type;
  // A strong validator derived from the bytes.
  std::string etag;
};

// Looks up an asset by its exact name ("index.html", "vendor/x.js"). Only
// the embedded table is consulted, so no path can reach the file system.
bool FindAsset(std::string_view name, Asset* out);

// The MIME type for a file name, by extension.
std::string ContentTypeFor(std::string_view name);

}  // namespace dyad::server
