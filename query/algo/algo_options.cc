#include "query/algo/algo_options.h"

#include <algorithm>
#include <cctype>

namespace dyad::query::algo {

namespace {

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// A string or a list of strings, as names.
Status Names(const std::string& where, const Value& v, std::vector<std::string>* out) {
  if (v.is_string()) {
    out->push_back(v.as_string());
    return Status::OK();
  }
  if (v.is_list()) {
    for (const Value& e : v.as_list()) {
      if (!e.is_string()) return Status::TypeError(where + " must be a string or a list of strings");
      out->push_back(e.as_string());
    }
    return Status::OK();
  }
  return Status::TypeError(where + " must be a string or a list of strings");
}

Status Bool(const std::string& where, const Value& v, bool* out) {
  if (!v.is_bool()) return Status::TypeError(where + " must be a boolean");
  *out = v.as_bool();
  return Status::OK();
}

Status Number(const std::string& where, const Value& v, double lo, double hi, double* out) {
  if (!v.is_number() || !(v.as_number() >= lo && v.as_number() <= hi))
    return Status::ArgumentError(where + " must be a number from " + FormatFloat(lo) + " to " + FormatFloat(hi));
  *out = v.as_number();
  return Status::OK();
}

}  // namespace

Status ParseAlgoOptions(const std::string& proc, const Value& arg, const std::vector<std::string>& allowed,
                        storage::Transaction* txn, AlgoOptions* out) {
  if (arg.is_null()) return Status::OK();
  if (!arg.is_map()) return Status::TypeError(proc + ": the options argument must be a map, e.g. {labels: 'Actor'}");
  for (const auto& [key, v] : arg.as_map()) {
    std::string where = proc + " option `" + key + "`";
    if (v.is_null()) continue;  // absent
    if (key == "labels" || key == "label") {
      std::vector<std::string> names;
      DYAD_RETURN_IF_ERROR(Names(where, v, &names));
      out->filter.labels.emplace();
      for (const auto& n : names)
        if (auto id = txn->LabelId(n)) out->filter.labels->push_back(*id);
      continue;
    }
    if (key == "types" || key == "type") {
      std::vector<std::string> names;
      DYAD_RETURN_IF_ERROR(Names(where, v, &names));
      out->filter.types.emplace();
      for (const auto& n : names)
        if (auto id = txn->TypeId(n)) out->filter.types->push_back(*id);
      continue;
    }
    if (std::find(allowed.begin(), allowed.end(), key) == allowed.end()) {
      std::string known = "labels, types";
      for (const auto& a : allowed) known += ", " + a;
      return Status::ArgumentError(proc + ": unknown option `" + key + "` (known: " + known + ")");
    }
    if (key == "directed") {
      DYAD_RETURN_IF_ERROR(Bool(where, v, &out->directed));
    } else if (key == "normalized") {
      DYAD_RETURN_IF_ERROR(Bool(where, v, &out->normalized));
    } else if (key == "strong") {
      DYAD_RETURN_IF_ERROR(Bool(where, v, &out->strong));
    } else if (key == "iterations") {
      if (!v.is_int() || v.as_int() < 1 || v.as_int() > 1'000'000)
        return Status::ArgumentError(where + " must be an integer from 1 to 1000000");
      out->iterations = static_cast<int>(v.as_int());
    } else if (key == "damping") {
      DYAD_RETURN_IF_ERROR(Number(where, v, 0.0, 1.0, &out->damping));
    } else if (key == "tolerance") {
      DYAD_RETURN_IF_ERROR(Number(where, v, 0.0, 1.0, &out->tolerance));
    } else if (key == "direction") {
      std::string d = v.is_string() ? Lower(v.as_string()) : "";
      if (d == "both") out->direction = DegreeDirection::kBoth;
      else if (d == "out" || d == "outgoing") out->direction = DegreeDirection::kOut;
      else if (d == "in" || d == "incoming") out->direction = DegreeDirection::kIn;
      else return Status::ArgumentError(where + " must be 'both', 'out' or 'in'");
    } else if (key == "weight") {
      if (!v.is_string() || v.as_string().empty())
        return Status::TypeError(where + " must be the name of a numeric relationship property");
      out->weight = v.as_string();
    }
  }
  return Status::OK();
}

}  // namespace dyad::query::algo
