// Route patterns: the names metrics use for request paths, so that a label
// never carries a raw key or file name.
#pragma once

#include <string>

namespace dyad::server {

// The route pattern a path belongs to ("/api/nodes/{key}", "/ui", ...), or
// "other" for paths no route serves.
std::string RouteFor(const std::string& method, const std::string& path);

// True when the Host header names this machine's loopback interface
// (localhost, 127.0.0.0/8, [::1]), with or without a port; an empty header
// (HTTP/1.0) passes.
bool IsLoopbackHost(const std::string& host_header);

// True when a bind address is a loopback address.
bool IsLoopbackAddress(const std::string& address);

}  // namespace dyad::server
