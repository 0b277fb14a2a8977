// Graph export: every format on a small graph with typed properties, the
// subgraph of a query (nodes, relationships, paths, lists), escaping, and
// errors. Real readers (networkx, Graphviz, Kuzu) check the output in
// tests/export/check_exports.py.
#include <algorithm>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include "query/engine.h"
#include "query/export/exporter.h"
#include "tests/storage/test_util.h"

namespace dyad::query {
namespace {

size_t Count(const std::string& s, const std::string& what) {
  size_t n = 0;
  for (size_t p = s.find(what); p != std::string::npos; p = s.find(what, p + what.size())) ++n;
  return n;
}

class ExportTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = storage::OpenOrDie(dir_.sub("db"));
    Run("CREATE (a:Actor:Country {key: 'us', name: 'United \"States\" & <co>', founded: date('1776-07-04'), "
        "pop: 331, gdp: 2.5e13, member: true, aliases: ['US', 'USA']}), "
        "(b:Actor {key: 'cn', name: 'China', aliases: ['PRC; People\\'s Republic']}), "
        "(m:Mechanism {key: 'mmca', name: 'MMCA', start: date('1998-01-19'), end: date('2020-01-01')}), "
        "(a)-[:SUSPENDED {date: date('2018-01-01'), sources: ['s1'], quotes: ['a \\\\ b', 'line\\nbreak']}]->(m), "
        "(b)-[:MET {count: 3}]->(a), (b)-[:MET {count: 4.5}]->(a)");
  }

  void Run(const std::string& q) {
    QueryEngine engine(store_.get());
    std::vector<QueryResult> results;
    Status s = engine.Run(q, QueryOptions(), &results);
    ASSERT_TRUE(s.ok()) << s.ToString();
  }

  std::string Export(ExportFormat f, const std::string& query = "", CsvPart part = CsvPart::kNodes) {
    ExportOptions o;
    o.format = f;
    o.query = query;
    o.csv_part = part;
    std::ostringstream out;
    Status s = ExportGraph(store_.get(), o, out, &summary_);
    EXPECT_TRUE(s.ok()) << s.ToString();
    return out.str();
  }

  storage::TempDir dir_;
  std::unique_ptr<storage::GraphStore> store_;
  ExportSummary summary_;
};

TEST_F(ExportTest, FormatNames) {
  ExportFormat f;
  for (const char* name : {"graphml", "gexf", "dot", "cytoscape", "d3", "csv"}) {
    ASSERT_TRUE(ParseExportFormat(name, &f).ok()) << name;
    EXPECT_STREQ(ExportFormatName(f), name);
    EXPECT_NE(std::string(ExportContentType(f)), "");
  }
  EXPECT_EQ(ParseExportFormat("pdf", &f).code(), Status::Code::kInvalidArgument);
  EXPECT_EQ(Neo4jDelimiterName('\t'), "TAB");
  EXPECT_EQ(Neo4jDelimiterName('\x1f'), "U+001F");
  EXPECT_EQ(Neo4jDelimiterName('|'), "|");
}

TEST_F(ExportTest, GraphmlDeclaresTypedKeys) {
  std::string x = Export(ExportFormat::kGraphml);
  EXPECT_EQ(summary_.nodes, 3);
  EXPECT_EQ(summary_.relationships, 3);
  EXPECT_EQ(Count(x, "<node id="), 3u);
  EXPECT_EQ(Count(x, "<edge id="), 3u);
  EXPECT_NE(x.find("attr.name=\"pop\" attr.type=\"long\""), std::string::npos) << x;
  EXPECT_NE(x.find("attr.name=\"gdp\" attr.type=\"double\""), std::string::npos);
  EXPECT_NE(x.find("attr.name=\"member\" attr.type=\"boolean\""), std::string::npos);
  EXPECT_NE(x.find("attr.name=\"count\" attr.type=\"double\""), std::string::npos);  // 3 and 4.5
  EXPECT_NE(x.find("attr.name=\"founded\" attr.type=\"string\""), std::string::npos);
  EXPECT_NE(x.find(">1776-07-04<"), std::string::npos);
  EXPECT_NE(x.find("United &quot;States&quot; &amp; &lt;co&gt;"), std::string::npos);
  EXPECT_NE(x.find("&quot;US&quot;,&quot;USA&quot;"), std::string::npos);  // lists as JSON text
  EXPECT_NE(x.find(">:Actor:Country<"), std::string::npos);
  EXPECT_NE(x.find(">SUSPENDED<"), std::string::npos);
}

