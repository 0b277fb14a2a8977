// ValueToDisplay: the human-readable rendering of values used by the table
// and CSV formats (Cypher-literal style, entities read from the view).
#include <string>

#include "query/result/formatter.h"
#include "storage/transaction.h"

namespace dyad::query {

namespace {

// Appends s as a single-quoted Cypher string literal.
void AppendQuoted(const std::string& s, std::string* out) {
  out->push_back('\'');
  for (char c : s) {
    if (c == '\'' || c == '\\') out->push_back('\\');
    out->push_back(c);
  }
  out->push_back('\'');
}

// Appends a map key, backquoted unless it is a plain identifier.
void AppendKey(const std::string& k, std::string* out) {
  bool plain = !k.empty() && !(k[0] >= '0' && k[0] <= '9');
  for (char c : k) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    plain = plain && ok;
  }
  if (plain) {
    *out += k;
    return;
  }
  out->push_back('`');
  for (char c : k) {
    if (c == '`') out->push_back('`');
    out->push_back(c);
  }
  out->push_back('`');
}

class Renderer {
 public:
  explicit Renderer(storage::Transaction* view) : view_(view) {}

  // Appends v; strings are quoted only when nested.
  void Append(const Value& v, bool nested, std::string* out) {
    switch (v.type()) {
      case ValueType::kNull: *out += "null"; break;
      case ValueType::kBool: *out += v.as_bool() ? "true" : "false"; break;
      case ValueType::kInt: *out += std::to_string(v.as_int()); break;
      case ValueType::kFloat: *out += FormatFloat(v.as_float()); break;
      case ValueType::kString:
        if (nested)
          AppendQuoted(v.as_string(), out);
        else
          *out += v.as_string();
        break;
      case ValueType::kList: {
        out->push_back('[');
        bool first = true;
        for (const Value& e : v.as_list()) {
          if (!first) *out += ", ";
          first = false;
          Append(e, true, out);
        }
        out->push_back(']');
        break;
      }
      case ValueType::kMap: {
        out->push_back('{');
        bool first = true;
        for (const auto& [k, e] : v.as_map()) {
          if (!first) *out += ", ";
          first = false;
          AppendKey(k, out);
          *out += ": ";
          Append(e, true, out);
        }
        out->push_back('}');
        break;
      }
      case ValueType::kDate: *out += FormatDate(v.as_date()); break;
      case ValueType::kDateTime: *out += FormatDateTime(v.as_datetime()); break;
      case ValueType::kDuration: *out += FormatDuration(v.as_duration()); break;
      case ValueType::kNode: AppendNode(v.as_node(), out); break;
      case ValueType::kRel: AppendRel(v.as_rel(), out); break;
      case ValueType::kPath: AppendPath(v.as_path(), out); break;
    }
  }

 private:
  // (:A:B {key: 'k', name: 'n', ...}); (#id) when it cannot be read.
  void AppendNode(NodeRef ref, std::string* out) {
    NodeRecord n;
    if (view_ == nullptr || !view_->GetNode(ref.id, &n).ok() || (n.labels.empty() && n.props.empty())) {
      *out += "(#" + std::to_string(ref.id) + ")";
      return;
    }
    out->push_back('(');
    for (uint32_t l : n.labels) *out += ":" + view_->LabelName(l);
    if (!n.labels.empty() && !n.props.empty()) out->push_back(' ');
    AppendProps(n.props, out);
    out->push_back(')');
  }

  // [:TYPE {props}]; [#id] when it cannot be read.
  void AppendRel(const RelRef& ref, std::string* out) {
    EdgeRecord e;
    if (view_ == nullptr || !view_->GetEdge(ref.id, &e).ok()) {
      *out += "[#" + std::to_string(ref.id) + "]";
      return;
    }
    *out += "[:" + view_->TypeName(e.type);
    if (!e.props.empty()) out->push_back(' ');
    AppendProps(e.props, out);
    out->push_back(']');
  }

  // (a)-[:T]->(b)<-[:U]-(c), naming nodes by key or name.
  void AppendPath(const PathValue& p, std::string* out) {
    for (size_t i = 0; i < p.nodes.size(); ++i) {
      *out += "(" + ShortName(p.nodes[i].id) + ")";
      if (i >= p.rels.size()) break;
      const RelRef& r = p.rels[i];
      bool forward = r.start == p.nodes[i].id;
      std::string type;
      EdgeRecord e;
      if (view_ != nullptr && view_->GetEdge(r.id, &e).ok())
        type = ":" + view_->TypeName(e.type);
      else
        type = "#" + std::to_string(r.id);
      *out += (forward ? "-[" : "<-[") + type + (forward ? "]->" : "]-");
    }
  }

  // A node's key or name property, else #id.
  std::string ShortName(uint64_t id) {
    NodeRecord n;
    if (view_ != nullptr && view_->GetNode(id, &n).ok()) {
      for (const char* prop : {"key", "name"}) {
        auto k = view_->KeyId(prop);
        const Value* v = k ? FindProperty(n.props, *k) : nullptr;
        if (v != nullptr && !v->is_null()) {
          std::string s;
          Append(*v, false, &s);
          return s;
        }
      }
    }
    return "#" + std::to_string(id);
  }

  // {key: .., name: .., then the rest in stored order}; nothing when empty.
  void AppendProps(const PropertyList& props, std::string* out) {
    if (props.empty()) return;
    auto key = view_->KeyId("key"), name = view_->KeyId("name");
    auto rank = [&](uint32_t k) { return key && k == *key ? 0 : (name && k == *name ? 1 : 2); };
    out->push_back('{');
    bool first = true;
    for (int pass = 0; pass < 3; ++pass) {
      for (const auto& [k, v] : props) {
        if (rank(k) != pass) continue;
        if (!first) *out += ", ";
        first = false;
        AppendKey(view_->KeyName(k), out);
        *out += ": ";
        Append(v, true, out);
      }
    }
    out->push_back('}');
  }

  storage::Transaction* view_;
};

}  // namespace

std::string ValueToDisplay(const Value& v, storage::Transaction* view) {
  std::string out;
  Renderer(view).Append(v, false, &out);
  return out;
}

}  // namespace dyad::query
