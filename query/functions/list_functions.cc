// List functions: head, last, tail, range, size, length, coalesce, isEmpty.
#include <string>

#include "query/functions/function_util.h"

namespace dyad::query::fn {

namespace {

using Args = std::vector<Value>;

// range() refuses to build lists longer than this (the engine's default
// limit on intermediate rows) instead of exhausting memory.
constexpr int64_t kMaxRangeSize = 50'000'000;

Result<Value> Head(const Args& a, FunctionContext&) {
  if (a[0].is_null()) return Value();
  if (!a[0].is_list()) return ArgTypeError("head", "a List", a[0]);
  const List& l = a[0].as_list();
  return l.empty() ? Value() : l.front();
}

Result<Value> Last(const Args& a, FunctionContext&) {
  if (a[0].is_null()) return Value();
  if (!a[0].is_list()) return ArgTypeError("last", "a List", a[0]);
  const List& l = a[0].as_list();
  return l.empty() ? Value() : l.back();
}

Result<Value> Tail(const Args& a, FunctionContext&) {
  if (a[0].is_null()) return Value();
  if (!a[0].is_list()) return ArgTypeError("tail", "a List", a[0]);
  const List& l = a[0].as_list();
  return l.empty() ? Value(List()) : Value(List(l.begin() + 1, l.end()));
}

// range(start, end[, step]): integers only; the TCK wants ArgumentError for
// other kinds and for a zero step.
Result<Value> Range(const Args& a, FunctionContext&) {
  for (const Value& v : a) if (v.is_null()) return Value();
  static const char* const kNames[] = {"start", "end", "step"};
  int64_t n[3] = {0, 0, 1};
  for (size_t i = 0; i < a.size(); ++i) {
    if (!a[i].is_int()) {
      return ArgError("range", std::string(kNames[i]) + " must be an Integer, got " + KindOf(a[i]));
    }
    n[i] = a[i].as_int();
  }
  int64_t start = n[0], end = n[1], step = n[2];
  if (step == 0) return ArgError("range", "step must not be zero");
  __int128 span = static_cast<__int128>(end) - start;
  if ((span < 0 && step > 0) || (span > 0 && step < 0)) return Value(List());
  __int128 count = span / step + 1;
  if (count > kMaxRangeSize) {
    return Status(Status::Code::kResourceLimit,
                  "range(): the list would have " + std::to_string(static_cast<int64_t>(count)) +
                      " elements, more than the limit of " + std::to_string(kMaxRangeSize));
  }
  List out;
  out.reserve(static_cast<size_t>(count));
  __int128 v = start;
  for (__int128 i = 0; i < count; ++i, v += step) out.push_back(Value(static_cast<int64_t>(v)));
  return Value(std::move(out));
}

Result<Value> Size(const Args& a, FunctionContext&) {
  if (a[0].is_null()) return Value();
  if (a[0].is_list()) return Value(static_cast<int64_t>(a[0].as_list().size()));
  if (a[0].is_string()) return Value(Utf8Length(a[0].as_string()));
  return ArgTypeError("size", "a String or List", a[0]);
}

// length(path) is the number of relationships; length(string) is kept for
// compatibility with older Cypher.
Result<Value> Length(const Args& a, FunctionContext&) {
  if (a[0].is_null()) return Value();
  if (a[0].is_path()) return Value(static_cast<int64_t>(a[0].as_path().rels.size()));
  if (a[0].is_string()) return Value(Utf8Length(a[0].as_string()));
  return ArgTypeError("length", "a Path", a[0]);
}

// char_length(s): the number of code points of a string.
Result<Value> CharLength(const Args& a, FunctionContext&) {
  if (a[0].is_null()) return Value();
  if (!a[0].is_string()) return ArgTypeError("char_length", "a String", a[0]);
  return Value(Utf8Length(a[0].as_string()));
}

Result<Value> Coalesce(const Args& a, FunctionContext&) {
  for (const Value& v : a) {
    if (!v.is_null()) return v;
  }
  return Value();
}

Result<Value> IsEmpty(const Args& a, FunctionContext&) {
  const Value& v = a[0];
  if (v.is_null()) return Value();
  if (v.is_list()) return Value(v.as_list().empty());
  if (v.is_string()) return Value(v.as_string().empty());
  if (v.is_map()) return Value(v.as_map().empty());
  return ArgTypeError("isEmpty", "a String, List or Map", v);
}

}  // namespace

void AddListFunctions(std::vector<FunctionDef>* defs) {
  defs->insert(defs->end(), {
                                {"head", 1, 1, Head},
                                {"last", 1, 1, Last},
                                {"tail", 1, 1, Tail},
                                {"range", 2, 3, Range},
                                {"size", 1, 1, Size},
                                {"char_length", 1, 1, CharLength},
                                {"character_length", 1, 1, CharLength},
                                {"length", 1, 1, Length},
                                {"coalesce", 1, -1, Coalesce},
                                {"isEmpty", 1, 1, IsEmpty},
                            });
}

}  // namespace dyad::query::fn
