// Loader: formats, typed values, errors with file:line, all-or-nothing.
#include <cmath>
#include <fstream>

#include "../storage/test_util.h"
#include "storage/import/loader.h"

namespace dyad::storage {
namespace {

class LoaderTest : public ::testing::Test {
 protected:
  void SetUp() override { store_ = OpenOrDie(dir_.sub("db")); }
  std::string Write(const std::string& name, const std::string& text) {
    std::string p = dir_.sub(name);
    std::ofstream(p, std::ios::binary) << text;
    return p;
  }
  Result<LoadStats> Load(std::vector<std::string> files) { return LoadFiles(store_.get(), files); }
  // Asserts a load fails with a message containing want and changes nothing.
  void ExpectFails(std::vector<std::string> files, const std::string& want) {
    Counters before = store_->counters();
    auto r = Load(files);
    ASSERT_FALSE(r.ok()) << "expected failure: " << want;
    EXPECT_NE(r.status().message().find(want), std::string::npos) << r.status().message();
    Counters after = store_->counters();
    EXPECT_EQ(before.nodes, after.nodes);
    EXPECT_EQ(before.edges, after.edges);
    ExpectConsistent(store_.get());
  }
  Value Prop(const std::string& key, const std::string& name) {
    auto t = store_->BeginRead();
    auto id = t->FindNodeByKey(key);
    EXPECT_TRUE(id.has_value()) << key;
    NodeRecord n;
    if (!id || !t->GetNode(*id, &n).ok()) return Value();
    auto k = t->KeyId(name);
    const Value* v = k ? FindProperty(n.props, *k) : nullptr;
    return v ? *v : Value();
  }
  TempDir dir_;
  std::unique_ptr<GraphStore> store_;
};

TEST_F(LoaderTest, JsonWithTypedValuesAndForwardReferences) {
  auto f = Write("g.json", R"({
  "edges": [{"type": "SIGNED", "from": "admin", "to": "deal", "properties": {"date": {"~date": "2020-01-15"}}}],
  "nodes": [
    {"key": "admin", "labels": ["Actor", "Administration"], "properties": {"name": "Trump administration"}},
    {"key": "deal", "labels": ["Mechanism"], "properties": {"name": "Phase One", "aliases": ["POETA"],
      "n": 9007199254740993, "f": 1.0, "g": 2.5e-7, "nan": {"~float": "NaN"}, "skip": null}}
  ]})");
  auto r = Load({f});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->nodes, 2u);
  EXPECT_EQ(r->edges, 1u);
  EXPECT_EQ(Prop("deal", "n"), Value(int64_t{9007199254740993}));
  EXPECT_TRUE(Prop("deal", "f").is_float());
  EXPECT_TRUE(std::isnan(Prop("deal", "nan").as_float()));
  EXPECT_TRUE(Prop("deal", "skip").is_null());
  EXPECT_EQ(Prop("deal", "aliases"), Value(List{Value("POETA")}));
  ExpectConsistent(store_.get());
  // The alias is indexed: a lookup by it finds the node.
  auto t = store_->BeginRead();
  Value alias("POETA");
  auto c = t->IndexSeek(kGlobalLabel, *t->KeyId("aliases"), &alias, true, &alias, true);
  ASSERT_TRUE(c->Valid());
  EXPECT_EQ(c->node_id(), *t->FindNodeByKey("deal"));
}

TEST_F(LoaderTest, JsonLinesAndCsvTogetherReferToEachOther) {
  auto nodes = Write("n.csv", ":ID,name,year:int,score:float,ok:boolean,day:date,tags:string[],:LABEL\n"
                              "a,\"Alice, \"\"A\"\"\",1999,0.5,true,2001-02-03,x;y,Person;Actor\n"
                              "b,\"multi\nline\",,,,,,Person\n");
  auto rels = Write("r.csv", ":START_ID,:END_ID,:TYPE,w:int\na,c,KNOWS,3\n");
  auto jl = Write("c.jsonl", "{\"key\": \"c\", \"labels\": [\"Person\"]}\n\n{\"type\": \"LIKES\", \"from\": \"c\", \"to\": \"b\"}\n");
  auto r = Load({nodes, rels, jl});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->nodes, 3u);
  EXPECT_EQ(r->edges, 2u);
  EXPECT_EQ(Prop("a", "name"), Value("Alice, \"A\""));
  EXPECT_EQ(Prop("a", "year"), Value(int64_t{1999}));
  EXPECT_EQ(Prop("a", "ok"), Value(true));
  EXPECT_EQ(Prop("a", "tags"), Value(List{Value("x"), Value("y")}));
  EXPECT_EQ(Prop("b", "name"), Value("multi\nline"));
  EXPECT_TRUE(Prop("b", "year").is_null());
  Date d;
  ParseIsoDate("2001-02-03", &d);
  EXPECT_EQ(Prop("a", "day"), Value(d));
  ExpectConsistent(store_.get());
}

