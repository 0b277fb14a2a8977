// Regression tests for what tests/fuzz found in graph/ (docs/RELIABILITY.md);
// each input is also kept in the fuzz target's seed corpus.
#include <gtest/gtest.h>

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>

#include <climits>
#include <string>

#include "graph/codec.h"
#include "graph/json_value.h"
#include "graph/json_writer.h"
#include "graph/temporal.h"

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

// value_codec_fuzz: a stored datetime near the ends of int64 (a corrupt
// record; datetime({epochSeconds: ...}) makes such values too) overflowed
// seconds + offset and days * 86400 in WallClock; days near the ends of
// int64 overflowed CivilFromDays. Every int64 now renders.
TEST(FuzzRegressionsTest, ExtremeTemporalValuesRender) {
  const std::string crash("\x0b\xff\xff\xff\xff\xff\xff\xff\xff\xff\x23\x08\x0c\x00\x00\x00\x0a\x03\x06\x04\x00", 21);
  std::string_view in = crash;
  Value v;
  ASSERT_TRUE(DecodeValue(&in, &v).ok());
  rapidjson::StringBuffer buf;
  JsonWriter w(buf);
  JsonValueWriter(&w).Write(v);
  EXPECT_NE(std::string(buf.GetString()).find("~"), std::string::npos) << buf.GetString();

  for (int64_t s : {INT64_MIN, INT64_MIN + 1, INT64_MIN + 86399, int64_t{-1}, int64_t{0}, INT64_MAX - 86399, INT64_MAX}) {
    for (int32_t off : {INT32_MIN, -64800, 0, 64800, INT32_MAX}) {
      DateTime dt;
      dt.seconds = s;
      dt.nanos = 999999999;
      dt.offset_seconds = off;
      int64_t days, tod;
      WallClock(dt, &days, &tod);
      EXPECT_GE(tod, 0);
      EXPECT_LT(tod, kNanosPerDay);
      EXPECT_FALSE(FormatDateTime(dt).empty());
    }
  }
  DateTime dt;
  dt.seconds = -86400 - 1;
  dt.offset_seconds = 3600;
  EXPECT_EQ(FormatDateTime(dt), "1969-12-31T00:59:59+01:00");
  dt.seconds = INT64_MIN;
  dt.offset_seconds = 0;
  int64_t days, tod;
  WallClock(dt, &days, &tod);
  EXPECT_EQ(days, INT64_MIN / 86400 - 1);
  EXPECT_EQ(tod, (INT64_MIN % 86400 + 86400) * kNanosPerSecond);
  for (int64_t d : {INT64_MIN, INT64_MIN + 1, int64_t{-719469}, int64_t{-719468}, int64_t{0}, INT64_MAX})
    EXPECT_FALSE(FormatDate(Date{d}).empty()) << d;
  EXPECT_EQ(FormatDate(Date{0}), "1970-01-01");
  EXPECT_EQ(FormatDate(Date{-719468}), "0000-03-01");
  EXPECT_EQ(FormatDate(Date{-719469}), "0000-02-29");
}

// Decodes a value codec fuzzer's input that must decode (a failure is
// reported and yields null).
Value DecodeCrash(const std::string& bytes) {
  std::string_view in = bytes;
  Value v;
  EXPECT_TRUE(DecodeValue(&in, &v).ok());
  return v;
}

// value_codec_fuzz: microseconds near INT64_MIN in a corrupt duration or
// datetime record overflowed seconds * 1e6 in FromMicros.
TEST(FuzzRegressionsTest, MicrosecondsNearTheEndsOfInt64Decode) {
  Value v = DecodeCrash(std::string("\x0a\xbc\xbc\xbc\xbc\xdb\x46\x8a\xc0\x00\xff\xff\xff\xff\xff\xff"
                                    "\xff\xff\xff\x7f\x00\x02\xf2\xe9",
                                    24));
  ASSERT_TRUE(v.is_duration());
  EXPECT_GE(v.as_duration().nanos, 0);
  EXPECT_LT(v.as_duration().nanos, 1000000000);
  // Every micros value decodes to the same instant.
  for (int64_t micros : {INT64_MIN, INT64_MIN + 1, int64_t{-1}, int64_t{0}, INT64_MAX}) {
    std::string enc;
    enc.push_back('\x0a');  // a duration: months, days, micros (zigzag varints)
    enc.push_back('\0');
    enc.push_back('\0');
    uint64_t z = (static_cast<uint64_t>(micros) << 1) ^ static_cast<uint64_t>(micros >> 63);
    PutVarint(z, &enc);
    std::string_view e = enc;
    Value d;
    ASSERT_TRUE(DecodeValue(&e, &d).ok()) << micros;
    __int128 back = static_cast<__int128>(d.as_duration().seconds) * 1000000 + d.as_duration().nanos / 1000;
    EXPECT_TRUE(back == micros) << micros;
  }
}

// value_codec_fuzz: reading back the tagged JSON of such a duration (about
// -2.56 billion hours) overflowed seconds * 1e6 in ParseIsoDuration; in
// ParseIsoDateTime 18 digits of offset minutes overflowed.
TEST(FuzzRegressionsTest, IsoTextsNearTheEndsOfInt64Parse) {
  Value v = DecodeCrash(std::string("\x0a\xbc\xbc\xbc\xbc\xdb\x46\x8a\xc0\x00\xdf\xff\xff\xff\xff\xff"
                                    "\xff\xff\xff\x7f\x00\x02\xf2\xe9",
                                    24));
  ASSERT_TRUE(v.is_duration());
  rapidjson::StringBuffer buf;
  JsonWriter w(buf);
  JsonValueWriter(&w).Write(v);
  rapidjson::Document doc;
  doc.Parse(buf.GetString(), buf.GetSize());
  Value back;
  if (ValueFromJson(doc, &back).ok()) {
    EXPECT_EQ(back, v) << buf.GetString();
  }

  Duration d;
  ASSERT_TRUE(ParseIsoDuration("-PT9223372036854.775807S", &d));
  EXPECT_EQ(d.seconds, -9223372036855);
  EXPECT_EQ(d.nanos, 224193000);

  DateTime dt;
  ASSERT_TRUE(ParseIsoDateTime("9999-12-31T23:59:59.5+08:00", &dt));
  EXPECT_EQ(FormatDateTime(dt), "9999-12-31T23:59:59.500+08:00");
  ASSERT_TRUE(ParseIsoDateTime("0000-01-01T00:00:00Z", &dt));
  EXPECT_EQ(FormatDateTime(dt), "0000-01-01T00:00Z");
  EXPECT_FALSE(ParseIsoDateTime("2020-01-01T00:00+08:999999999999999999", &dt));
  EXPECT_FALSE(ParseIsoDateTime("2020-01-01T00:00+24:00", &dt));
  ASSERT_TRUE(ParseIsoDateTime("2020-01-01T00:00:00.25-05:30", &dt));
  EXPECT_EQ(FormatDateTime(dt), "2020-01-01T00:00:00.250-05:30");
}

}  // namespace
}  // namespace dyad
