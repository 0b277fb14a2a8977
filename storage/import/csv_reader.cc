// Reader for neo4j-admin style CSV node and relationship files.
#include <fstream>
#include <limits>

#include "graph/json_value.h"
#include "storage/import/element.h"

namespace dyad::storage {

namespace {

// Splits RFC 4180 records from a stream; a quoted field may span lines.
class CsvRecordReader {
 public:
  explicit CsvRecordReader(std::istream& in) : in_(in) {}
  // Reads the next record into fields; false at end of input. *line is the
  // line the record starts on. Sets *error on malformed quoting.
  bool Next(std::vector<std::string>* fields, int* line, std::string* error) {
    fields->clear();
    std::string text;
    if (!std::getline(in_, text)) return false;
    *line = ++line_;
    std::string field;
    bool quoted = false, was_quoted = false;
    size_t i = 0;
    while (true) {
      if (i >= text.size()) {
        if (quoted) {
          std::string more;
          if (!std::getline(in_, more)) {
            *error = "unterminated quoted field";
            return true;
          }
          ++line_;
          field.push_back('\n');
          text = more;
          i = 0;
          continue;
        }
        if (!field.empty() && field.back() == '\r' && !was_quoted) field.pop_back();
        fields->push_back(field);
        return true;
      }
      char c = text[i++];
      if (quoted) {
        if (c == '"') {
          if (i < text.size() && text[i] == '"') {
            field.push_back('"');
            ++i;
          } else {
            quoted = false;
          }
        } else {
          field.push_back(c);
        }
      } else if (c == '"' && field.empty() && !was_quoted) {
        quoted = was_quoted = true;
      } else if (c == ',') {
        fields->push_back(field);
        field.clear();
        was_quoted = false;
      } else if (c == '\r' && i == text.size()) {
      } else {
        if (was_quoted) {
          *error = "text after a closing quote";
          return true;
        }
        field.push_back(c);
      }
    }
  }
  uint64_t bytes() { return static_cast<uint64_t>(in_.tellg()); }

 private:
  std::istream& in_;
  int line_ = 0;
};

// What a header column means.
struct Column {
  enum Kind { kId, kLabel, kStartId, kEndId, kType, kProperty, kIgnore } kind = kProperty;
  std::string name;
  std::string type = "string";
  bool array = false;
};

Status ParseHeader(const std::vector<std::string>& header, std::vector<Column>* cols) {
  for (const std::string& h : header) {
    Column c;
    size_t colon = h.rfind(':');
    std::string name = colon == std::string::npos ? h : h.substr(0, colon);
    std::string type = colon == std::string::npos ? "" : h.substr(colon + 1);
    // ":ID(Group)" style id spaces are accepted and ignored.
    size_t paren = type.find('(');
    if (paren != std::string::npos) type = type.substr(0, paren);
    for (auto& ch : type) ch = static_cast<char>(tolower(ch));
    if (type == "id") c.kind = Column::kId, c.name = name;
    else if (type == "label") c.kind = Column::kLabel;
    else if (type == "start_id") c.kind = Column::kStartId;
    else if (type == "end_id") c.kind = Column::kEndId;
    else if (type == "type") c.kind = Column::kType;
    else if (type == "ignore") c.kind = Column::kIgnore;
    else {
      if (name.empty()) return Status::InvalidArgument("header column '" + h + "' has no property name");
      c.name = name;
      if (type.size() > 2 && type.substr(type.size() - 2) == "[]") {
        c.array = true;
        type = type.substr(0, type.size() - 2);
      }
      if (type.empty()) type = "string";
      if (type == "long" || type == "short" || type == "byte") type = "int";
      if (type == "double") type = "float";
      if (type != "string" && type != "int" && type != "float" && type != "boolean" && type != "date" &&
          type != "datetime" && type != "duration")
        return Status::InvalidArgument("column '" + h + "' has unknown type '" + type + "'");
      c.type = type;
    }
    cols->push_back(c);
  }
  return Status::OK();
}

Status ParseScalar(const std::string& text, const std::string& type, Value* out) {
  if (type == "string") {
    *out = Value(text);
  } else if (type == "int") {
    errno = 0;
    char* end = nullptr;
    long long v = strtoll(text.c_str(), &end, 10);
    if (text.empty() || *end || errno == ERANGE) return Status::InvalidArgument("'" + text + "' is not a 64-bit integer");
    *out = Value(static_cast<int64_t>(v));
  } else if (type == "float") {
    char* end = nullptr;
    double v = strtod(text.c_str(), &end);
    if (text.empty() || *end) return Status::InvalidArgument("'" + text + "' is not a number");
    *out = Value(v);
  } else if (type == "boolean") {
    if (text == "true" || text == "TRUE" || text == "True") *out = Value(true);
    else if (text == "false" || text == "FALSE" || text == "False") *out = Value(false);
    else return Status::InvalidArgument("'" + text + "' is not a boolean (true/false)");
  } else if (type == "date") {
    Date d;
    if (!ParseIsoDate(text, &d)) return Status::InvalidArgument("'" + text + "' is not a date (YYYY-MM-DD)");
    *out = Value(d);
  } else if (type == "datetime") {
    DateTime d;
    if (!ParseIsoDateTime(text, &d)) return Status::InvalidArgument("'" + text + "' is not an ISO 8601 datetime");
    *out = Value(d);
  } else {
    Duration d;
    if (!ParseIsoDuration(text, &d)) return Status::InvalidArgument("'" + text + "' is not an ISO 8601 duration");
    *out = Value(d);
  }
  return Status::OK();
}

std::vector<std::string> SplitSemicolons(const std::string& s) {
  std::vector<std::string> out;
  size_t start = 0;
  while (true) {
    size_t p = s.find(';', start);
    out.push_back(s.substr(start, p == std::string::npos ? std::string::npos : p - start));
    if (p == std::string::npos) break;
    start = p + 1;
  }
  return out;
}

}  // namespace

Status ReadCsvFile(const std::string& path, const ElementSink& sink, const ProgressFn& progress) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::IOError("cannot open " + path);
  return ReadCsvStream(path, in, sink, progress);
}