TEST_F(LoaderTest, ErrorsNameFileAndLineAndChangeNothing) {
  ASSERT_TRUE(Load({Write("ok.json", R"({"nodes": [{"key": "x", "labels": ["L"]}]})")}).ok());
  ExpectFails({Write("syntax.json", "{\"nodes\": [\n{\"key\": \"y\", \"labels\": [\"L\"]},\n{\"key\": }\n]}")},
              "syntax.json:3: invalid JSON");
  ExpectFails({Write("dangling.json", "{\"nodes\": [{\"key\": \"y\", \"labels\": [\"L\"]}],\n"
                                      "\"edges\": [\n{\"type\": \"R\", \"from\": \"y\", \"to\": \"nope\"}]}")},
              "dangling.json:3: R edge refers to unknown node key 'nope'");
  ExpectFails({Write("dup.jsonl", "{\"key\": \"y\", \"labels\": [\"L\"]}\n{\"key\": \"y\", \"labels\": [\"L\"]}\n")},
              "dup.jsonl:2: duplicate node key 'y'");
  ExpectFails({Write("exists.jsonl", "{\"key\": \"x\", \"labels\": [\"L\"]}\n")},
              "exists.jsonl:1: node key 'x' already exists in the database");
  ExpectFails({Write("nolabel.json", "{\"nodes\": [{\"key\": \"z\", \"labels\": []}]}")}, "needs a non-empty 'labels'");
  ExpectFails({Write("date.json", "{\"nodes\": [\n{\"key\": \"z\", \"labels\": [\"L\"], \"properties\": "
                                  "{\"d\": {\"~date\": \"2001-02-30\"}}}]}")},
              "date.json:2: property 'd': invalid date '2001-02-30'");
  ExpectFails({Write("big.json", "{\"nodes\": [{\"key\": \"z\", \"labels\": [\"L\"], \"properties\": "
                                 "{\"n\": 99999999999999999999}}]}")},
              "outside the 64-bit range");
  ExpectFails({Write("cols.csv", ":ID,name,:LABEL\nq,x\n")}, "cols.csv:2: expected 3 fields, found 2");
  ExpectFails({Write("type.csv", ":ID,n:int,:LABEL\nq,1.5,L\n")}, "type.csv:2: column 'n': '1.5' is not a 64-bit integer");
  ExpectFails({Write("hdr.csv", "name,other\nq,1\n")}, "hdr.csv:1: header needs one :ID column");
  ExpectFails({Write("quote.csv", ":ID,:LABEL\n\"open,L\n")}, "quote.csv:2: unterminated quoted field");
  ExpectFails({dir_.sub("missing.json")}, "no such file");
  ExpectFails({Write("x.txt", "")}, "unknown file type");
  // A good file followed by a bad one: nothing of either is kept.
  ExpectFails({Write("good.jsonl", "{\"key\": \"g\", \"labels\": [\"L\"]}\n"),
               Write("bad.jsonl", "{\"type\": \"R\", \"from\": \"g\"}\n")},
              "bad.jsonl:1: missing 'to'");
  EXPECT_FALSE(store_->BeginRead()->FindNodeByKey("g").has_value());
}

TEST_F(LoaderTest, LargeLoadIsBatchedAndConsistent) {
  std::string nodes = ":ID,v:int,:LABEL\n", rels = ":START_ID,:END_ID,:TYPE\n";
  for (int i = 0; i < 5000; ++i) nodes += "n" + std::to_string(i) + "," + std::to_string(i) + ",N\n";
  for (int i = 0; i < 20000; ++i) rels += "n" + std::to_string(i % 5000) + ",n" + std::to_string((i * 7) % 5000) + ",E\n";
  auto r = Load({Write("n.csv", nodes), Write("r.csv", rels)});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->nodes, 5000u);
  EXPECT_EQ(r->edges, 20000u);
  ExpectConsistent(store_.get());
  store_.reset();
  store_ = OpenOrDie(dir_.sub("db"));
  EXPECT_EQ(store_->counters().edges, 20000);
  ExpectConsistent(store_.get());
}

// Numbers load exactly as written (RapidJSON 1.1.0 read 0e110 as 1.6e293 in
// JSON Lines and rounded many doubles in JSON files off by an ulp), and
// deep nesting is an error, not a stack overflow.
TEST_F(LoaderTest, NumbersAreExactAndNestingIsBounded) {
  auto json = Write("n.json", R"({"nodes": [{"key": "a", "labels": ["L"],
      "properties": {"z": 0e110, "x": 1.3927926388013963e-143, "y": 9.5998012756364456e-283}}]})");
  auto jsonl = Write("n.jsonl", "{\"key\": \"b\", \"labels\": [\"L\"], \"properties\": {\"z\": 0e110, "
                                "\"w\": 0.000000000000000000000000e99, \"x\": 1.3927926388013963e-143}}\n");
  auto r = Load({json, jsonl});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(Prop("a", "z"), Value(0.0));
  EXPECT_EQ(Prop("a", "x"), Value(1.3927926388013963e-143));
  EXPECT_EQ(Prop("a", "y"), Value(9.5998012756364456e-283));
  EXPECT_EQ(Prop("b", "z"), Value(0.0));
  EXPECT_EQ(Prop("b", "w"), Value(0.0));
  EXPECT_EQ(Prop("b", "x"), Value(1.3927926388013963e-143));

  std::string deep = std::string(200000, '[') + std::string(200000, ']');
  ExpectFails({Write("deep.json", "{\"nodes\": [{\"key\": \"c\", \"labels\": [\"L\"], \"properties\": {\"p\": " +
                                      deep + "}}]}")},
              "deep.json:1: nested deeper than 256 levels");
  ExpectFails({Write("deep.jsonl", "{\"key\": \"c\", \"labels\": [\"L\"], \"properties\": {\"p\": " + deep + "}}\n")},
              "deep.jsonl:1: invalid JSON: nested deeper than 256 levels");
}

}  // namespace
}  // namespace dyad::storage
