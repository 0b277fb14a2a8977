// Request helpers shared by the handlers: JSON bodies, bounded integer
// parameters, and running queries with the request's rights and limits.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <rapidjson/document.h>

#include "graph/value.h"
#include "query/result/query_result.h"
#include "server/api_error.h"
#include "server/context.h"

namespace httplib {
struct Request;
}

namespace dyad::server {

// Parses the request body as a JSON object. Fails with 415 unless the
// Content-Type is JSON (so that no HTML form can post here), and with 400
// "InvalidJson" when the body does not parse or is not an object.
bool ParseJsonBody(const httplib::Request& req, rapidjson::Document* doc, ApiError* err);

// Reads query-string parameter name as an integer in [lo, hi] (def when
// absent). Fails with 400 when it is not a number or out of range.
bool IntParam(const httplib::Request& req, const char* name, int64_t def, int64_t lo, int64_t hi, int64_t* out,
              ApiError* err);

// Converts a JSON object of parameters to a Map (tagged JSON values).
bool ParamsFromJson(const rapidjson::Value& json, Map* out, ApiError* err);

// Per-request limits a client may ask for (never above the server's).
struct RequestLimits {
  int64_t timeout_ms = 0;  // 0: the server's
  int64_t max_rows = 0;    // 0: the server's
};

// Runs text as the request is allowed to: writes only with the token, the
// server's row and time limits (tightened by limits). A write refused for
// lack of rights becomes 401 (writes enabled, no token) or 403 (disabled).
// On failure *err is set and results holds the statements that succeeded.
bool RunQueryForRequest(ServerContext& ctx, const httplib::Request& req, const std::string& text, Map params,
                        const RequestLimits& limits, std::vector<query::QueryResult>* results, ApiError* err);

}  // namespace dyad::server
