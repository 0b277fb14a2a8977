#include "server/api_error.h"

#include <httplib.h>

#include "graph/json_writer.h"

namespace dyad::server {

ApiError ErrorFromStatus(const Status& s) {
  ApiError e;
  e.code = s.CodeName();
  e.message = s.message();
  e.line = s.line();
  e.column = s.column();
  switch (s.code()) {
    case Status::Code::kNotFound:
      e.http_status = 404;
      break;
    case Status::Code::kIOError:
    case Status::Code::kCorruption:
    case Status::Code::kInternal:
      // Never echo storage messages: they may hold paths and internals.
      e.http_status = 500;
      e.code = "InternalError";
      e.message = "the server could not complete the request";
      e.line = e.column = 0;
      break;
    default:
      e.http_status = 400;
  }
  return e;
}

bool IsReadOnlyRefusal(const Status& s) {
  static const std::string kSuffix = "read-only here";
  const std::string& m = s.message();
  return s.code() == Status::Code::kInvalidArgument && m.size() >= kSuffix.size() &&
         m.compare(m.size() - kSuffix.size(), kSuffix.size(), kSuffix) == 0;
}

std::string ErrorBody(const ApiError& e) {
  rapidjson::StringBuffer buf;
  JsonWriter w(buf);
  w.StartObject();
  w.Key("error");
  w.StartObject();
  w.Key("code");
  w.String(e.code.c_str());
  w.Key("message");
  w.String(e.message.c_str());
  w.Key("line");
  if (e.line > 0) w.Int(e.line); else w.Null();
  w.Key("column");
  if (e.line > 0) w.Int(e.column); else w.Null();
  w.EndObject();
  w.EndObject();
  return buf.GetString();
}

void SendError(httplib::Response& res, const ApiError& e) {
  SendJson(res, e.http_status, ErrorBody(e));
  if (e.http_status == 401) res.set_header("WWW-Authenticate", "Bearer realm=\"dyad\"");
}

void SendJson(httplib::Response& res, int status, const std::string& body) {
  res.status = status;
  res.set_header("Cache-Control", "no-store");
  res.set_content(body, "application/json");
}

}  // namespace dyad::server