Status ReadCsvStream(const std::string& path, std::istream& in, const ElementSink& sink, const ProgressFn& progress) {
  CsvRecordReader reader(in);
  std::vector<std::string> fields;
  std::string error;
  int line = 0;
  if (!reader.Next(&fields, &line, &error)) return Status::InvalidArgument(path + ":1: empty CSV file (no header)");
  if (!error.empty()) return Status::InvalidArgument(path + ":1: " + error);
  std::vector<Column> cols;
  Status hs = ParseHeader(fields, &cols);
  if (!hs.ok()) return Status::InvalidArgument(path + ":1: " + hs.message());
  int ids = 0, starts = 0, ends = 0, types = 0;
  for (auto& c : cols) {
    ids += c.kind == Column::kId;
    starts += c.kind == Column::kStartId;
    ends += c.kind == Column::kEndId;
    types += c.kind == Column::kType;
  }
  bool nodes = ids == 1 && starts == 0 && ends == 0;
  bool rels = ids == 0 && starts == 1 && ends == 1 && types <= 1;
  if (!nodes && !rels)
    return Status::InvalidArgument(path + ":1: header needs one :ID column (node file) or :START_ID, :END_ID and "
                                   ":TYPE columns (relationship file)");
  if (rels && types == 0) return Status::InvalidArgument(path + ":1: relationship file needs a :TYPE column");
  uint64_t n = 0;
  while (true) {
    error.clear();
    if (!reader.Next(&fields, &line, &error)) break;
    // Built only for an error message: most rows never need it.
    auto where = [&] { return path + ":" + std::to_string(line) + ": "; };
    if (!error.empty()) return Status::InvalidArgument(where() + error);
    if (fields.size() == 1 && fields[0].empty()) continue;
    if (fields.size() != cols.size())
      return Status::InvalidArgument(where() + "expected " + std::to_string(cols.size()) + " fields, found " +
                                     std::to_string(fields.size()));
    Element e;
    e.is_node = nodes;
    e.line = line;
    for (size_t i = 0; i < cols.size(); ++i) {
      const Column& c = cols[i];
      const std::string& f = fields[i];
      switch (c.kind) {
        case Column::kId:
          e.key = f;
          if (!c.name.empty() && c.name != "key") e.props.emplace_back(c.name, Value(f));
          break;
        case Column::kLabel:
          for (auto& l : SplitSemicolons(f))
            if (!l.empty()) e.labels.push_back(l);
          break;
        case Column::kStartId: e.from = f; break;
        case Column::kEndId: e.to = f; break;
        case Column::kType: e.type = f; break;
        case Column::kIgnore: break;
        case Column::kProperty: {
          if (f.empty()) break;
          Value v;
          if (c.array) {
            List list;
            for (auto& part : SplitSemicolons(f)) {
              Value ev;
              Status s = ParseScalar(part, c.type, &ev);
              if (!s.ok()) return Status::InvalidArgument(where() + "column '" + c.name + "': " + s.message());
              list.push_back(std::move(ev));
            }
            v = Value(std::move(list));
          } else {
            Status s = ParseScalar(f, c.type, &v);
            if (!s.ok()) return Status::InvalidArgument(where() + "column '" + c.name + "': " + s.message());
          }
          e.props.emplace_back(c.name, std::move(v));
          break;
        }
      }
    }
    if (nodes && e.key.empty()) return Status::InvalidArgument(where() + "empty :ID");
    if (nodes && e.labels.empty()) return Status::InvalidArgument(where() + "node has no label (:LABEL column)");
    if (!nodes && (e.from.empty() || e.to.empty())) return Status::InvalidArgument(where() + "empty :START_ID or :END_ID");
    if (!nodes && e.type.empty()) return Status::InvalidArgument(where() + "empty :TYPE");
    DYAD_RETURN_IF_ERROR(sink(std::move(e)));
    if (progress && (++n & 0xffff) == 0) progress(reader.bytes());
  }
  if (in.bad()) return Status::IOError("error reading " + path);
  return Status::OK();
}

}  // namespace dyad::storage
