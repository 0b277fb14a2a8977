// ApiError: how the HTTP API reports a failure — a status code and a JSON
// body {"error": {"code", "message", "line", "column"}} that never carries
// internals (paths, stack traces, exception text).
#pragma once

#include <string>

#include "graph/status.h"

namespace httplib {
struct Response;
}

namespace dyad::server {

// One API failure.
struct ApiError {
  int http_status = 400;
  // A stable name: "SyntaxError", "NotFound", "InvalidJson", ...
  std::string code;
  std::string message;
  // 1-based position in the query text (0: none).
  int line = 0;
  int column = 0;
};

// Maps a Status from the query engine or the store to an ApiError. Query
// errors keep their kind, message and position; storage and internal errors
// become a generic 500 message.
ApiError ErrorFromStatus(const Status& s);

// True when s is the engine's refusal of a write in read-only mode.
bool IsReadOnlyRefusal(const Status& s);

// The JSON body of an error.
std::string ErrorBody(const ApiError& e);

// Sets res to the error (status, JSON body, no-store).
void SendError(httplib::Response& res, const ApiError& e);

// Sets res to a JSON body with a status.
void SendJson(httplib::Response& res, int status, const std::string& body);

}  // namespace dyad::server
