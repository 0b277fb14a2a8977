// Streaming JSON and JSON Lines readers for the import format (docs/FORMAT.md).
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <memory>

#include <rapidjson/document.h>
#include <rapidjson/error/en.h>
#include <rapidjson/filereadstream.h>
#include <rapidjson/memorystream.h>
#include <rapidjson/reader.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "graph/json_parse.h"
#include "graph/json_value.h"
#include "storage/import/element.h"

namespace dyad::storage {

namespace {

// Wraps a RapidJSON input stream and counts lines as characters are taken.
template <typename Stream>
class LineCountingStream {
 public:
  using Ch = char;
  explicit LineCountingStream(Stream& s) : s_(s) {}
  Ch Peek() const { return s_.Peek(); }
  Ch Take() {
    Ch c = s_.Take();
    if (c == '\n') ++line_;
    return c;
  }
  size_t Tell() const { return s_.Tell(); }
  Ch* PutBegin() { return nullptr; }
  void Put(Ch) {}
  void Flush() {}
  size_t PutEnd(Ch*) { return 0; }
  int line() const { return line_; }

 private:
  Stream& s_;
  int line_ = 1;
};

// Converts one parsed JSON object into an Element.
Status ToElement(const rapidjson::Value& obj, bool expect_node, bool either, Element* e) {
  if (!obj.IsObject()) return Status::InvalidArgument("expected an object");
  bool is_node = expect_node;
  if (either) {
    if (obj.HasMember("labels") || obj.HasMember("key")) is_node = true;
    else if (obj.HasMember("type")) is_node = false;
    else return Status::InvalidArgument("object is neither a node (has 'labels') nor an edge (has 'type')");
  }
  e->is_node = is_node;
  auto str = [&](const char* name, std::string* out) -> Status {
    auto it = obj.FindMember(name);
    if (it == obj.MemberEnd()) return Status::InvalidArgument(std::string("missing '") + name + "'");
    if (!it->value.IsString() || it->value.GetStringLength() == 0)
      return Status::InvalidArgument(std::string("'") + name + "' must be a non-empty string");
    out->assign(it->value.GetString(), it->value.GetStringLength());
    return Status::OK();
  };
  for (auto& m : obj.GetObject()) {
    std::string name = m.name.GetString();
    bool known = name == "properties" || (is_node ? (name == "key" || name == "labels")
                                                  : (name == "type" || name == "from" || name == "to"));
    if (!known) return Status::InvalidArgument("unknown field '" + name + "' in " + (is_node ? "node" : "edge"));
  }
  if (is_node) {
    DYAD_RETURN_IF_ERROR(str("key", &e->key));
    auto it = obj.FindMember("labels");
    if (it == obj.MemberEnd() || !it->value.IsArray() || it->value.Empty())
      return Status::InvalidArgument("node '" + e->key + "' needs a non-empty 'labels' array");
    for (auto& l : it->value.GetArray()) {
      if (!l.IsString() || l.GetStringLength() == 0)
        return Status::InvalidArgument("node '" + e->key + "': labels must be non-empty strings");
      e->labels.emplace_back(l.GetString(), l.GetStringLength());
    }
  } else {
    DYAD_RETURN_IF_ERROR(str("type", &e->type));
    DYAD_RETURN_IF_ERROR(str("from", &e->from));
    DYAD_RETURN_IF_ERROR(str("to", &e->to));
  }
  auto props = obj.FindMember("properties");
  if (props != obj.MemberEnd()) {
    if (!props->value.IsObject()) return Status::InvalidArgument("'properties' must be an object");
    for (auto& m : props->value.GetObject()) {
      std::string name(m.name.GetString(), m.name.GetStringLength());
      if (name.empty()) return Status::InvalidArgument("empty property name");
      if (is_node && name == "key") return Status::InvalidArgument("'key' belongs at the top level of a node, not in properties");
      Value v;
      Status s = ValueFromJson(m.value, &v);
      if (!s.ok()) return Status::InvalidArgument("property '" + name + "': " + s.message());
      if (v.is_map()) return Status::InvalidArgument("property '" + name + "': maps cannot be property values");
      e->props.emplace_back(std::move(name), std::move(v));
    }
  }
  return Status::OK();
}

// Numbers arrive as text so that an integer literal outside int64 is an
// error rather than a silently rounded float. Returns "" when fine.
std::string CheckNumber(std::string_view text) {
  if (text.find_first_of(".eE") != std::string_view::npos) return "";
  errno = 0;
  std::string copy(text);
  strtoll(copy.c_str(), nullptr, 10);
  if (errno == ERANGE) return "integer " + copy + " is outside the 64-bit range";
  return "";
}

// SAX handler that only checks integer literals (for JSON Lines).
struct NumberChecker : rapidjson::BaseReaderHandler<rapidjson::UTF8<>, NumberChecker> {
  bool RawNumber(const char* s, rapidjson::SizeType n, bool) {
    error = CheckNumber(std::string_view(s, n));
    return error.empty();
  }
  std::string error;
};

// SAX handler: finds the elements of the "nodes" and "edges" arrays and
// re-serializes each one so that it can be parsed as a small document.
template <typename Stream>
class GraphHandler : public rapidjson::BaseReaderHandler<rapidjson::UTF8<>, GraphHandler<Stream>> {
 public:
  GraphHandler(const std::string& name, LineCountingStream<Stream>* in, const ElementSink& sink)
      : name_(name), in_(in), sink_(sink), writer_(buf_) {}

