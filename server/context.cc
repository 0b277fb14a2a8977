#include "server/context.h"

#include <httplib.h>

#include "server/auth.h"

namespace dyad::server {

bool ServerContext::CanWrite(const httplib::Request& req) const {
  if (!options.allow_writes || options.token.empty()) return false;
  return CheckAuthorization(req.get_header_value("Authorization"), options.token) == Credential::kValid;
}

}  // namespace dyad::server
