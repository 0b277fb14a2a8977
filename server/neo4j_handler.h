// Neo4j HTTP compatibility: POST /db/{name}/tx/commit with the transactional
// API's request and response shapes (statements, parameters,
// resultDataContents "row" and "graph", includeStats), and the discovery
// document, so that Neo4j HTTP clients and graph-format consumers work.
#pragma once

#include "server/context.h"

namespace httplib {
struct Request;
struct Response;
}  // namespace httplib

namespace dyad::server {

// Handles POST /db/{name}/tx/commit (name: neo4j, dyad or default).
void HandleNeo4jCommit(ServerContext& ctx, const httplib::Request& req, httplib::Response& res);

// Handles the other transaction endpoints (open, keep-alive, rollback),
// which this server does not offer: an error naming /tx/commit.
void HandleNeo4jUnsupported(ServerContext& ctx, const httplib::Request& req, httplib::Response& res);

// The discovery document (GET / asking for JSON).
void HandleNeo4jDiscovery(ServerContext& ctx, const httplib::Request& req, httplib::Response& res);

// The Neo4j status code for a dyad error code ("SyntaxError" →
// "Neo.ClientError.Statement.SyntaxError").
std::string Neo4jErrorCode(const std::string& code);

}  // namespace dyad::server