  bool Default() { return Fail("unexpected value"); }
  bool Null() { return Scalar([&] { return writer_.Null(); }); }
  bool Bool(bool b) { return Scalar([&] { return writer_.Bool(b); }); }
  bool Int(int i) { return Scalar([&] { return writer_.Int(i); }); }
  bool Uint(unsigned u) { return Scalar([&] { return writer_.Uint(u); }); }
  bool Int64(int64_t i) { return Scalar([&] { return writer_.Int64(i); }); }
  bool Uint64(uint64_t u) { return Scalar([&] { return writer_.Uint64(u); }); }
  bool Double(double d) { return Scalar([&] { return writer_.Double(d); }); }
  bool RawNumber(const char* s, rapidjson::SizeType n, bool c) {
    std::string error = CheckNumber(std::string_view(s, n));
    if (!error.empty()) return Fail(error);
    return Scalar([&] { return writer_.RawValue(s, n, rapidjson::kNumberType); });
  }
  bool String(const char* s, rapidjson::SizeType n, bool c) { return Scalar([&] { return writer_.String(s, n, c); }); }
  bool Key(const char* s, rapidjson::SizeType n, bool c) {
    if (depth_ == 1) {
      section_ = std::string(s, n);
      if (section_ != "nodes" && section_ != "edges")
        return Fail("unknown top-level field '" + section_ + "' (expected \"nodes\" and \"edges\")");
      return true;
    }
    return writer_.Key(s, n, c);
  }
  bool StartObject() {
    if (++depth_ > kMaxJsonDepth) return TooDeep();
    if (depth_ == 1) return true;
    if (depth_ == 2) return Fail("\"" + section_ + "\" must be an array");
    if (depth_ == 3) {
      buf_.Clear();
      writer_.Reset(buf_);
      element_line_ = in_->line();
    }
    return writer_.StartObject();
  }
  bool EndObject(rapidjson::SizeType n) {
    --depth_;
    if (depth_ == 0) return true;
    if (!writer_.EndObject(n)) return false;
    if (depth_ == 2) return Emit();
    return true;
  }
  bool StartArray() {
    if (++depth_ > kMaxJsonDepth) return TooDeep();
    if (depth_ == 1) return Fail("top level must be an object {\"nodes\": [...], \"edges\": [...]}");
    if (depth_ == 2) return true;
    if (depth_ == 3) return Fail("elements of \"" + section_ + "\" must be objects");
    return writer_.StartArray();
  }
  bool EndArray(rapidjson::SizeType n) {
    --depth_;
    if (depth_ == 1) return true;
    return writer_.EndArray(n);
  }

  const Status& status() const { return status_; }

 private:
  template <typename F>
  bool Scalar(F write) {
    if (depth_ <= 1) return Fail(depth_ == 0 ? "top level must be an object" : "\"" + section_ + "\" must be an array");
    if (depth_ == 2) return Fail("elements of \"" + section_ + "\" must be objects");
    return write();
  }
  bool Fail(const std::string& msg) {
    status_ = Status::InvalidArgument(name_ + ":" + std::to_string(in_->line()) + ": " + msg);
    return false;
  }
  // The reader recurses once per level: deep nesting would exhaust the stack.
  bool TooDeep() { return Fail("nested deeper than " + std::to_string(kMaxJsonDepth) + " levels"); }
  bool Emit() {
    // The element again, as a document with exactly converted numbers.
    rapidjson::Document doc;
    Status s = ParseJson(std::string_view(buf_.GetString(), buf_.GetSize()), &doc);
    Element e;
    e.line = element_line_;
    if (s.ok()) s = ToElement(doc, section_ == "nodes", false, &e);
    if (!s.ok()) {
      status_ = Status::InvalidArgument(name_ + ":" + std::to_string(element_line_) + ": " + s.message());
      return false;
    }
    s = sink_(std::move(e));
    if (!s.ok()) {
      status_ = s;
      return false;
    }
    return true;
  }

