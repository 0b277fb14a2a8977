// GET /api/export: the graph, or the subgraph a query returns, in one of the
// export formats of docs/EXPORT.md (query/export/exporter.h).
#pragma once

#include "server/context.h"

namespace httplib {
struct Request;
struct Response;
}  // namespace httplib

namespace dyad::server {

// GET /api/export?format=graphml|gexf|dot|cytoscape|d3|csv[&query=Q]
// [&params={json}][&part=nodes|relationships][&array_delimiter=C] (the last
// two: csv only). The whole graph streams (chunked); a query's subgraph is
// rendered first so that a query error is a proper 400, and a CSV answer
// names its delimiter in X-Dyad-Array-Delimiter. Queries are read-only and
// bounded by the server's timeout.
void HandleExport(ServerContext& ctx, const httplib::Request& req, httplib::Response& res);

}  // namespace dyad::server
