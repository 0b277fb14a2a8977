#include "graph/json_parse.h"

#include <locale.h>

#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <string>

#include <rapidjson/encodedstream.h>
#include <rapidjson/error/en.h>
#include <rapidjson/memorystream.h>
#include <rapidjson/reader.h>

namespace dyad {

namespace {

// Converts a JSON number's text: an integer that fits int64 or uint64 as
// such, anything else as the nearest double. False on overflow.
bool ConvertNumber(std::string_view t, rapidjson::Document* doc) {
  const char* b = t.data();
  const char* e = b + t.size();
  if (t.find_first_of(".eE") == std::string_view::npos) {
    int64_t i;
    auto r = std::from_chars(b, e, i);
    if (r.ec == std::errc() && r.ptr == e) return doc->Int64(i);
    uint64_t u;
    r = std::from_chars(b, e, u);
    if (r.ec == std::errc() && r.ptr == e) return doc->Uint64(u);
  }
  double d;
  auto r = std::from_chars(b, e, d);
  if (r.ec == std::errc::result_out_of_range) {
    // from_chars leaves d unset: strtod tells an underflow (0 or a
    // subnormal) from an overflow (HUGE_VAL), in the C locale.
    static locale_t c_locale = newlocale(LC_ALL_MASK, "C", static_cast<locale_t>(0));
    std::string copy(t);
    d = strtod_l(copy.c_str(), nullptr, c_locale);
    if (std::isinf(d)) return false;
  } else if (r.ec != std::errc() || r.ptr != e) {
    return false;
  }
  return doc->Double(d);
}

// Forwards the reader's events to the document, numbers converted from their
// text, and stops at kMaxJsonDepth.
class ExactHandler : public rapidjson::BaseReaderHandler<rapidjson::UTF8<>, ExactHandler> {
 public:
  explicit ExactHandler(rapidjson::Document* doc) : doc_(doc) {}

  bool Null() { return doc_->Null(); }
  bool Bool(bool b) { return doc_->Bool(b); }
  bool Int(int i) { return doc_->Int(i); }
  bool Uint(unsigned u) { return doc_->Uint(u); }
  bool Int64(int64_t i) { return doc_->Int64(i); }
  bool Uint64(uint64_t u) { return doc_->Uint64(u); }
  bool Double(double d) { return doc_->Double(d); }
  bool RawNumber(const char* s, rapidjson::SizeType n, bool) {
    if (ConvertNumber(std::string_view(s, n), doc_)) return true;
    error_ = "number too big to be stored in a double: " + std::string(s, n < 40 ? n : 40);
    return false;
  }
  bool String(const char* s, rapidjson::SizeType n, bool copy) { return doc_->String(s, n, copy); }
  bool Key(const char* s, rapidjson::SizeType n, bool copy) { return doc_->Key(s, n, copy); }
  bool StartObject() { return Enter() && doc_->StartObject(); }
  bool EndObject(rapidjson::SizeType n) {
    --depth_;
    return doc_->EndObject(n);
  }
  bool StartArray() { return Enter() && doc_->StartArray(); }
  bool EndArray(rapidjson::SizeType n) {
    --depth_;
    return doc_->EndArray(n);
  }

  // Why the handler stopped the parse ("" if it did not).
  const std::string& error() const { return error_; }

 private:
  bool Enter() {
    if (++depth_ <= kMaxJsonDepth) return true;
    error_ = "nested deeper than " + std::to_string(kMaxJsonDepth) + " levels";
    return false;
  }

  rapidjson::Document* doc_;
  int depth_ = 0;
  std::string error_;
};

}  // namespace

Status ParseJson(std::string_view text, rapidjson::Document* doc) {
  rapidjson::Document parsed;
  ExactHandler handler(&parsed);
  rapidjson::ParseResult result;
  auto generate = [&](rapidjson::Document&) {
    rapidjson::MemoryStream ms(text.data(), text.size());
    rapidjson::EncodedInputStream<rapidjson::UTF8<>, rapidjson::MemoryStream> in(ms);  // skips a BOM
    rapidjson::Reader reader;
    result = reader.Parse<rapidjson::kParseNumbersAsStringsFlag>(in, handler);
    return !result.IsError();
  };
  parsed.Populate(generate);
  if (result.IsError()) {
    std::string why = !handler.error().empty() ? handler.error() : rapidjson::GetParseError_En(result.Code());
    if (!why.empty() && why.back() == '.') why.pop_back();
    return Status::InvalidArgument(why + " (at byte " + std::to_string(result.Offset()) + ")");
  }
  doc->Swap(parsed);
  return Status::OK();
}

}  // namespace dyad