TEST_F(ExportTest, GexfHasTimesAndColors) {
  std::string x = Export(ExportFormat::kGexf);
  EXPECT_NE(x.find("mode=\"dynamic\" timeformat=\"date\""), std::string::npos);
  EXPECT_NE(x.find("start=\"1998-01-19\" end=\"2020-01-01\""), std::string::npos);
  EXPECT_NE(x.find("label=\"SUSPENDED\" start=\"2018-01-01\""), std::string::npos);
  EXPECT_NE(x.find("title=\"pop\" type=\"long\""), std::string::npos);
  EXPECT_EQ(Count(x, "<viz:color"), 3u);
  EXPECT_EQ(Count(x, "<node id="), 3u);
  EXPECT_EQ(Count(x, "<edge id="), 3u);
}

TEST_F(ExportTest, DotEscapesAndStylesPerLabel) {
  std::string x = Export(ExportFormat::kDot);
  EXPECT_EQ(x.rfind("digraph G {", 0), 0u);
  EXPECT_EQ(Count(x, "->"), 3u);
  EXPECT_NE(x.find("United \\\"States\\\" & <co>"), std::string::npos) << x;
  EXPECT_NE(x.find("a \\\\\\\\ b"), std::string::npos) << x;  // a backslash inside JSON text inside DOT
  EXPECT_NE(x.find("SUSPENDED\\n2018-01-01"), std::string::npos);
  EXPECT_NE(x.find("\"p_pop\"=\"331\""), std::string::npos);
  // Three labels, three fills; Actor+Country nodes are drawn as Country.
  EXPECT_NE(x.find("Country (ellipse)"), std::string::npos);
  EXPECT_EQ(x.find("\n\"United"), std::string::npos);
}

TEST_F(ExportTest, CytoscapeElementsKeepTypes) {
  std::string x = Export(ExportFormat::kCytoscape);
  rapidjson::Document d;
  d.Parse(x.c_str());
  ASSERT_FALSE(d.HasParseError());
  const auto& nodes = d["elements"]["nodes"];
  const auto& edges = d["elements"]["edges"];
  ASSERT_EQ(nodes.Size(), 3u);
  ASSERT_EQ(edges.Size(), 3u);
  bool seen = false;
  for (const auto& n : nodes.GetArray()) {
    if (std::string(n["data"]["key"].GetString()) != "us") continue;
    seen = true;
    EXPECT_TRUE(n["data"]["pop"].IsInt64());
    EXPECT_TRUE(n["data"]["gdp"].IsDouble());
    EXPECT_TRUE(n["data"]["member"].IsBool());
    EXPECT_TRUE(n["data"]["aliases"].IsArray());
    EXPECT_STREQ(n["data"]["founded"].GetString(), "1776-07-04");
    EXPECT_STREQ(n["classes"].GetString(), "Actor Country");
  }
  EXPECT_TRUE(seen);
  for (const auto& e : edges.GetArray()) {
    EXPECT_EQ(std::string(e["data"]["source"].GetString()).rfind("n", 0), 0u);
    EXPECT_TRUE(e["data"].HasMember("type"));
  }
}

