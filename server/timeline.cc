#include "server/timeline.h"

#include <algorithm>
#include <map>
#include <optional>

#include "server/node_summary.h"
#include "storage/transaction.h"

namespace dyad::server {

const std::vector<std::string>& LifecycleTypes() {
  static const std::vector<std::string> kTypes = {"PROPOSED", "ESTABLISHED", "SIGNED",   "JOINED",
                                                  "EXPANDED", "SUSPENDED",   "FROZE",    "STALLED",
                                                  "CANCELED", "WITHDREW_FROM", "REJOINED", "RESUMED"};
  return kTypes;
}

namespace {

struct Admin {
  uint64_t id = 0;
  std::string key, name, leader, country;
  std::optional<int64_t> start, end;  // days since the epoch; end exclusive
};

struct Event {
  std::string type;
  std::optional<int64_t> date;
  std::string precision;
  NodeRecord actor;
  const Admin* admin = nullptr;
  std::string attributed_by;  // "actor", "person", "country", "date"
  EdgeRecord edge;
};

std::optional<int64_t> DateProperty(storage::Transaction* txn, const PropertyList& props, const char* name) {
  auto k = txn->KeyId(name);
  if (!k) return std::nullopt;
  const Value* v = FindProperty(props, *k);
  if (v && v->is_date()) return v->as_date().days;
  return std::nullopt;
}

// The day a date of the given precision most likely means (mid-period), for
// placing it within an administration's term.
int64_t Representative(int64_t days, const std::string& precision) {
  if (precision == "year") return days + 181;
  if (precision == "month") return days + 14;
  return days;
}

bool InOffice(const Admin& a, int64_t day) {
  return a.start && *a.start <= day && (!a.end || day < *a.end);
}

void WriteDate(JsonWriter* w, std::optional<int64_t> d) {
  if (d) WriteString(w, FormatDate(Date{*d})); else w->Null();
}

void WriteStrings(JsonWriter* w, const std::vector<std::string>& v) {
  w->StartArray();
  for (const auto& s : v) WriteString(w, s);
  w->EndArray();
}

class Builder {
 public:
  explicit Builder(storage::Transaction* txn) : txn_(txn) {}

  Status Build(std::string* out) {
    LoadAdministrations();
    rapidjson::StringBuffer buf;
    JsonWriter w(buf);
    w.StartObject();
    w.Key("administrations");
    w.StartArray();
    for (const Admin& a : admins_) {
      w.StartObject();
      w.Key("key");
      WriteString(&w, a.key);
      w.Key("name");
      WriteString(&w, a.name);
      w.Key("leader");
      WriteString(&w, a.leader);
      w.Key("country");
      WriteString(&w, a.country);
      w.Key("start");
      WriteDate(&w, a.start);
      w.Key("end");
      WriteDate(&w, a.end);
      w.EndObject();
    }
    w.EndArray();
    w.Key("types");
    WriteStrings(&w, LifecycleTypes());
    w.Key("mechanisms");
    w.StartArray();
    DYAD_RETURN_IF_ERROR(WriteMechanisms(&w));
    w.EndArray();
    w.EndObject();
    out->assign(buf.GetString(), buf.GetSize());
    return Status::OK();
  }

 private:
  void LoadAdministrations() {
    auto label = txn_->LabelId("Administration");
    if (!label) return;
    auto governs = txn_->TypeId("GOVERNS");
    for (auto c = txn_->ScanLabel(*label); c->Valid(); c->Next()) {
      NodeRecord n;
      if (!txn_->GetNode(c->node_id(), &n).ok()) continue;
      Admin a;
      a.id = n.id;
      a.key = StringProperty(txn_, n.props, "key");
      a.name = StringProperty(txn_, n.props, "name");
      a.leader = StringProperty(txn_, n.props, "leader");
      a.start = DateProperty(txn_, n.props, "start");
      a.end = DateProperty(txn_, n.props, "end");
      if (governs) {
        auto g = txn_->Neighbors(n.id, storage::Direction::kOut, *governs);
        NodeRecord country;
        if (g->Valid() && txn_->GetNode(g->adj().nbr, &country).ok())
          a.country = StringProperty(txn_, country.props, "key");
      }
      admins_.push_back(std::move(a));
    }
    std::sort(admins_.begin(), admins_.end(), [](const Admin& a, const Admin& b) {
      if (a.start != b.start) return a.start.value_or(0) < b.start.value_or(0);
      return a.key < b.key;
    });
    for (const Admin& a : admins_) by_id_[a.id] = &a;
  }

