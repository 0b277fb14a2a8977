// POST /query: runs openCypher and answers in the INTERFACES.md JSON shape.
#pragma once

#include "server/context.h"

namespace httplib {
struct Request;
struct Response;
}  // namespace httplib

namespace dyad::server {

// Handles POST /query. Body: {"query": "...", "params": {...},
// "timeout_ms": n, "max_rows": n, "graph": bool}. Answer: {"columns",
// "rows", "stats", "plan"?, "statements", "elapsed_ms", "graph"?} for the
// last statement; errors as {"error": {"code", "message", "line", "column"}}.
void HandleQuery(ServerContext& ctx, const httplib::Request& req, httplib::Response& res);

}  // namespace dyad::server
