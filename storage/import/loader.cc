#include "storage/import/loader.h"

#include <algorithm>
#include <chrono>
#include <filesystem>

#include "storage/bulk_writer.h"
#include "storage/import/element.h"
#include "storage/import/id_map.h"
#include "storage/import/read_ahead.h"

namespace dyad::storage {

namespace {

// An edge whose endpoints were not known when it was read.
struct PendingEdge {
  Element element;
  std::string file;
};

// Turns elements into records and writes them through a BulkWriter.
class LoadSession {
 public:
  explicit LoadSession(BulkWriter* w) : w_(w) {}

  Status Add(Element&& e, const std::string& file) {
    return e.is_node ? AddNode(e, file) : AddEdge(std::move(e), file, true);
  }

  // Prefetches what adding e will look up (its endpoints' slots in ids_).
  void LookAhead(const Element& e) const {
    if (e.is_node) return;
    ids_.Prefetch(e.from);
    ids_.Prefetch(e.to);
  }

  // Resolves edges that named nodes defined later.
  Status Finish() {
    for (auto& p : pending_) DYAD_RETURN_IF_ERROR(AddEdge(std::move(p.element), p.file, false));
    pending_.clear();
    return Status::OK();
  }

 private:
  std::optional<uint64_t> Resolve(const std::string& key) {
    if (auto id = ids_.Find(key)) return id;
    if (!w_->store_was_empty()) return w_->before()->FindNodeByKey(key);
    return std::nullopt;
  }

  // "file:line: ", the start of an error message about element e.
  static std::string Where(const std::string& file, const Element& e) {
    return file + ":" + std::to_string(e.line) + ": ";
  }

  Status Props(const Element& e, PropertyList* out, const std::string& file) {
    for (const auto& [name, v] : e.props) {
      if (v.is_null()) continue;
      uint32_t k = w_->Key(name);
      if (FindProperty(*out, k)) return Status::InvalidArgument(Where(file, e) + "property '" + name + "' given twice");
      SetProperty(out, k, v);
    }
    return Status::OK();
  }

  Status AddNode(const Element& e, const std::string& file) {
    if (ids_.Find(e.key)) return Status::InvalidArgument(Where(file, e) + "duplicate node key '" + e.key + "'");
    if (!w_->store_was_empty() && w_->before()->FindNodeByKey(e.key))
      return Status::InvalidArgument(Where(file, e) + "node key '" + e.key + "' already exists in the database");
    NodeRecord n;
    for (const auto& l : e.labels) n.labels.push_back(w_->Label(l));
    std::sort(n.labels.begin(), n.labels.end());
    n.labels.erase(std::unique(n.labels.begin(), n.labels.end()), n.labels.end());
    DYAD_RETURN_IF_ERROR(Props(e, &n.props, file));
    SetProperty(&n.props, w_->Key("key"), Value(e.key));
    DYAD_ASSIGN_OR_RETURN(uint64_t id, w_->AddNode(&n));
    ids_.Insert(e.key, id);
    return Status::OK();
  }

  Status AddEdge(Element&& e, const std::string& file, bool may_defer) {
    auto from = Resolve(e.from);
    auto to = Resolve(e.to);
    if (!from || !to) {
      if (may_defer) {
        pending_.push_back({std::move(e), file});
        return Status::OK();
      }
      return Status::InvalidArgument(Where(file, e) + e.type + " edge refers to unknown node key '" +
                                     (from ? e.to : e.from) + "'");
    }
    EdgeRecord& r = edge_;  // reused: its property list keeps its capacity
    r.props.clear();
    r.type = w_->Type(e.type);
    r.start = *from;
    r.end = *to;
    DYAD_RETURN_IF_ERROR(Props(e, &r.props, file));
    return w_->AddEdge(&r);
  }

  BulkWriter* w_;
  IdMap ids_;
  std::vector<PendingEdge> pending_;
  EdgeRecord edge_;
};

std::string Extension(const std::string& path) {
  std::string ext = std::filesystem::path(path).extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(), ::tolower);
  return ext;
}

template <typename Body>
Result<LoadStats> RunLoad(GraphStore* store, Body body) {
  auto t0 = std::chrono::steady_clock::now();
  DYAD_ASSIGN_OR_RETURN(std::unique_ptr<BulkWriter> w, BulkWriter::Begin(store));
  LoadSession session(w.get());
  Status s = body(session);
  if (s.ok()) s = session.Finish();
  if (s.ok()) s = w->Finish();
  if (!s.ok()) {
    Status rb = w->Abort();
    if (!rb.ok()) return Status::IOError(s.message() + " (and the rollback failed: " + rb.message() + ")");
    return s;
  }
  LoadStats stats;
  stats.nodes = w->nodes_added();
  stats.edges = w->edges_added();
  stats.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return stats;
}

}  // namespace

Result<LoadStats> LoadFiles(GraphStore* store, const std::vector<std::string>& files, const LoadProgressFn& progress) {
  for (const auto& f : files) {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(f, ec)) return Status::IOError(f + ": no such file");
    std::string ext = Extension(f);
    if (ext != ".json" && ext != ".jsonl" && ext != ".ndjson" && ext != ".csv")
      return Status::InvalidArgument(f + ": unknown file type '" + ext + "' (expected .json, .jsonl, .ndjson or .csv)");
  }
  return RunLoad(store, [&](LoadSession& session) -> Status {
    for (size_t i = 0; i < files.size(); ++i) {
      const std::string& f = files[i];
      std::error_code ec;
      uint64_t size = std::filesystem::file_size(f, ec);
      ProgressFn p = progress ? ProgressFn([&, i, size](uint64_t b) { progress(i, b, size); }) : ProgressFn();
      std::string ext = Extension(f);
      // Parsing runs a step ahead on its own thread (ReadAhead).
      ElementReader read = [&](const ElementSink& sink) {
        return ext == ".json"  ? ReadJsonFile(f, sink, p)
               : ext == ".csv" ? ReadCsvFile(f, sink, p)
                               : ReadJsonLinesFile(f, sink, p);
      };
      DYAD_RETURN_IF_ERROR(ReadAhead(
          read, [&](Element&& e) { return session.Add(std::move(e), f); },
          [&](const Element& e) { session.LookAhead(e); }));
      if (progress) progress(i, size, size);
    }
    return Status::OK();
  });
}

Result<LoadStats> LoadTexts(GraphStore* store, const std::vector<TextInput>& inputs) {
  return RunLoad(store, [&](LoadSession& session) -> Status {
    for (const auto& in : inputs) {
      ElementSink sink = [&](Element&& e) { return session.Add(std::move(e), in.name); };
      DYAD_RETURN_IF_ERROR(ReadJsonText(in.name, in.text, sink));
    }
    return Status::OK();
  });
}

}  // namespace dyad::storage
