// Token checks for write access: bearer (or basic-auth password) tokens,
// compared in constant time.
#pragma once

#include <string>
#include <string_view>

namespace dyad::server {

// True when a equals b; the time taken depends only on the length of b (the
// secret), never on where the strings differ.
bool ConstantTimeEquals(std::string_view a, std::string_view b);

// What an Authorization header carried.
enum class Credential { kNone, kValid, kInvalid };

// Checks an Authorization header against token: "Bearer <token>", or HTTP
// Basic auth whose password is the token (for Neo4j clients). An empty
// header is kNone; anything else that does not match is kInvalid.
Credential CheckAuthorization(const std::string& header, const std::string& token);

}  // namespace dyad::server
