#include "query/export/text.h"

#include <cmath>
#include <cstdio>

#include "graph/json_writer.h"

namespace dyad::query {

std::string XmlEscape(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      case '\n': out += "&#10;"; break;
      case '\r': out += "&#13;"; break;
      case '\t': out += "&#9;"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) break;  // not allowed in XML 1.0
        out.push_back(c);
    }
  }
  return out;
}

std::string DotEscape(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    if (c == '"' || c == '\\') {
      out.push_back('\\');
      out.push_back(c);
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
    } else {
      out.push_back(c);
    }
  }
  return out;
}

std::string CsvField(std::string_view s) {
  if (s.find_first_of(",\"\r\n") == std::string_view::npos && (s.empty() || (s.front() != ' ' && s.back() != ' ')))
    return std::string(s);
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  return out + "\"";
}

std::string TaggedJson(const Value& v) {
  rapidjson::StringBuffer buf;
  JsonWriter w(buf);
  JsonValueWriter(&w).Write(v);
  return std::string(buf.GetString(), buf.GetSize());
}

std::string ValueText(const Value& v) {
  switch (v.type()) {
    case ValueType::kNull: return "";
    case ValueType::kBool: return v.as_bool() ? "true" : "false";
    case ValueType::kInt: return std::to_string(v.as_int());
    case ValueType::kFloat: {
      double d = v.as_float();
      if (std::isnan(d)) return "NaN";
      if (std::isinf(d)) return d > 0 ? "INF" : "-INF";
      char buf[40];
      snprintf(buf, sizeof(buf), "%.17g", d);
      return buf;
    }
    case ValueType::kString: return v.as_string();
    case ValueType::kDate: return FormatDate(v.as_date());
    case ValueType::kDateTime: return FormatDateTime(v.as_datetime());
    case ValueType::kDuration: return FormatDuration(v.as_duration());
    default: return TaggedJson(v);
  }
}

void WritePlainJson(StreamJsonWriter& w, const Value& v) {
  switch (v.type()) {
    case ValueType::kNull: w.Null(); break;
    case ValueType::kBool: w.Bool(v.as_bool()); break;
    case ValueType::kInt: w.Int64(v.as_int()); break;
    case ValueType::kFloat:
      if (std::isfinite(v.as_float())) {
        std::string s = FormatFloat(v.as_float());
        w.RawValue(s.data(), s.size(), rapidjson::kNumberType);
      } else {
        w.Null();
      }
      break;
    case ValueType::kString: WriteJsonString(w, v.as_string()); break;
    case ValueType::kList:
      w.StartArray();
      for (const Value& e : v.as_list()) WritePlainJson(w, e);
      w.EndArray();
      break;
    case ValueType::kMap:
      w.StartObject();
      for (const auto& [k, e] : v.as_map()) {
        WriteJsonString(w, k);
        WritePlainJson(w, e);
      }
      w.EndObject();
      break;
    case ValueType::kNode: w.Uint64(v.as_node().id); break;
    case ValueType::kRel: w.Uint64(v.as_rel().id); break;
    default: WriteJsonString(w, ValueText(v)); break;  // dates, durations, paths
  }
}

const char* PaletteColor(size_t i) {
  // ColorBrewer Set3 and Pastel1: light fills that keep black text legible.
  static const char* kColors[] = {"#8dd3c7", "#ffffb3", "#bebada", "#fb8072", "#80b1d3", "#fdb462",
                                  "#b3de69", "#fccde5", "#d9d9d9", "#bc80bd", "#ccebc5", "#ffed6f",
                                  "#fbb4ae", "#b3cde3", "#decbe4", "#fed9a6", "#e5d8bd", "#f2f2f2"};
  return kColors[i % (sizeof(kColors) / sizeof(kColors[0]))];
}

}  // namespace dyad::query
