#include "csr_ref.h"

#include <algorithm>
#include <deque>
#include <fstream>
#include <utility>

namespace dyad::bench {

namespace {

// Splits one CSV line (RFC 4180 quotes; no embedded newlines in the bench
// files).
void SplitCsv(const std::string& line, std::vector<std::string>* out) {
  out->clear();
  std::string cell;
  bool quoted = false;
  for (size_t i = 0; i < line.size(); ++i) {
    char c = line[i];
    if (quoted) {
      if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') cell += '"', ++i;
      else if (c == '"') quoted = false;
      else cell += c;
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      out->push_back(std::move(cell));
      cell.clear();
    } else if (c != '\r') {
      cell += c;
    }
  }
  out->push_back(std::move(cell));
}

uint8_t Intern(const std::string& s, std::vector<std::string>* names) {
  auto it = std::find(names->begin(), names->end(), s);
  if (it != names->end()) return static_cast<uint8_t>(it - names->begin());
  names->push_back(s);
  return static_cast<uint8_t>(names->size() - 1);
}

// Visit marks that need no clearing between searches: a mark is current when
// it equals the search's generation.
struct Marks {
  std::vector<uint32_t> gen;
  uint32_t now = 0;
  void Start(size_t n) {
    if (gen.size() != n) gen.assign(n, 0), now = 0;
    if (++now == 0) std::fill(gen.begin(), gen.end(), 0), now = 1;
  }
  bool Seen(uint32_t v) const { return gen[v] == now; }
  void Mark(uint32_t v) { gen[v] = now; }
};

thread_local Marks marks;
thread_local std::vector<uint8_t> depth_of;

}  // namespace

bool CsrGraph::Load(const std::string& dir, std::string* error) {
  std::ifstream nf(dir + "/nodes.csv"), ef(dir + "/edges.csv");
  if (!nf || !ef) {
    *error = "cannot read " + dir + "/nodes.csv or edges.csv";
    return false;
  }
  std::string line;
  std::vector<std::string> cells;
  std::getline(nf, line);  // header: :ID,name,v:int,:LABEL
  while (std::getline(nf, line)) {
    SplitCsv(line, &cells);
    if (cells.size() < 4) continue;
    index_.emplace(cells[0], static_cast<Vertex>(names_.size()));
    names_.push_back(cells[1]);
    v_.push_back(std::stoll(cells[2]));
    labels_.push_back(Intern(cells[3], &label_names_));
  }
  std::vector<std::pair<Vertex, Vertex>> out_edges, in_edges;
  std::vector<EdgeProp> props;
  std::getline(ef, line);  // header: :START_ID,:END_ID,:TYPE,w:int
  while (std::getline(ef, line)) {
    SplitCsv(line, &cells);
    if (cells.size() < 3) continue;
    auto s = index_.find(cells[0]), d = index_.find(cells[1]);
    if (s == index_.end() || d == index_.end()) {
      *error = "edges.csv names an unknown node: " + line;
      return false;
    }
    EdgeProp p;
    p.rel = static_cast<uint32_t>(types_.size());
    types_.push_back(Intern(cells[2], &type_names_));
    out_edges.emplace_back(s->second, d->second);
    in_edges.emplace_back(d->second, s->second);
    props.push_back(p);
  }
  out_ = std::make_unique<Graph>(boost::edges_are_unsorted_multi_pass, out_edges.begin(), out_edges.end(),
                                 props.begin(), names_.size());
  in_ = std::make_unique<Graph>(boost::edges_are_unsorted_multi_pass, in_edges.begin(), in_edges.end(),
                                props.begin(), names_.size());
  return true;
}

template <typename F>
void CsrGraph::ForEach(Vertex v, bool both, int type, F&& f) const {
  for (auto e : boost::make_iterator_range(boost::out_edges(v, *out_))) {
    uint32_t rel = (*out_)[e].rel;
    if (type < 0 || types_[rel] == type) f(rel, static_cast<Vertex>(boost::target(e, *out_)));
  }
  if (!both) return;
  for (auto e : boost::make_iterator_range(boost::out_edges(v, *in_))) {
    Vertex n = static_cast<Vertex>(boost::target(e, *in_));
    uint32_t rel = (*in_)[e].rel;
    if (n != v && (type < 0 || types_[rel] == type)) f(rel, n);
  }
}

int64_t CsrGraph::TwoHop(Vertex a, bool both) const {
  int64_t count = 0;
  ForEach(a, both, -1, [&](uint32_t r1, Vertex b) {
    ForEach(b, both, -1, [&](uint32_t r2, Vertex) { count += r2 != r1; });
  });
  return count;
}

int64_t CsrGraph::WithinThree(Vertex a, bool both) const {
  marks.Start(names_.size());
  std::vector<Vertex> frontier{a}, next;
  int64_t count = 0;
  for (int d = 1; d <= 3; ++d) {
    next.clear();
    for (Vertex v : frontier)
      ForEach(v, both, -1, [&](uint32_t, Vertex n) {
        if (marks.Seen(n)) return;
        marks.Mark(n);
        ++count;
        next.push_back(n);
      });
    frontier.swap(next);
  }
  return count;
}

int64_t CsrGraph::TypedPaths(Vertex a, bool both, int type) const {
  if (type < 0) return 0;
  int64_t count = 0;
  ForEach(a, both, type, [&](uint32_t r1, Vertex b) {
    ++count;
    ForEach(b, both, type, [&](uint32_t r2, Vertex c) {
      if (r2 == r1) return;
      ++count;
      ForEach(c, both, type, [&](uint32_t r3, Vertex) { count += r3 != r1 && r3 != r2; });
    });
  });
  return count;
}

int64_t CsrGraph::Shortest(Vertex a, Vertex b, bool both, int max_hops) const {
  if (a == b) return -1;
  marks.Start(names_.size());
  marks.Mark(a);
  std::vector<Vertex> frontier{a}, next;
  for (int d = 1; d <= max_hops && !frontier.empty(); ++d) {
    next.clear();
    bool found = false;
    for (Vertex v : frontier)
      ForEach(v, both, -1, [&](uint32_t, Vertex n) {
        if (marks.Seen(n)) return;
        marks.Mark(n);
        found |= n == b;
        next.push_back(n);
      });
    if (found) return d;
    frontier.swap(next);
  }
  return -1;
}

bool CsrGraph::Answer(const std::string& id, const CsrSpec& spec, const StartRow& s, std::string* out) const {
  auto find = [&](const std::string& key) -> int64_t {
    auto it = index_.find(key);
    return it == index_.end() ? -1 : it->second;
  };
  int64_t a = find(s.k);
  if (id == "Q1") {
    *out = a < 0 ? "none" : spec.q1 == "name" ? names_[a] : std::to_string(v_[a]);
  } else if (id == "Q2") {
    // The neighbours' names, as the query returns them.
    size_t rows = 0, bytes = 0;
    if (a >= 0) ForEach(static_cast<Vertex>(a), false, -1, [&](uint32_t, Vertex n) { ++rows, bytes += names_[n].size(); });
    *out = std::to_string(rows + (bytes == static_cast<size_t>(-1)));
  } else if (id == "Q3") {
    *out = std::to_string(a < 0 ? 0 : TwoHop(static_cast<Vertex>(a), spec.both));
  } else if (id == "Q4") {
    *out = std::to_string(a < 0 ? 0 : WithinThree(static_cast<Vertex>(a), spec.both));
  } else if (id == "Q5") {
    auto t = std::find(type_names_.begin(), type_names_.end(), spec.type);
    int type = t == type_names_.end() ? -1 : static_cast<int>(t - type_names_.begin());
    *out = std::to_string(a < 0 ? 0 : TypedPaths(static_cast<Vertex>(a), spec.both, type));
  } else if (id == "Q6") {
    int64_t b = find(s.k2);
    int64_t len = a < 0 || b < 0 ? -1 : Shortest(static_cast<Vertex>(a), static_cast<Vertex>(b), spec.both, 6);
    *out = len < 0 ? "none" : std::to_string(len);
  } else if (id == "Q7") {
    std::vector<int64_t> counts(type_names_.size());
    for (uint8_t t : types_) ++counts[t];
    std::vector<std::string> groups;
    for (size_t i = 0; i < counts.size(); ++i) groups.push_back(type_names_[i] + "=" + std::to_string(counts[i]));
    std::sort(groups.begin(), groups.end());
    out->clear();
    for (const auto& g : groups) *out += (out->empty() ? "" : ",") + g;
  } else if (id == "Q8") {
    int label = -1;
    if (!spec.q8_label.empty()) {
      auto l = std::find(label_names_.begin(), label_names_.end(), spec.q8_label);
      label = l == label_names_.end() ? -2 : static_cast<int>(l - label_names_.begin());
    }
    std::vector<std::string> hits;
    if (spec.q8 == "name") {
      std::vector<const std::string*> found;
      for (size_t i = 0; i < names_.size(); ++i)
        if ((label == -1 || labels_[i] == label) && names_[i] >= s.lo && names_[i] < s.hi) found.push_back(&names_[i]);
      size_t k = std::min<size_t>(10, found.size());
      std::partial_sort(found.begin(), found.begin() + k, found.end(),
                        [](const std::string* x, const std::string* y) { return *x < *y; });
      for (size_t i = 0; i < k; ++i) hits.push_back(*found[i]);
    } else {
      int64_t lo = std::stoll(s.lo), hi = std::stoll(s.hi);
      std::vector<int64_t> found;
      for (size_t i = 0; i < v_.size(); ++i)
        if ((label == -1 || labels_[i] == label) && v_[i] >= lo && v_[i] < hi) found.push_back(v_[i]);
      size_t k = std::min<size_t>(10, found.size());
      std::partial_sort(found.begin(), found.begin() + k, found.end());
      for (size_t i = 0; i < k; ++i) hits.push_back(std::to_string(found[i]));
    }
    out->clear();
    for (size_t i = 0; i < hits.size(); ++i) *out += (i ? "|" : "") + hits[i];
  } else {
    *out = "unknown query " + id;
    return false;
  }
  return true;
}

}  // namespace dyad::bench
