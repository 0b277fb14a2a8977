// Regression tests for what tests/fuzz found in graph/ (docs/RELIABILITY.md);
// each input is also kept in the fuzz target's seed corpus.
#include <gtest/gtest.h>

#include <rapidjson/document.h>

#include "graph/codec.h"
#include "graph/json_value.h"

namespace dyad {
namespace {

// value_codec_fuzz: a tagged duration whose parts overflow int64 was signed
// overflow (undefined behaviour) in ParseIsoDuration; it is now refused.
TEST(FuzzRegressionsTest, DurationPartsThatOverflowAreRefused) {
  Duration d;
  for (const char* s : {"PT-77576653737H", "PT999999999999999999H", "P999999999999999999Y", "P2000000000000000000W",
                        "PT999999999999999999M", "PT999999999999999999S", "P1DT-999999999999999999S",
                        "PT9223372036854H9223372036854H"})
    EXPECT_FALSE(ParseIsoDuration(s, &d)) << s;
  rapidjson::Document doc;
  doc.Parse(R"({"~duration": "PT-77576653737H"})");
  Value v;
  EXPECT_FALSE(ValueFromJson(doc, &v).ok());
  // In range still parses.
  ASSERT_TRUE(ParseIsoDuration("P1Y2M3DT4H5M6.5S", &d));
  EXPECT_EQ(d.months, 14);
  EXPECT_EQ(d.days, 3);
  ASSERT_TRUE(ParseIsoDuration("PT2562047H", &d));
}

}  // namespace
}  // namespace dyad
