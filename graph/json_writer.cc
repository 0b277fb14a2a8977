#include "graph/json_writer.h"

#include <cmath>

namespace dyad {

void JsonValueWriter::Write(const Value& v) {
  switch (v.type()) {
    case ValueType::kNull: w_->Null(); break;
    case ValueType::kBool: w_->Bool(v.as_bool()); break;
    case ValueType::kInt: w_->Int64(v.as_int()); break;
    case ValueType::kFloat: {
      double d = v.as_float();
      if (std::isfinite(d)) {
        std::string s = FormatFloat(d);
        w_->RawValue(s.data(), s.size(), rapidjson::kNumberType);
      } else {
        w_->StartObject();
        w_->Key("~float");
        w_->String(std::isnan(d) ? "NaN" : (d > 0 ? "Infinity" : "-Infinity"));
        w_->EndObject();
      }
      break;
    }
    case ValueType::kString: w_->String(v.as_string().data(), static_cast<rapidjson::SizeType>(v.as_string().size())); break;
    case ValueType::kList:
      w_->StartArray();
      for (const Value& e : v.as_list()) Write(e);
      w_->EndArray();
      break;
    case ValueType::kMap:
      w_->StartObject();
      for (const auto& [k, e] : v.as_map()) {
        w_->Key(k.data(), static_cast<rapidjson::SizeType>(k.size()));
        Write(e);
      }
      w_->EndObject();
      break;
    case ValueType::kDate:
    case ValueType::kDateTime:
    case ValueType::kDuration: {
      static const char* const kClockTags[] = {"~datetime", "~localdatetime", "~time", "~localtime"};
      const char* tag = v.is_date()       ? "~date"
                        : v.is_datetime() ? kClockTags[static_cast<int>(v.as_datetime().kind)]
                                          : "~duration";
      std::string s = v.is_date() ? FormatDate(v.as_date())
                      : v.is_datetime() ? FormatDateTime(v.as_datetime()) : FormatDuration(v.as_duration());
      w_->StartObject();
      w_->Key(tag);
      w_->String(s.data(), static_cast<rapidjson::SizeType>(s.size()));
      w_->EndObject();
      break;
    }
    case ValueType::kNode: WriteNode(v.as_node()); break;
    case ValueType::kRel: WriteRel(v.as_rel()); break;
    case ValueType::kPath: {
      const PathValue& p = v.as_path();
      w_->StartObject();
      w_->Key("~path");
      w_->StartArray();
      for (size_t i = 0; i < p.nodes.size(); ++i) {
        WriteNode(p.nodes[i]);
        if (i < p.rels.size()) WriteRel(p.rels[i]);
      }
      w_->EndArray();
      w_->EndObject();
      break;
    }
  }
}

void JsonValueWriter::WriteNode(NodeRef n) {
  w_->StartObject();
  w_->Key("~node");
  w_->StartObject();
  w_->Key("id");
  w_->Uint64(n.id);
  w_->EndObject();
  w_->EndObject();
}

void JsonValueWriter::WriteRel(const RelRef& r) {
  w_->StartObject();
  w_->Key("~rel");
  w_->StartObject();
  w_->Key("id");
  w_->Uint64(r.id);
  w_->Key("start");
  w_->Uint64(r.start);
  w_->Key("end");
  w_->Uint64(r.end);
  w_->EndObject();
  w_->EndObject();
}

}  // namespace dyad
