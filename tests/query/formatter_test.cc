// Result formatting: exact JSON per INTERFACES.md, RFC 4180 CSV, and
// Unicode-aware tables that fit a width.
#include "query/result/formatter.h"

#include <cmath>
#include <limits>
#include <sstream>

#include "../storage/test_util.h"

namespace dyad::query {
namespace {

// A result with the given columns and rows and no view.
QueryResult Make(std::vector<std::string> columns, std::vector<Row> rows) {
  QueryResult r;
  r.columns = std::move(columns);
  r.rows = std::move(rows);
  return r;
}

std::string Json(const QueryResult& r, bool stats = false) {
  FormatOptions o;
  o.format = OutputFormat::kJson;
  o.include_stats = stats;
  return FormatResult(r, o);
}

std::string Csv(const QueryResult& r) {
  FormatOptions o;
  o.format = OutputFormat::kCsv;
  return FormatResult(r, o);
}

std::string Table(const QueryResult& r, int max_width = 0) {
  FormatOptions o;
  o.max_width = max_width;
  return FormatResult(r, o);
}

std::vector<std::string> Lines(const std::string& s) {
  std::vector<std::string> out;
  std::istringstream in(s);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

Date D(int y, int m, int d) {
  int64_t days = 0;
  EXPECT_TRUE(DaysFromCivil(y, m, d, &days));
  return Date{days};
}

TEST(FormatterJsonTest, ScalarsExactly) {
  double inf = std::numeric_limits<double>::infinity();
  auto r = Make({"v"}, {{Value()}, {Value(true)}, {Value(false)}, {Value(42)}, {Value(int64_t{-7})},
                        {Value(1.0)}, {Value(2.5e-7)}, {Value(-0.5)}, {Value(std::nan(""))}, {Value(inf)},
                        {Value(-inf)}, {Value("say \"hi\"\n")}, {Value("中美")}});
  EXPECT_EQ(Json(r),
            "{\"columns\":[\"v\"],\"rows\":[[null],[true],[false],[42],[-7],[1.0],[2.5e-07],[-0.5],"
            "[{\"~float\":\"NaN\"}],[{\"~float\":\"Infinity\"}],[{\"~float\":\"-Infinity\"}],"
            "[\"say \\\"hi\\\"\\n\"],[\"中美\"]]}\n");
}

TEST(FormatterJsonTest, CompositesAndTemporals) {
  Map m{{"a", Value(1)}, {"b", Value(List{Value(2.0), Value("x")})}};
  auto r = Make({"l", "m", "d", "dt", "dur"},
                {{Value(List{Value(1), Value("a"), Value()}), Value(m), Value(D(2017, 6, 1)),
                  Value(DateTime{0, 0, 8 * 3600}), Value(Duration{14, 0, 0})}});
  EXPECT_EQ(Json(r),
            "{\"columns\":[\"l\",\"m\",\"d\",\"dt\",\"dur\"],\"rows\":[[[1,\"a\",null],"
            "{\"a\":1,\"b\":[2.0,\"x\"]},{\"~date\":\"2017-06-01\"},"
            "{\"~datetime\":\"1970-01-01T08:00+08:00\"},{\"~duration\":\"P1Y2M\"}]]}\n");
}

TEST(FormatterJsonTest, EmptyAndNoColumns) {
  EXPECT_EQ(Json(Make({"a", "n"}, {})), "{\"columns\":[\"a\",\"n\"],\"rows\":[]}\n");
  EXPECT_EQ(Json(Make({}, {})), "{\"columns\":[],\"rows\":[]}\n");
}

TEST(FormatterJsonTest, StatsAndPlan) {
  QueryResult r = Make({}, {});
  r.stats.nodes_created = 2;
  r.stats.properties_set = 3;
  EXPECT_EQ(Json(r, true),
            "{\"columns\":[],\"rows\":[],\"stats\":{\"nodes_created\":2,\"nodes_deleted\":0,"
            "\"relationships_created\":0,\"relationships_deleted\":0,\"labels_added\":0,"
            "\"labels_removed\":0,\"properties_set\":3}}\n");
  r.plan = "Produce\n  AllNodesScan";
  EXPECT_EQ(Json(r), "{\"columns\":[],\"rows\":[],\"plan\":\"Produce\\n  AllNodesScan\"}\n");
}

TEST(FormatterJsonTest, EntitiesWithoutViewHaveIdsOnly) {
  PathValue p{{NodeRef{1}, NodeRef{2}}, {RelRef{5, 2, 1}}};
  auto r = Make({"n", "r", "p"}, {{Value(NodeRef{1}), Value(RelRef{5, 2, 1}), Value(p)}});
  EXPECT_EQ(Json(r),
            "{\"columns\":[\"n\",\"r\",\"p\"],\"rows\":[[{\"~node\":{\"id\":1}},"
            "{\"~rel\":{\"id\":5,\"start\":2,\"end\":1}},"
            "{\"~path\":[{\"~node\":{\"id\":1}},{\"~rel\":{\"id\":5,\"start\":2,\"end\":1}},"
            "{\"~node\":{\"id\":2}}]}]]}\n");
}

// A store with two nodes and one relationship between them.
class FormatterStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = storage::OpenOrDie(dir_.sub("db"));
    ASSERT_NE(store_, nullptr);
    auto w = store_->BeginWrite();
    ASSERT_TRUE(w.ok());
    auto a = (*w)->CreateNode({"Actor", "Administration"}, {{"name", Value("Trump administration")},
                                                            {"key", Value("trump_admin")}});
    auto b = (*w)->CreateNode({"Mechanism"}, {{"aliases", Value(List{Value("MMCA")})},
                                              {"name", Value("Military Maritime Consultative Agreement")},
                                              {"key", Value("mmca")}});
    ASSERT_TRUE(a.ok() && b.ok());
    a_ = *a;
    b_ = *b;
    auto e = (*w)->CreateEdge("SUSPENDED", a_, b_, {{"date", Value(D(2018, 1, 1))}});
    ASSERT_TRUE(e.ok());
    e_ = *e;
    ASSERT_TRUE((*w)->Commit().ok());
  }
  void TearDown() override { store_.reset(); }

