// ParseJson: exact numbers, a nesting limit and errors with their offset
// (RapidJSON 1.1.0's own conversions are wrong for some inputs).
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <random>
#include <string>

#include "graph/json_parse.h"

namespace dyad {
namespace {

double ParseDouble(const std::string& text) {
  rapidjson::Document d;
  Status s = ParseJson(text, &d);
  EXPECT_TRUE(s.ok()) << text << ": " << s.ToString();
  EXPECT_TRUE(s.ok() && d.IsDouble()) << text;
  return s.ok() && d.IsNumber() ? d.GetDouble() : -1;
}

// Found by jsonl_loader_fuzz under UBSan (clz(0), then a shift by 747257983
// in rapidjson/internal/strtod.h): a zero with a large exponent read in full
// precision was 1.6e293, or even negative.
TEST(JsonParseTest, ZeroWithALargeExponentIsZero) {
  for (const char* z : {"0e110", "0.0e30", "0E200", "-0e110", "0.000000000000000000000000e99", "[0e110]"}) {
    rapidjson::Document d;
    ASSERT_TRUE(ParseJson(z, &d).ok()) << z;
    const rapidjson::Value& v = d.IsArray() ? d[0] : d;
    ASSERT_TRUE(v.IsDouble()) << z;
    EXPECT_EQ(v.GetDouble(), 0.0) << z;
  }
  EXPECT_TRUE(std::signbit(ParseDouble("-0e110")));
}

// RapidJSON's default mode rounds about a third of random doubles wrongly.
TEST(JsonParseTest, DoublesAreCorrectlyRounded) {
  EXPECT_EQ(ParseDouble("1.3927926388013963e-143"), 1.3927926388013963e-143);
  EXPECT_EQ(ParseDouble("9.5998012756364456e-283"), 9.5998012756364456e-283);
  EXPECT_EQ(ParseDouble("0.1"), 0.1);
  EXPECT_EQ(ParseDouble("2.2250738585072014e-308"), 2.2250738585072014e-308);
  EXPECT_EQ(ParseDouble("1.7976931348623157e308"), 1.7976931348623157e308);
  EXPECT_EQ(ParseDouble("4.9e-324"), 4.9e-324);  // subnormal
  EXPECT_EQ(ParseDouble("1e-400"), 0.0);          // underflows to zero, as strtod
  std::mt19937_64 rng(7);
  char buf[64];
  for (int i = 0; i < 20000; ++i) {
    uint64_t bits = rng();
    double x;
    std::memcpy(&x, &bits, sizeof x);
    if (!std::isfinite(x)) continue;
    std::snprintf(buf, sizeof buf, "%.17g", x);
    if (!std::strpbrk(buf, ".e")) continue;  // an integer literal: not a double
    ASSERT_EQ(ParseDouble(buf), std::strtod(buf, nullptr)) << buf;
  }
}

TEST(JsonParseTest, IntegersStayExact) {
  rapidjson::Document d;
  ASSERT_TRUE(ParseJson("[9007199254740993, -9223372036854775808, 18446744073709551615, 1e2, 99999999999999999999]", &d)
                  .ok());
  EXPECT_TRUE(d[0].IsInt64());
  EXPECT_EQ(d[0].GetInt64(), 9007199254740993);
  EXPECT_EQ(d[1].GetInt64(), INT64_MIN);
  EXPECT_TRUE(d[2].IsUint64());
  EXPECT_EQ(d[2].GetUint64(), UINT64_MAX);
  EXPECT_TRUE(d[3].IsDouble());
  EXPECT_TRUE(d[4].IsDouble());  // beyond 64 bits: a double, as RapidJSON does
  EXPECT_EQ(d[4].GetDouble(), 1e20);
}

// Found while fuzzing the HTTP handling: RapidJSON's parser recurses once per
// level, and an 800 KB body of '[' crashed the server.
TEST(JsonParseTest, DeepNestingIsAnError) {
  std::string ok = std::string(kMaxJsonDepth, '[') + std::string(kMaxJsonDepth, ']');
  rapidjson::Document d;
  EXPECT_TRUE(ParseJson(ok, &d).ok());
  for (int n : {kMaxJsonDepth + 1, 1000000}) {
    std::string deep = std::string(n, '[') + std::string(n, ']');
    Status s = ParseJson(deep, &d);
    ASSERT_FALSE(s.ok());
    EXPECT_EQ(s.code(), Status::Code::kInvalidArgument);
    EXPECT_NE(s.message().find("nested deeper than 256 levels"), std::string::npos) << s.message();
  }
  std::string objects;
  for (int i = 0; i < 500000; ++i) objects += "{\"a\":";
  EXPECT_FALSE(ParseJson(objects, &d).ok());
}

TEST(JsonParseTest, ErrorsNameTheProblemAndOffset) {
  rapidjson::Document d;
  ASSERT_TRUE(ParseJson(R"({"kept": true})", &d).ok());
  Status s = ParseJson(R"({"a": 1,})", &d);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("(at byte 8)"), std::string::npos) << s.message();
  EXPECT_TRUE(d.IsObject() && d.HasMember("kept"));  // left as it was
  EXPECT_FALSE(ParseJson("", &d).ok());
  EXPECT_FALSE(ParseJson("1 2", &d).ok());
  EXPECT_NE(ParseJson("1e400", &d).message().find("too big"), std::string::npos);
  EXPECT_NE(ParseJson("[" + std::string(400, '9') + ".0e-10]", &d).message().find("too big"), std::string::npos);
  ASSERT_TRUE(ParseJson("\xEF\xBB\xBF{\"bom\": 1}", &d).ok());  // a UTF-8 byte order mark is skipped
  EXPECT_EQ(d["bom"].GetInt(), 1);
}

}  // namespace
}  // namespace dyad
