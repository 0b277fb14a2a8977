// GraphStore and Transaction: CRUD, indexes, atomicity, isolation, reopen.
#include <rocksdb/db.h>
#include <rocksdb/sst_file_reader.h>

#include <algorithm>
#include <random>
#include <set>

#include "storage/bulk_writer.h"
#include "storage/sst_builder.h"
#include "test_util.h"

namespace dyad::storage {
namespace {

std::vector<uint64_t> Collect(std::unique_ptr<Cursor> c) {
  std::vector<uint64_t> ids;
  for (; c->Valid(); c->Next()) ids.push_back(c->node_id());
  return ids;
}

class StoreTest : public ::testing::Test {
 protected:
  void SetUp() override { store_ = OpenOrDie(dir_.sub("db")); }
  uint64_t Node(Transaction* t, const std::string& key, std::vector<std::string> labels = {"Actor"}) {
    auto id = t->CreateNode(labels, {{"key", Value(key)}, {"name", Value("Name " + key)}});
    EXPECT_TRUE(id.ok()) << id.status().ToString();
    return id.ok() ? *id : 0;
  }
  // The bulk-load crash tests start from one committed node ...
  void CommitKeptNode() {
    auto w = store_->BeginWrite();
    Node(w->get(), "kept");
    ASSERT_TRUE((*w)->Commit().ok());
  }
  // ... and, after an interrupted load and a reopen, find only that node.
  // An abandoned writer released the writer lock (it used to be leaked,
  // locked, which LeakSanitizer reported).
  void ExpectOnlyKeptNodeAfterReopen() {
    ASSERT_TRUE(store_->writer_mutex().try_lock());
    store_->writer_mutex().unlock();
    store_.reset();
    store_ = OpenOrDie(dir_.sub("db"));
    EXPECT_EQ(store_->counters().nodes, 1);
    EXPECT_EQ(store_->counters().edges, 0);
    EXPECT_TRUE(store_->GetMeta(kMetaLoadInProgress).empty());
    ExpectConsistent(store_.get());
  }
  TempDir dir_;
  std::unique_ptr<GraphStore> store_;
};

TEST_F(StoreTest, CreateReadUpdateDelete) {
  auto w = store_->BeginWrite();
  ASSERT_TRUE(w.ok());
  Transaction* t = w->get();
  uint64_t a = Node(t, "a", {"Person", "Actor"});
  uint64_t b = Node(t, "b");
  auto e = t->CreateEdge("KNOWS", a, b, {{"since", Value(int64_t{2001})}});
  ASSERT_TRUE(e.ok());
  ASSERT_TRUE(t->Commit().ok());
  ExpectConsistent(store_.get());

  auto r = store_->BeginRead();
  NodeRecord n;
  ASSERT_TRUE(r->GetNode(a, &n).ok());
  EXPECT_EQ(n.labels.size(), 2u);
  EXPECT_EQ(*FindProperty(n.props, *r->KeyId("name")), Value("Name a"));
  EdgeRecord er;
  ASSERT_TRUE(r->GetEdge(*e, &er).ok());
  EXPECT_EQ(er.start, a);
  EXPECT_EQ(er.end, b);
  EXPECT_EQ(r->TypeName(er.type), "KNOWS");
  std::vector<uint64_t> out_nbrs, in_nbrs;
  for (auto c = r->Neighbors(a, Direction::kOut, r->TypeId("KNOWS")); c->Valid(); c->Next()) out_nbrs.push_back(c->adj().nbr);
  for (auto c = r->Neighbors(b, Direction::kIn, std::nullopt); c->Valid(); c->Next()) in_nbrs.push_back(c->adj().nbr);
  EXPECT_EQ(out_nbrs, std::vector<uint64_t>{b});
  EXPECT_EQ(in_nbrs, std::vector<uint64_t>{a});
  EXPECT_FALSE(r->Neighbors(a, Direction::kIn, std::nullopt)->Valid());

  auto w2 = store_->BeginWrite();
  ASSERT_TRUE((*w2)->SetNodeProperty(a, "name", Value("Alice")).ok());
  ASSERT_TRUE((*w2)->SetNodeProperty(a, "age", Value(int64_t{41})).ok());
  ASSERT_TRUE((*w2)->Commit().ok());
  ExpectConsistent(store_.get());
  auto r2 = store_->BeginRead();
  Value alice("Alice");
  EXPECT_EQ(Collect(r2->IndexSeek(kGlobalLabel, *r2->KeyId("name"), &alice, true, &alice, true)), std::vector<uint64_t>{a});
  Value old("Name a");
  EXPECT_TRUE(Collect(r2->IndexSeek(kGlobalLabel, *r2->KeyId("name"), &old, true, &old, true)).empty());

  auto w3 = store_->BeginWrite();
  Status refused = (*w3)->DeleteNode(a, false);
  EXPECT_EQ(refused.code(), Status::Code::kConstraintVerificationFailed);
  ASSERT_TRUE((*w3)->DeleteNode(a, true).ok());
  ASSERT_TRUE((*w3)->Commit().ok());
  ExpectConsistent(store_.get());
  auto r3 = store_->BeginRead();
  EXPECT_EQ(r3->GetNode(a, &n).code(), Status::Code::kNotFound);
  EXPECT_EQ(r3->GetEdge(*e, &er).code(), Status::Code::kNotFound);
  EXPECT_FALSE(r3->Neighbors(b, Direction::kBoth, std::nullopt)->Valid());
  Counters c = store_->counters();
  EXPECT_EQ(c.nodes, 1);
  EXPECT_EQ(c.edges, 0);
}

TEST_F(StoreTest, LabelScanAndPerLabelIndexWithRanges) {
  auto w = store_->BeginWrite();
  Transaction* t = w->get();
  std::vector<uint64_t> ids;
  for (int i = 0; i < 20; ++i) {
    auto id = t->CreateNode({i % 2 ? "Odd" : "Even"}, {{"key", Value("n" + std::to_string(i))}, {"v", Value(int64_t{i})}});
    ASSERT_TRUE(id.ok());
    ids.push_back(*id);
  }
  ASSERT_TRUE(t->CreateIndex("Even", "v").ok());
  ASSERT_TRUE(t->Commit().ok());
  ExpectConsistent(store_.get());
  auto r = store_->BeginRead();
  EXPECT_EQ(Collect(r->ScanLabel(*r->LabelId("Odd"))).size(), 10u);
  Value lo(int64_t{4}), hi(9.5);
  auto got = Collect(r->IndexSeek(*r->LabelId("Even"), *r->KeyId("v"), &lo, true, &hi, true));
  EXPECT_EQ(got, (std::vector<uint64_t>{ids[4], ids[6], ids[8]}));
  got = Collect(r->IndexSeek(*r->LabelId("Even"), *r->KeyId("v"), &lo, false, nullptr, false));
  EXPECT_EQ(got.size(), 7u);  // 6, 8, ..., 18
  // An index created later covers nodes created later.
  auto w2 = store_->BeginWrite();
  auto extra = (*w2)->CreateNode({"Even"}, {{"v", Value(int64_t{5})}});
  ASSERT_TRUE((*w2)->Commit().ok());
  ExpectConsistent(store_.get());
  auto r2 = store_->BeginRead();
  Value five(int64_t{5});
  EXPECT_EQ(Collect(r2->IndexSeek(*r2->LabelId("Even"), *r2->KeyId("v"), &five, true, &five, true)),
            std::vector<uint64_t>{*extra});
}

TEST_F(StoreTest, UncommittedWritesLeaveNoTrace) {
  {
    auto w = store_->BeginWrite();
    uint64_t a = Node(w->get(), "a");
    uint64_t b = Node(w->get(), "b");
    ASSERT_TRUE((*w)->CreateEdge("R", a, b, {}).ok());
    // Read-your-own-writes inside the transaction.
    EXPECT_TRUE((*w)->FindNodeByKey("a").has_value());
    // Dropped without Commit.
  }
  {
    auto r = store_->BeginRead();
    EXPECT_FALSE(r->FindNodeByKey("a").has_value());
    EXPECT_FALSE(r->ScanNodes()->Valid());
  }
  EXPECT_EQ(store_->counters().nodes, 0);
  ExpectConsistent(store_.get());
  // The names the dropped transaction interned are still written by the next.
  {
    auto w = store_->BeginWrite();
    Node(w->get(), "c", {"Actor"});
    ASSERT_TRUE((*w)->Commit().ok());
  }
  store_.reset();
  store_ = OpenOrDie(dir_.sub("db"));
  auto r2 = store_->BeginRead();
  ASSERT_TRUE(r2->LabelId("Actor").has_value());
  ExpectConsistent(store_.get());
}

TEST_F(StoreTest, DuplicateKeyIsAConstraintViolation) {
  auto w = store_->BeginWrite();
  Node(w->get(), "same");
  auto dup = (*w)->CreateNode({"Actor"}, {{"key", Value("same")}});
  EXPECT_EQ(dup.status().code(), Status::Code::kConstraintValidationFailed);
}

TEST_F(StoreTest, ReadersSeeASnapshot) {
  auto w = store_->BeginWrite();
  Node(w->get(), "a");
  ASSERT_TRUE((*w)->Commit().ok());
  auto before = store_->BeginRead();
  auto w2 = store_->BeginWrite();
  Node(w2->get(), "b");
  ASSERT_TRUE((*w2)->Commit().ok());
  EXPECT_FALSE(before->FindNodeByKey("b").has_value());
  EXPECT_TRUE(store_->BeginRead()->FindNodeByKey("b").has_value());
}

TEST_F(StoreTest, PersistsAcrossReopen) {
  uint64_t a;
  {
    auto w = store_->BeginWrite();
    a = Node(w->get(), "a", {"Person"});
    ASSERT_TRUE((*w)->CreateEdge("SELF", a, a, {}).ok());
    ASSERT_TRUE((*w)->Commit().ok());
  }
  store_.reset();
  store_ = OpenOrDie(dir_.sub("db"));
  auto r = store_->BeginRead();
  EXPECT_EQ(r->FindNodeByKey("a"), a);
  EXPECT_EQ(store_->counters().per_label.at(*r->LabelId("Person")), 1);
  EXPECT_EQ(store_->counters().edges, 1);
  ExpectConsistent(store_.get());
  // New ids continue after the old ones.
  auto w = store_->BeginWrite();
  EXPECT_GT(Node(w->get(), "b"), a);
}

TEST_F(StoreTest, RefusesAnotherSchemaVersion) {
  ASSERT_TRUE(store_->PutMeta(kMetaSchemaVersion, EncodeU64(kSchemaVersion + 1)).ok());
  store_.reset();
  auto s = GraphStore::Open(dir_.sub("db"), StoreOptions());
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.status().message().find("schema version"), std::string::npos);
}

TEST_F(StoreTest, CheckerFindsDamage) {
  auto w = store_->BeginWrite();
  uint64_t a = Node(w->get(), "a");
  uint64_t b = Node(w->get(), "b");
  auto e = (*w)->CreateEdge("R", a, b, {});
  ASSERT_TRUE((*w)->Commit().ok());
  // Remove one adjacency entry behind the store's back.
  ASSERT_TRUE(store_->db()->Delete(rocksdb::WriteOptions(), store_->cf(kAdjCF),
                                   AdjKey(b, Direction::kIn, *store_->BeginRead()->TypeId("R"), a, *e)).ok());
  CheckReport r;
  ASSERT_TRUE(CheckStore(store_.get(), &r).ok());
  EXPECT_EQ(r.problem_count, 1u);
  ASSERT_FALSE(r.problems.empty());
  EXPECT_NE(r.problems[0].find("adjacency: missing entry"), std::string::npos);
}

TEST_F(StoreTest, CheckerNamesStrayEntriesOfEveryIndex) {
  auto w = store_->BeginWrite();
  uint64_t a = Node(w->get(), "a");
  uint64_t b = Node(w->get(), "b");
  auto e = (*w)->CreateEdge("R", a, b, {});
  ASSERT_TRUE((*w)->Commit().ok());
  uint32_t type = *store_->BeginRead()->TypeId("R");
  // Entries no record implies: a wrong neighbour, a label the node lacks,
  // an index entry for a node that does not exist.
  auto put = [&](const char* cf, const std::string& k) {
    ASSERT_TRUE(store_->db()->Put(rocksdb::WriteOptions(), store_->cf(cf), k, "").ok());
  };
  put(kAdjCF, AdjKey(a, Direction::kOut, type, a, *e));
  put(kLabelsCF, LabelKey(77, b));
  put(kPropsCF, PropIndexPrefix(kGlobalLabel, 1) + std::string("\x05zzz") + std::string(7, '\0') + "\x63");
  CheckReport r;
  ASSERT_TRUE(CheckStore(store_.get(), &r).ok());
  EXPECT_EQ(r.problem_count, 3u);
  std::string all;
  for (auto& p : r.problems) all += p + "\n";
  EXPECT_NE(all.find("adjacency: stray entry"), std::string::npos) << all;
  EXPECT_NE(all.find("label index: stray entry"), std::string::npos) << all;
  EXPECT_NE(all.find("property index: stray entry"), std::string::npos) << all;
}

TEST_F(StoreTest, BulkLoadAbortAndCrashRecoveryLeaveNoTrace) {
  CommitKeptNode();
  {
    auto bw = BulkWriter::Begin(store_.get());
    ASSERT_TRUE(bw.ok());
    NodeRecord n;
    n.labels = {(*bw)->Label("Temp")};
    ASSERT_TRUE((*bw)->AddNode(&n).ok());
    ASSERT_TRUE((*bw)->Abort().ok());
  }
  EXPECT_EQ(store_->counters().nodes, 1);
  ExpectConsistent(store_.get());
  // Simulate a crash: written records and the marker are on disk, Finish never ran.
  {
    auto bw = BulkWriter::Begin(store_.get());
    NodeRecord n;
    n.labels = {(*bw)->Label("Temp")};
    for (int i = 0; i < 100; ++i) ASSERT_TRUE((*bw)->AddNode(&n).ok());
    EdgeRecord e{0, (*bw)->Type("T"), n.id, n.id, {}};
    ASSERT_TRUE((*bw)->AddEdge(&e).ok());
    // Neither Finish nor Abort runs, as in a kill.
    (*bw)->Abandon();
  }
  ExpectOnlyKeptNodeAfterReopen();
}

TEST_F(StoreTest, BulkLoadKilledAfterIngestionIsRolledBackOnOpen) {
  CommitKeptNode();
  {
    auto bw = BulkWriter::Begin(store_.get());
    ASSERT_TRUE(bw.ok());
    NodeRecord a, b;
    a.labels = b.labels = {(*bw)->Label("Temp")};
    ASSERT_TRUE((*bw)->AddNode(&a).ok());
    ASSERT_TRUE((*bw)->AddNode(&b).ok());
    EdgeRecord e{0, (*bw)->Type("T"), a.id, b.id, {}};
    ASSERT_TRUE((*bw)->AddEdge(&e).ok());
    // The tables are in the store, the counters and the marker not yet updated.
    ASSERT_TRUE((*bw)->Ingest().ok());
    (*bw)->Abandon();
  }
  ExpectOnlyKeptNodeAfterReopen();
}

TEST_F(StoreTest, BulkLoadSpillsSortedRunsAndMergesThem) {
  // Enough edges in reverse order that every table builder spills several runs.
  std::vector<uint64_t> ids;
  {
    auto bw = BulkWriter::Begin(store_.get(), /*run_bytes=*/32 << 10);
    ASSERT_TRUE(bw.ok());
    for (int i = 0; i < 2000; ++i) {
      NodeRecord n;
      n.labels = {(*bw)->Label(i % 2 ? "Odd" : "Even")};
      ASSERT_TRUE((*bw)->AddNode(&n).ok());
      ids.push_back(n.id);
    }
    for (int i = 0; i < 20000; ++i) {
      EdgeRecord e{0, (*bw)->Type(i % 3 ? "A" : "B"), ids[(1999 - i % 2000)], ids[(i * 7) % 2000], {}};
      ASSERT_TRUE((*bw)->AddEdge(&e).ok());
    }
    ASSERT_TRUE((*bw)->Finish().ok());
  }
  EXPECT_EQ(store_->counters().nodes, 2000);
  EXPECT_EQ(store_->counters().edges, 20000);
  ExpectConsistent(store_.get());
  auto r = store_->BeginRead();
  int64_t out = 0;
  for (auto c = r->Neighbors(ids[0], Direction::kOut, std::nullopt); c->Valid(); c->Next()) ++out;
  EXPECT_EQ(out, 10);  // i = 1999 + 2000k for k < 10
}

// The keys of the SST files an SstBuilder wrote, in file order.
std::vector<std::string> ReadTables(rocksdb::DB* db, rocksdb::ColumnFamilyHandle* cf,
                                    const std::vector<std::string>& files) {
  std::vector<std::string> keys;
  for (const auto& f : files) {
    rocksdb::SstFileReader reader(db->GetOptions(cf));
    EXPECT_TRUE(reader.Open(f).ok()) << f;
    std::unique_ptr<rocksdb::Iterator> it(reader.NewIterator(rocksdb::ReadOptions()));
    for (it->SeekToFirst(); it->Valid(); it->Next()) keys.push_back(it->key().ToString());
  }
  return keys;
}

// count keys, each added twice, shuffled: fixed-size ones (29 bytes, as
// adjacency keys) and variable ones. Few values of the first 24 bytes, so
// that the last bytes decide many comparisons.
std::vector<std::string> TestKeys(std::mt19937& rng, bool fixed, int count) {
  std::vector<std::string> keys;
  for (int i = 0; i < count; ++i) {
    std::string k = std::string(8, '\0') + std::string(16, static_cast<char>(rng() % 2));
    for (int j = 0; j < 3; ++j) k[5 + j] = static_cast<char>(rng() % 16);  // the first word: 12 bits vary
    if (fixed) {
      for (size_t j = 24; j < kAdjKeySize; ++j) k.push_back(static_cast<char>(rng() % 5));
    } else {
      k.resize(rng() % 26);
      k += std::to_string(rng() % 100000);
    }
    keys.push_back(k);
  }
  const std::vector<std::string> once = keys;
  keys.insert(keys.end(), once.begin(), once.end());
  std::shuffle(keys.begin(), keys.end(), rng);
  return keys;
}

TEST_F(StoreTest, SstBuilderSortsAndDedupsFixedAndVariableKeys) {
  // In one in-memory run (large budget) and spilled in many runs (tiny
  // budget, merged by two threads), every table must hold each key once,
  // in order.
  std::mt19937 rng(7);
  int n = 0;
  for (bool spill : {false, true}) {
    for (bool fixed : {true, false}) {
      std::vector<std::string> keys = TestKeys(rng, fixed, 3000);
      std::set<std::string> want(keys.begin(), keys.end());
      std::string dir = dir_.sub("sst" + std::to_string(n++));
      std::filesystem::create_directories(dir);
      SstBuilder b(store_->db(), store_->cf(kAdjCF), dir, "t", spill ? 4 << 10 : 64 << 20, false,
                   fixed ? kAdjKeySize : 0);
      for (const auto& k : keys) ASSERT_TRUE(b.Add(k, "").ok());
      auto files = b.Finish();
      ASSERT_TRUE(files.ok()) << files.status().ToString();
      std::vector<std::string> got = ReadTables(store_->db(), store_->cf(kAdjCF), *files);
      EXPECT_EQ(got.size(), want.size()) << "spill " << spill << " fixed " << fixed;
      EXPECT_TRUE(got == std::vector<std::string>(want.begin(), want.end())) << "spill " << spill << " fixed " << fixed;
    }
  }
  // A fixed-size table refuses a key of another size, or a value.
  SstBuilder b(store_->db(), store_->cf(kAdjCF), dir_.sub("sstbad"), "t", 64 << 20, false, kAdjKeySize);
  Status s = b.Add(std::string(kAdjKeySize - 1, 'x'), "");
  EXPECT_EQ(s.code(), Status::Code::kInternal);
  EXPECT_NE(s.message().find("wrong size"), std::string::npos) << s.ToString();
  EXPECT_FALSE(b.Add(std::string(kAdjKeySize, 'x'), "v").ok());
}

}  // namespace
}  // namespace dyad::storage