  std::string name_;
  LineCountingStream<Stream>* in_;
  const ElementSink& sink_;
  rapidjson::StringBuffer buf_;
  rapidjson::Writer<rapidjson::StringBuffer> writer_;
  int depth_ = 0;
  int element_line_ = 0;
  std::string section_;
  Status status_;
};

template <typename Stream>
Status ParseGraph(const std::string& name, Stream& raw, const ElementSink& sink) {
  LineCountingStream<Stream> in(raw);
  GraphHandler<Stream> handler(name, &in, sink);
  rapidjson::Reader reader;
  rapidjson::ParseResult ok =
      reader.Parse<rapidjson::kParseNumbersAsStringsFlag>(in, handler);
  if (!handler.status().ok()) return handler.status();
  if (!ok)
    return Status::InvalidArgument(name + ":" + std::to_string(in.line()) + ": invalid JSON: " +
                                   rapidjson::GetParseError_En(ok.Code()));
  return Status::OK();
}

// A FileReadStream that reports progress every few megabytes.
class ProgressStream : public rapidjson::FileReadStream {
 public:
  ProgressStream(FILE* f, char* buf, size_t n, const ProgressFn& p) : FileReadStream(f, buf, n), progress_(p) {}
  Ch Take() {
    Ch c = FileReadStream::Take();
    if (progress_ && (++count_ & ((1 << 22) - 1)) == 0) progress_(count_);
    return c;
  }

 private:
  const ProgressFn& progress_;
  uint64_t count_ = 0;
};

}  // namespace

Status ReadJsonFile(const std::string& path, const ElementSink& sink, const ProgressFn& progress) {
  FILE* f = fopen(path.c_str(), "rb");
  if (!f) return Status::IOError("cannot open " + path);
  std::unique_ptr<FILE, int (*)(FILE*)> closer(f, fclose);
  std::vector<char> buf(1 << 16);
  ProgressStream stream(f, buf.data(), buf.size(), progress);
  return ParseGraph(path, stream, sink);
}

Status ReadJsonText(const std::string& name, const std::string& text, const ElementSink& sink) {
  rapidjson::MemoryStream stream(text.data(), text.size());
  return ParseGraph(name, stream, sink);
}

Status ReadJsonLinesFile(const std::string& path, const ElementSink& sink, const ProgressFn& progress) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::IOError("cannot open " + path);
  return ReadJsonLinesStream(path, in, sink, progress);
}

Status ReadJsonLinesStream(const std::string& path, std::istream& in, const ElementSink& sink,
                           const ProgressFn& progress) {
  std::string line;
  uint64_t bytes = 0;
  for (int n = 1; std::getline(in, line); ++n) {
    bytes += line.size() + 1;
    if (progress && (n & 0xffff) == 0) progress(bytes);
    size_t first = line.find_first_not_of(" \t\r");
    if (first == std::string::npos) continue;
    rapidjson::Document doc;
    Status parsed = ParseJson(line, &doc);
    std::string where = path + ":" + std::to_string(n) + ": ";
    if (!parsed.ok()) return Status::InvalidArgument(where + "invalid JSON: " + parsed.message());
    {
      // Nesting is bounded now (ParseJson), so the second reader cannot
      // exhaust the stack either.
      NumberChecker checker;
      rapidjson::Reader reader;
      rapidjson::StringStream ss(line.c_str());
      reader.Parse<rapidjson::kParseNumbersAsStringsFlag>(ss, checker);
      if (!checker.error.empty()) return Status::InvalidArgument(where + checker.error);
    }
    Element e;
    e.line = n;
    Status s = ToElement(doc, true, true, &e);
    if (!s.ok()) return Status::InvalidArgument(where + s.message());
    DYAD_RETURN_IF_ERROR(sink(std::move(e)));
  }
  if (in.bad()) return Status::IOError("error reading " + path);
  return Status::OK();
}

}  // namespace dyad::storage
