#include "server/search_index.h"

#include <algorithm>
#include <cctype>

#include "server/node_summary.h"
#include "storage/transaction.h"

namespace dyad::server {

std::string NormalizeForSearch(std::string_view text) {
  std::string out;
  bool space = false;
  for (unsigned char c : text) {
    if (c == '.' || c == '\'' || c == 0x60) continue;  // U.S. → us, Xi's → xis
    if (c >= 0x80 || std::isalnum(c)) {
      if (space && !out.empty()) out.push_back(' ');
      space = false;
      out.push_back(static_cast<char>(std::tolower(c)));
    } else {
      space = true;
    }
  }
  return out;
}

namespace {

// Scores how text (normalized) matches q (normalized, non-empty); 0: no match.
int ScoreText(const std::string& text, const std::string& q, const std::vector<std::string>& q_words,
              const char** how) {
  if (text == q) {
    *how = "exact";
    return 100;
  }
  if (text.compare(0, q.size(), q) == 0) {
    *how = "prefix";
    return 80;
  }
  size_t pos = text.find(q);
  if (pos != std::string::npos) {
    // A match at a word start beats one inside a word.
    bool word_start = text[pos - 1] == ' ';
    if (!word_start) pos = text.find(" " + q);
    *how = pos != std::string::npos ? "word" : "substring";
    return pos != std::string::npos ? 60 : 40;
  }
  if (q_words.size() > 1) {
    for (const auto& w : q_words) {
      if (text.compare(0, w.size(), w) != 0 && text.find(" " + w) == std::string::npos) return 0;
    }
    *how = "words";
    return 30;
  }
  return 0;
}

std::vector<std::string> Words(const std::string& s) {
  std::vector<std::string> out;
  size_t i = 0;
  while (i < s.size()) {
    size_t j = s.find(' ', i);
    if (j == std::string::npos) j = s.size();
    if (j > i) out.push_back(s.substr(i, j - i));
    i = j + 1;
  }
  return out;
}

}  // namespace

Result<std::shared_ptr<const SearchIndex::Entries>> SearchIndex::Current(storage::GraphStore* store,
                                                                         uint64_t generation) {
  std::lock_guard<std::mutex> lock(mu_);
  if (entries_ && generation_ == generation) return entries_;
  auto entries = std::make_shared<Entries>();
  auto txn = store->BeginRead();
  for (auto c = txn->ScanNodes(); c->Valid(); c->Next()) {
    NodeRecord n;
    uint64_t id = storage::TrailingId(c->key());
    if (!txn->GetNode(id, &n).ok()) continue;
    Entry e;
    e.id = id;
    e.key = StringProperty(txn.get(), n.props, "key");
    e.name = StringProperty(txn.get(), n.props, "name");
    e.labels = LabelNames(txn.get(), n);
    if (!e.name.empty()) e.texts.push_back({e.name, NormalizeForSearch(e.name), "name"});
    for (const auto& a : StringListProperty(txn.get(), n.props, "aliases"))
      e.texts.push_back({a, NormalizeForSearch(a), "alias"});
    if (!e.key.empty()) e.texts.push_back({e.key, NormalizeForSearch(e.key), "key"});
    if (e.texts.empty()) continue;
    for (auto a = txn->Neighbors(id, storage::Direction::kBoth, std::nullopt); a->Valid(); a->Next()) ++e.degree;
    entries->push_back(std::move(e));
  }
  entries_ = std::move(entries);
  generation_ = generation;
  return entries_;
}

Result<std::vector<SearchHit>> SearchIndex::Search(storage::GraphStore* store, uint64_t generation,
                                                   std::string_view query, size_t limit, const std::string& label) {
  std::vector<SearchHit> hits;
  std::string q = NormalizeForSearch(query);
  if (q.empty() || limit == 0) return hits;
  std::string q_key = q;
  std::replace(q_key.begin(), q_key.end(), ' ', '_');
  std::vector<std::string> q_words = Words(q);
  DYAD_ASSIGN_OR_RETURN(auto entries, Current(store, generation));
  std::vector<std::pair<int64_t, const Entry*>> ranked;  // (degree, entry)
  for (const Entry& e : *entries) {
    if (!label.empty() && std::find(e.labels.begin(), e.labels.end(), label) == e.labels.end()) continue;
    int best = 0;
    const char* how = "";
    std::string matched;
    const char* field = "";
    for (const auto& t : e.texts) {
      const char* h = "";
      int s = ScoreText(t.normalized, q, q_words, &h);
      // A match in the key counts a little less than one in a name or alias.
      if (s > 0 && std::string_view(t.field) == "key") s -= 5;
      if (s > best) {
        best = s;
        how = h;
        matched = t.original;
        field = t.field;
      }
    }
    if (best < 100 && e.key == q_key) {
      best = 100;
      how = "exact";
      matched = e.key;
      field = "key";
    }
    if (best == 0) continue;
    SearchHit hit;
    hit.id = e.id;
    hit.key = e.key;
    hit.name = e.name.empty() ? e.key : e.name;
    hit.labels = e.labels;
    hit.matched = matched;
    hit.match = how;
    hit.field = field;
    hit.score = best;
    hits.push_back(std::move(hit));
    ranked.emplace_back(e.degree, &e);
  }
  // Best score first; then the better connected node; then the shorter name.
  std::vector<size_t> order(hits.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    if (hits[a].score != hits[b].score) return hits[a].score > hits[b].score;
    if (ranked[a].first != ranked[b].first) return ranked[a].first > ranked[b].first;
    if (hits[a].name.size() != hits[b].name.size()) return hits[a].name.size() < hits[b].name.size();
    return hits[a].key < hits[b].key;
  });
  std::vector<SearchHit> out;
  for (size_t i = 0; i < order.size() && out.size() < limit; ++i) out.push_back(std::move(hits[order[i]]));
  return out;
}

}  // namespace dyad::server