  // A result over the store with one row of values.
  QueryResult WithView(std::vector<std::string> columns, Row row) {
    QueryResult r = Make(std::move(columns), {std::move(row)});
    r.view = std::shared_ptr<storage::Transaction>(store_->BeginRead());
    return r;
  }

  storage::TempDir dir_;
  std::unique_ptr<storage::GraphStore> store_;
  uint64_t a_ = 0, b_ = 0, e_ = 0;
};

TEST_F(FormatterStoreTest, JsonNodesRelsPaths) {
  RelRef rel{e_, a_, b_};
  PathValue p{{NodeRef{b_}, NodeRef{a_}}, {rel}};
  QueryResult r = WithView({"n", "r", "p"}, {Value(NodeRef{a_}), Value(rel), Value(p)});
  std::string a = std::to_string(a_), b = std::to_string(b_), e = std::to_string(e_);
  std::string node_a = "{\"~node\":{\"id\":" + a +
                       ",\"labels\":[\"Actor\",\"Administration\"],\"properties\":{\"key\":\"trump_admin\","
                       "\"name\":\"Trump administration\"}}}";
  std::string node_b = "{\"~node\":{\"id\":" + b +
                       ",\"labels\":[\"Mechanism\"],\"properties\":{\"key\":\"mmca\",\"name\":\"Military "
                       "Maritime Consultative Agreement\",\"aliases\":[\"MMCA\"]}}}";
  std::string rel_json = "{\"~rel\":{\"id\":" + e + ",\"type\":\"SUSPENDED\",\"start\":" + a + ",\"end\":" + b +
                         ",\"properties\":{\"date\":{\"~date\":\"2018-01-01\"}}}}";
  EXPECT_EQ(Json(r), "{\"columns\":[\"n\",\"r\",\"p\"],\"rows\":[[" + node_a + "," + rel_json + ",{\"~path\":[" +
                         node_b + "," + rel_json + "," + node_a + "]}]]}\n");
}

TEST_F(FormatterStoreTest, DisplayOfEntities) {
  auto view = std::shared_ptr<storage::Transaction>(store_->BeginRead());
  EXPECT_EQ(ValueToDisplay(Value(NodeRef{b_}), view.get()),
            "(:Mechanism {key: 'mmca', name: 'Military Maritime Consultative Agreement', aliases: ['MMCA']})");
  EXPECT_EQ(ValueToDisplay(Value(RelRef{e_, a_, b_}), view.get()), "[:SUSPENDED {date: 2018-01-01}]");
  PathValue p{{NodeRef{b_}, NodeRef{a_}}, {RelRef{e_, a_, b_}}};
  EXPECT_EQ(ValueToDisplay(Value(p), view.get()), "(mmca)<-[:SUSPENDED]-(trump_admin)");
  PathValue q{{NodeRef{a_}, NodeRef{b_}}, {RelRef{e_, a_, b_}}};
  EXPECT_EQ(ValueToDisplay(Value(q), view.get()), "(trump_admin)-[:SUSPENDED]->(mmca)");
  EXPECT_EQ(ValueToDisplay(Value(NodeRef{999}), view.get()), "(#999)");
  EXPECT_EQ(ValueToDisplay(Value(NodeRef{a_}), nullptr), "(#" + std::to_string(a_) + ")");
  EXPECT_EQ(ValueToDisplay(Value(q), nullptr),
            "(#" + std::to_string(a_) + ")-[#" + std::to_string(e_) + "]->(#" + std::to_string(b_) + ")");
}

TEST_F(FormatterStoreTest, TableAndCsvShowEntities) {
  QueryResult r = WithView({"m"}, {Value(NodeRef{b_})});
  EXPECT_EQ(Csv(r),
            "m\n\"(:Mechanism {key: 'mmca', name: 'Military Maritime Consultative Agreement', aliases: "
            "['MMCA']})\"\n");
  std::string t = Table(r, 40);
  for (const auto& line : Lines(t)) EXPECT_LE(DisplayWidth(line), 40) << line;
  EXPECT_NE(t.find("│ (:Mechanism {key: 'mmca', name: 'Mi… │"), std::string::npos) << t;
}

TEST(FormatterDisplayTest, Values) {
  EXPECT_EQ(ValueToDisplay(Value("it's"), nullptr), "it's");
  EXPECT_EQ(ValueToDisplay(Value(List{Value(1), Value("a"), Value("it's"), Value()}), nullptr),
            "[1, 'a', 'it\\'s', null]");
  EXPECT_EQ(ValueToDisplay(Value(Map{{"a", Value(1)}, {"my key", Value(D(2017, 6, 1))}}), nullptr),
            "{a: 1, `my key`: 2017-06-01}");
  EXPECT_EQ(ValueToDisplay(Value(2.0), nullptr), "2.0");
  EXPECT_EQ(ValueToDisplay(Value(int64_t{-3}), nullptr), "-3");
  EXPECT_EQ(ValueToDisplay(Value(), nullptr), "null");
  EXPECT_EQ(ValueToDisplay(Value(true), nullptr), "true");
  EXPECT_EQ(ValueToDisplay(Value(Duration{0, 1, 1, 500000000}), nullptr), "P1DT1.5S");
}

TEST(FormatterDisplayTest, DisplayWidth) {
  EXPECT_EQ(DisplayWidth(""), 0);
  EXPECT_EQ(DisplayWidth("abc"), 3);
  EXPECT_EQ(DisplayWidth("中美"), 4);
  EXPECT_EQ(DisplayWidth("ｆｕｌｌ"), 8);             // fullwidth forms
  EXPECT_EQ(DisplayWidth("e\xCC\x81"), 1);           // e + combining acute
  EXPECT_EQ(DisplayWidth("\xF0\x9F\x98\x80"), 2);    // U+1F600 emoji
  EXPECT_EQ(DisplayWidth("한국어"), 6);
  EXPECT_EQ(DisplayWidth("…"), 1);
  EXPECT_EQ(DisplayWidth("a\xFF" "b"), 3);           // malformed byte: one U+FFFD
  EXPECT_EQ(DisplayWidth("\xE4\xB8"), 2);            // truncated sequence: two U+FFFD
}

TEST(FormatterCsvTest, QuotingPerRfc4180) {
  auto r = Make({"name", "n,note"}, {{Value("plain"), Value(1)},
                                     {Value("a,b"), Value("say \"hi\"")},
                                     {Value("two\nlines"), Value("cr\rhere")},
                                     {Value(), Value("")},
                                     {Value(List{Value("x"), Value(2)}), Value(1.5)}});
  EXPECT_EQ(Csv(r),
            "name,\"n,note\"\n"
            "plain,1\n"
            "\"a,b\",\"say \"\"hi\"\"\"\n"
            "\"two\nlines\",\"cr\rhere\"\n"
            ",\"\"\n"
            "\"['x', 2]\",1.5\n");
  EXPECT_EQ(Csv(Make({}, {})), "");
  EXPECT_EQ(Csv(Make({"a"}, {})), "a\n");
}

TEST(FormatterTableTest, AlignsCjkAndNumbers) {
  auto r = Make({"name", "n"}, {{Value("MMCA"), Value(1)}, {Value("中美"), Value(12)}, {Value(), Value()}});
  EXPECT_EQ(Table(r),
            "┌──────┬──────┐\n"
            "│ name │    n │\n"
            "├──────┼──────┤\n"
            "│ MMCA │    1 │\n"
            "│ 中美 │   12 │\n"
            "│ null │ null │\n"
            "└──────┴──────┘\n"
            "(3 rows)\n");
}

TEST(FormatterTableTest, OneRowAndEmpty) {
  EXPECT_EQ(Table(Make({"x"}, {{Value("中美关系")}})),
            "┌──────────┐\n"
            "│ x        │\n"
            "├──────────┤\n"
            "│ 中美关系 │\n"
            "└──────────┘\n"
            "(1 row)\n");
  EXPECT_EQ(Table(Make({"a", "b"}, {})),
            "┌───┬───┐\n"
            "│ a │ b │\n"
            "├───┼───┤\n"
            "└───┴───┘\n"
            "(0 rows)\n");
}

TEST(FormatterTableTest, TruncatesWidestColumnsToFit) {
  std::string long_en(200, 'x');
  std::string long_zh;
  for (int i = 0; i < 50; ++i) long_zh += "中";
  auto r = Make({"id", "text", "zh"}, {{Value(1), Value(long_en), Value(long_zh)},
                                       {Value(2), Value("short"), Value("美")}});
  for (int width : {80, 41, 30, 20}) {
    std::string t = Table(r, width);
    auto lines = Lines(t);
    ASSERT_EQ(lines.size(), 7u) << t;
    for (size_t i = 0; i < 6; ++i) EXPECT_LE(DisplayWidth(lines[i]), width) << width << "\n" << t;
    // Every table line has the same width.
    for (size_t i = 1; i < 6; ++i) EXPECT_EQ(DisplayWidth(lines[i]), DisplayWidth(lines[0])) << t;
    EXPECT_NE(t.find("…"), std::string::npos);
    EXPECT_NE(lines[3].find("│  1 │"), std::string::npos) << t;  // the narrow column is untouched
  }
  // Without a limit nothing is cut.
  EXPECT_EQ(Table(r).find("…"), std::string::npos);
}

TEST(FormatterTableTest, NewlinesAndControlsInCells) {
  auto r = Make({"q"}, {{Value("one\ntwo\r\nthree\tfour")}});
  EXPECT_NE(Table(r).find("│ one⏎two⏎three four │"), std::string::npos) << Table(r);
}

TEST(FormatterTableTest, StatsPlanAndNoColumns) {
  QueryResult w = Make({}, {});
  EXPECT_EQ(Table(w), "(no changes)\n");
  w.stats.nodes_created = 2;
  w.stats.properties_set = 3;
  EXPECT_EQ(Table(w), "Created 2 nodes, set 3 properties.\n");
  w.stats = QueryStats();
  w.stats.relationships_deleted = 1;
  w.stats.labels_added = 1;
  EXPECT_EQ(Table(w), "Deleted 1 relationship, added 1 label.\n");

  QueryResult explain = Make({"n"}, {});
  explain.plan = "Produce\n  AllNodesScan\n";
  EXPECT_EQ(Table(explain), "Produce\n  AllNodesScan\n");

  QueryResult q = Make({"n"}, {{Value(1)}});
  q.stats.nodes_created = 1;
  q.plan = "Produce\n  Create";
  EXPECT_EQ(Table(q),
            "Produce\n  Create\n"
            "┌───┐\n"
            "│ n │\n"
            "├───┤\n"
            "│ 1 │\n"
            "└───┘\n"
            "(1 row)\n"
            "Created 1 node.\n");
}

}  // namespace
}  // namespace dyad::query
