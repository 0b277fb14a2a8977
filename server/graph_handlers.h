// The browsing API: GET /api/schema, /api/nodes/{key},
// /api/nodes/{key}/neighbors, /api/search, /api/timeline, plus /health and
// /metrics. Each reads one snapshot, so an answer never mixes two states.
#pragma once

#include "server/context.h"

namespace httplib {
struct Request;
struct Response;
}  // namespace httplib

namespace dyad::server {

// GET /api/schema: labels, relationship types (with counts), property keys
// and indexes.
void HandleSchema(ServerContext& ctx, const httplib::Request& req, httplib::Response& res);

// GET /api/nodes/{key}: the node (by key, else exact name or alias) with its
// labels, properties, aliases, citations (quote and document) and the count
// of its relationships per type and direction.
void HandleNode(ServerContext& ctx, const httplib::Request& req, httplib::Response& res);

// GET /api/nodes/{key}/neighbors?types=A,B&exclude=C&direction=out|in|both
// &depth=1..3&limit=N: the neighbourhood as nodes and relationships.
void HandleNeighbors(ServerContext& ctx, const httplib::Request& req, httplib::Response& res);

// GET /api/search?q=...&limit=N&label=L: nodes by name, alias or key, ranked.
void HandleSearch(ServerContext& ctx, const httplib::Request& req, httplib::Response& res);

// GET /api/timeline: mechanism lifecycles with dates and administrations.
void HandleTimeline(ServerContext& ctx, const httplib::Request& req, httplib::Response& res);

// GET /health: {"status": "ok", ...}.
void HandleHealth(ServerContext& ctx, const httplib::Request& req, httplib::Response& res);

// GET /metrics: Prometheus text.
void HandleMetrics(ServerContext& ctx, const httplib::Request& req, httplib::Response& res);

}  // namespace dyad::server
