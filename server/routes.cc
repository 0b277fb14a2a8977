#include "server/routes.h"

#include <cctype>

namespace dyad::server {

namespace {

bool StartsWith(const std::string& s, const char* p) { return s.rfind(p, 0) == 0; }

bool EndsWith(const std::string& s, const char* p) {
  std::string suffix(p);
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

}  // namespace

std::string RouteFor(const std::string& method, const std::string& path) {
  if (path == "/query" || path == "/health" || path == "/metrics" || path == "/api/schema" ||
      path == "/api/search" || path == "/api/timeline" || path == "/api/export")
    return path;
  if (StartsWith(path, "/api/nodes/"))
    return EndsWith(path, "/neighbors") ? "/api/nodes/{key}/neighbors" : "/api/nodes/{key}";
  if (StartsWith(path, "/db/")) return EndsWith(path, "/tx/commit") ? "/db/{name}/tx/commit" : "/db/{name}/tx";
  if (path == "/" || path == "/index.html" || StartsWith(path, "/assets/")) return "/ui";
  return "other";
}

bool IsLoopbackAddress(const std::string& a) {
  return a == "localhost" || a == "::1" || a == "[::1]" || StartsWith(a, "127.");
}

bool IsLoopbackHost(const std::string& header) {
  if (header.empty()) return true;
  std::string host = header;
  if (host[0] == '[') {
    size_t close = host.find(']');
    if (close == std::string::npos) return false;
    host = host.substr(0, close + 1);
  } else if (size_t colon = host.find(':'); colon != std::string::npos) {
    host = host.substr(0, colon);
  }
  for (auto& c : host) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (host == "localhost" || host == "[::1]") return true;
  // 127.a.b.c with digits only.
  if (!StartsWith(host, "127.")) return false;
  int dots = 0;
  for (char c : host) {
    if (c == '.') ++dots;
    else if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  }
  return dots == 3;
}

}  // namespace dyad::server