TEST_F(ExportTest, D3NodeLink) {
  std::string x = Export(ExportFormat::kD3);
  rapidjson::Document d;
  d.Parse(x.c_str());
  ASSERT_FALSE(d.HasParseError());
  EXPECT_TRUE(d["directed"].GetBool());
  EXPECT_TRUE(d["multigraph"].GetBool());
  EXPECT_EQ(d["nodes"].Size(), 3u);
  ASSERT_EQ(d["links"].Size(), 3u);
  int met = 0;
  for (const auto& l : d["links"].GetArray()) {
    if (std::string(l["type"].GetString()) != "MET") continue;
    ++met;
    EXPECT_TRUE(l["properties"]["count"].IsNumber());
  }
  EXPECT_EQ(met, 2);
}

TEST_F(ExportTest, CsvNeo4jAdminHeaders) {
  std::string nodes = Export(ExportFormat::kCsv);
  EXPECT_EQ(summary_.array_delimiter, '|');  // ';' occurs in an alias
  EXPECT_EQ(nodes.substr(0, nodes.find('\n')),
            "key:ID,:LABEL,aliases:string[],end:date,founded:date,gdp:double,member:boolean,name:string,"
            "pop:long,start:date");
  EXPECT_NE(nodes.find("us,Actor|Country,US|USA,,1776-07-04,"), std::string::npos) << nodes;
  EXPECT_NE(nodes.find("\"United \"\"States\"\" & <co>\""), std::string::npos);
  std::string rels = Export(ExportFormat::kCsv, "", CsvPart::kRelationships);
  EXPECT_EQ(rels.substr(0, rels.find('\n')),
            ":START_ID,:END_ID,:TYPE,count:double,date:date,quotes:string[],sources:string[]");
  EXPECT_NE(rels.find("cn,us,MET,3,,,"), std::string::npos) << rels;
  EXPECT_NE(rels.find("\"a \\ b|line\nbreak\""), std::string::npos) << rels;  // RFC 4180 quoting
  EXPECT_EQ(Count(rels, "\n"), 5u);  // header, three rows, one embedded newline
}

TEST_F(ExportTest, SubgraphOfQuery) {
  Export(ExportFormat::kGraphml, "MATCH (:Actor {key: 'us'})-[r:SUSPENDED]->() RETURN r");
  EXPECT_EQ(summary_.nodes, 2);  // the endpoints come along
  EXPECT_EQ(summary_.relationships, 1);
  Export(ExportFormat::kD3, "MATCH p = (:Actor {key: 'cn'})-[:MET]->() RETURN p");
  EXPECT_EQ(summary_.nodes, 2);
  EXPECT_EQ(summary_.relationships, 2);
  Export(ExportFormat::kDot, "MATCH (n:Actor) RETURN collect(n) AS actors, {m: 1} AS other");
  EXPECT_EQ(summary_.nodes, 2);
  EXPECT_EQ(summary_.relationships, 0);
  Export(ExportFormat::kCytoscape, "MATCH (n:Nothing) RETURN n");
  EXPECT_EQ(summary_.nodes, 0);
}

TEST_F(ExportTest, QueryErrors) {
  ExportOptions o;
  o.format = ExportFormat::kGraphml;
  o.query = "MATCH (n RETURN n";
  std::ostringstream out;
  EXPECT_EQ(ExportGraph(store_.get(), o, out).code(), Status::Code::kSyntaxError);
  EXPECT_EQ(out.str(), "");
  o.query = "CREATE (n:X) RETURN n";
  EXPECT_FALSE(ExportGraph(store_.get(), o, out).ok());
  EXPECT_EQ(out.str(), "");
  std::string text;
  ASSERT_TRUE(ExportGraph(store_.get(), ExportFormat::kGraphml, "MATCH (n:X) RETURN count(n)", &text).ok());
  EXPECT_EQ(Count(text, "<node "), 0u);  // the write was refused, nothing created
}

}  // namespace
}  // namespace dyad::query