  // The administration an event belongs to.
  void Attribute(Event* e) {
    if (auto it = by_id_.find(e->actor.id); it != by_id_.end()) {
      e->admin = it->second;
      e->attributed_by = "actor";
      return;
    }
    std::optional<int64_t> day;
    if (e->date) day = Representative(*e->date, e->precision);
    // A person: the administration they served in (at the date, if any).
    if (auto in_office = txn_->TypeId("IN_OFFICE")) {
      std::vector<const Admin*> served;
      for (auto c = txn_->Neighbors(e->actor.id, storage::Direction::kOut, *in_office); c->Valid(); c->Next())
        if (auto it = by_id_.find(c->adj().nbr); it != by_id_.end()) served.push_back(it->second);
      for (const Admin* a : served)
        if (day && InOffice(*a, *day)) {
          e->admin = a;
          e->attributed_by = "person";
          return;
        }
      if (!day && served.size() == 1) {
        e->admin = served[0];
        e->attributed_by = "person";
        return;
      }
    }
    if (!day) return;
    // A country: its own government at the date; anyone else: the US
    // administration in office.
    std::string actor_key = StringProperty(txn_, e->actor.props, "key");
    for (const Admin& a : admins_)
      if (!actor_key.empty() && a.country == actor_key && InOffice(a, *day)) {
        e->admin = &a;
        e->attributed_by = "country";
        return;
      }
    for (const Admin& a : admins_)
      if (a.country == "united_states" && InOffice(a, *day)) {
        e->admin = &a;
        e->attributed_by = "date";
        return;
      }
  }

  Status WriteMechanisms(JsonWriter* w) {
    auto label = txn_->LabelId("Mechanism");
    if (!label) return Status::OK();
    struct Mech {
      NodeRecord node;
      std::vector<Event> events;
      std::optional<int64_t> first;
    };
    std::vector<Mech> mechs;
    for (auto c = txn_->ScanLabel(*label); c->Valid(); c->Next()) {
      Mech m;
      if (!txn_->GetNode(c->node_id(), &m.node).ok()) continue;
      for (const std::string& type : LifecycleTypes()) {
        auto t = txn_->TypeId(type);
        if (!t) continue;
        for (auto a = txn_->Neighbors(m.node.id, storage::Direction::kIn, *t); a->Valid(); a->Next()) {
          Event e;
          e.type = type;
          if (!txn_->GetEdge(a->adj().edge, &e.edge).ok() || !txn_->GetNode(a->adj().nbr, &e.actor).ok()) continue;
          e.date = DateProperty(txn_, e.edge.props, "date");
          e.precision = StringProperty(txn_, e.edge.props, "precision");
          if (e.date && e.precision.empty()) e.precision = "day";
          Attribute(&e);
          if (e.date && (!m.first || *e.date < *m.first)) m.first = e.date;
          m.events.push_back(std::move(e));
        }
      }
      if (m.events.empty()) continue;
      std::stable_sort(m.events.begin(), m.events.end(), [](const Event& a, const Event& b) {
        int64_t da = a.date ? *a.date : (a.admin && a.admin->start ? *a.admin->start : INT64_MAX);
        int64_t db = b.date ? *b.date : (b.admin && b.admin->start ? *b.admin->start : INT64_MAX);
        return da < db;
      });
      mechs.push_back(std::move(m));
    }
    std::stable_sort(mechs.begin(), mechs.end(), [](const Mech& a, const Mech& b) {
      return a.first.value_or(INT64_MAX) < b.first.value_or(INT64_MAX);
    });
    for (const Mech& m : mechs) {
      w->StartObject();
      w->Key("node");
      WriteNodeSummary(w, txn_, m.node);
      w->Key("status");
      WriteString(w, StringProperty(txn_, m.node.props, "status"));
      w->Key("events");
      w->StartArray();
      for (const Event& e : m.events) WriteEvent(w, e);
      w->EndArray();
      w->EndObject();
    }
    return Status::OK();
  }

  void WriteEvent(JsonWriter* w, const Event& e) {
    w->StartObject();
    w->Key("id");
    w->Uint64(e.edge.id);
    w->Key("type");
    WriteString(w, e.type);
    w->Key("date");
    WriteDate(w, e.date);
    w->Key("precision");
    if (e.precision.empty()) w->Null(); else WriteString(w, e.precision);
    w->Key("actor");
    WriteNodeSummary(w, txn_, e.actor);
    w->Key("administration");
    if (e.admin) WriteString(w, e.admin->key); else w->Null();
    w->Key("attributed_by");
    if (e.admin) WriteString(w, e.attributed_by); else w->Null();
    std::string note = StringProperty(txn_, e.edge.props, "what");
    if (note.empty()) note = StringProperty(txn_, e.edge.props, "how");
    w->Key("note");
    if (note.empty()) w->Null(); else WriteString(w, note);
    w->Key("sources");
    WriteStrings(w, StringListProperty(txn_, e.edge.props, "sources"));
    w->Key("quotes");
    WriteStrings(w, StringListProperty(txn_, e.edge.props, "quotes"));
    w->EndObject();
  }

  storage::Transaction* txn_;
  std::vector<Admin> admins_;
  std::map<uint64_t, const Admin*> by_id_;
};

}  // namespace

Status BuildTimelineJson(storage::Transaction* txn, std::string* out) { return Builder(txn).Build(out); }

Result<std::shared_ptr<const std::string>> Timeline::Json(storage::GraphStore* store, uint64_t generation) {
  std::lock_guard<std::mutex> lock(mu_);
  if (json_ && generation_ == generation) return json_;
  auto txn = store->BeginRead();
  auto json = std::make_shared<std::string>();
  DYAD_RETURN_IF_ERROR(BuildTimelineJson(txn.get(), json.get()));
  json_ = std::move(json);
  generation_ = generation;
  return json_;
}

}  // namespace dyad::server
