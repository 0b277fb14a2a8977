#include "server/request.h"

#include <httplib.h>

#include <cerrno>
#include <cstdlib>

#include "graph/json_parse.h"
#include "graph/json_value.h"

namespace dyad::server {

bool ParseJsonBody(const httplib::Request& req, rapidjson::Document* doc, ApiError* err) {
  std::string type = req.get_header_value("Content-Type");
  for (auto& c : type) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (type.rfind("application/json", 0) != 0) {
    *err = {415, "UnsupportedMediaType", "send the body as JSON with the header Content-Type: application/json"};
    return false;
  }
  Status parsed = ParseJson(req.body, doc);
  if (!parsed.ok()) {
    *err = {400, "InvalidJson", "the body is not valid JSON: " + parsed.message()};
    return false;
  }
  if (!doc->IsObject()) {
    *err = {400, "InvalidJson", "the body must be a JSON object"};
    return false;
  }
  return true;
}

bool IntParam(const httplib::Request& req, const char* name, int64_t def, int64_t lo, int64_t hi, int64_t* out,
              ApiError* err) {
  if (!req.has_param(name)) {
    *out = def;
    return true;
  }
  std::string v = req.get_param_value(name);
  char* end = nullptr;
  errno = 0;
  long long n = std::strtoll(v.c_str(), &end, 10);
  if (v.empty() || *end != '\0' || errno != 0 || n < lo || n > hi) {
    *err = {400, "InvalidArgument",
            std::string("parameter ") + name + " must be an integer from " + std::to_string(lo) + " to " +
                std::to_string(hi)};
    return false;
  }
  *out = n;
  return true;
}

bool ParamsFromJson(const rapidjson::Value& json, Map* out, ApiError* err) {
  if (json.IsNull()) return true;
  if (!json.IsObject()) {
    *err = {400, "InvalidArgument", "params must be a JSON object of parameter names to values"};
    return false;
  }
  Value v;
  Status s = ValueFromJson(json, &v);
  if (!s.ok()) {
    *err = {400, "InvalidArgument", "bad parameter value: " + s.message()};
    return false;
  }
  *out = v.as_map();
  return true;
}

namespace {

int64_t Tighter(int64_t server, int64_t request) {
  if (request <= 0) return server;
  if (server <= 0) return request;
  return std::min(server, request);
}

}  // namespace

bool RunQueryForRequest(ServerContext& ctx, const httplib::Request& req, const std::string& text, Map params,
                        const RequestLimits& limits, std::vector<query::QueryResult>* results, ApiError* err) {
  if (text.find_first_not_of(" \t\r\n") == std::string::npos) {
    *err = {400, "InvalidArgument", "the query is empty"};
    return false;
  }
  query::QueryOptions options;
  options.params = std::move(params);
  options.timeout_ms = Tighter(ctx.options.timeout_ms, limits.timeout_ms);
  options.max_rows = Tighter(ctx.options.max_rows, limits.max_rows);
  bool can_write = ctx.CanWrite(req);
  options.read_only = !can_write;
  Status s = ctx.engine.Run(text, options, results);
  if (can_write) ctx.BumpGeneration();
  if (s.ok()) return true;
  if (IsReadOnlyRefusal(s)) {
    if (!ctx.options.allow_writes)
      *err = {403, "Forbidden", "write queries are disabled: this server is read-only (start it with --allow-writes "
                                "and a token)"};
    else
      *err = {401, "Unauthorized", "write queries need the token: send the header Authorization: Bearer <token>"};
    ctx.metrics.RecordQueryError(err->code);
    return false;
  }
  *err = ErrorFromStatus(s);
  ctx.metrics.RecordQueryError(err->code);
  return false;
}

}  // namespace dyad::server
