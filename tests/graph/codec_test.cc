// Value codec round trips and the order-preserving key encoding.
#include <cmath>
#include <limits>
#include <random>

#include <gtest/gtest.h>

#include "graph/codec.h"
#include "graph/temporal.h"
#include "graph/record.h"
#include "graph/value.h"

namespace dyad {
namespace {

Value RoundTrip(const Value& v) {
  std::string buf;
  EXPECT_TRUE(EncodeValue(v, &buf).ok());
  std::string_view in(buf);
  Value out;
  Status s = DecodeValue(&in, &out);
  EXPECT_TRUE(s.ok()) << s.ToString();
  EXPECT_TRUE(in.empty());
  return out;
}

TEST(Codec, ScalarsRoundTrip) {
  for (const Value& v : {Value(), Value(true), Value(false), Value(int64_t{0}), Value(int64_t{-1}),
                         Value(std::numeric_limits<int64_t>::max()), Value(std::numeric_limits<int64_t>::min()),
                         Value(0.0), Value(-2.5e-307), Value(std::numeric_limits<double>::infinity()),
                         Value(std::string("")), Value(std::string("héllo wörld — 中美关系 🚀")),
                         Value(std::string("nul\0byte", 8))}) {
    Value back = RoundTrip(v);
    EXPECT_EQ(back.type(), v.type()) << v.ToString();
    EXPECT_EQ(back, v) << v.ToString();
  }
}

TEST(Codec, NaNRoundTripsAsNaN) {
  Value back = RoundTrip(Value(std::nan("")));
  ASSERT_TRUE(back.is_float());
  EXPECT_TRUE(std::isnan(back.as_float()));
}

TEST(Codec, IntAndFloatStayDistinctTypes) {
  EXPECT_TRUE(RoundTrip(Value(int64_t{3})).is_int());
  EXPECT_TRUE(RoundTrip(Value(3.0)).is_float());
}

TEST(Codec, NestedListsAndMaps) {
  Map inner{{"k", Value(List{Value(int64_t{1}), Value("two"), Value()})}, {"d", Value(Date{-719468})}};
  Value v(List{Value(inner), Value(List{}), Value(Map{}), Value(Duration{14, 3, 5, 1000}),
               Value(DateTime{1234567890, 123456000, -18000})});
  EXPECT_EQ(RoundTrip(v), v);
}

TEST(Codec, NanosecondTemporalsRoundTrip) {
  DateTime zoned{1437511232, 142000000, 3600, InternZone("Europe/London"), TimeKind::kDateTime};
  DateTime time{45074 - 3600, 645876123, 3600, 0, TimeKind::kTime};
  DateTime local{-62135596800, 1, 0, 0, TimeKind::kLocalDateTime};
  DateTime ltime{45074, 999999999, 0, 0, TimeKind::kLocalTime};
  for (DateTime dt : {zoned, time, local, ltime}) EXPECT_EQ(RoundTrip(Value(dt)), Value(dt)) << FormatDateTime(dt);
  Duration big{0, 0, 63113903990000LL, 7};  // does not fit microseconds
  EXPECT_EQ(RoundTrip(Value(big)), Value(big));
  EXPECT_EQ(FormatDateTime(zoned), "2015-07-21T21:40:32.142+01:00[Europe/London]");
  EXPECT_EQ(FormatDateTime(time), "12:31:14.645876123+01:00");
  EXPECT_EQ(FormatDateTime(ltime), "12:31:14.999999999");
}

TEST(Codec, MicrosecondValuesKeepTheOldEncoding) {
  // Old databases hold datetimes and durations in microseconds; values
  // without nanoseconds still encode (and decode) that way.
  std::string buf;
  ASSERT_TRUE(EncodeValue(Value(DateTime{1, 500000000, -3600}), &buf).ok());
  EXPECT_EQ(buf, std::string("\x09\xc0\x8d\xb7\x01\x9f\x38", 7));  // tag 9, zigzag(1500000), zigzag(-3600)
  std::string_view in = buf;
  Value out;
  ASSERT_TRUE(DecodeValue(&in, &out).ok());
  EXPECT_EQ(FormatDateTime(out.as_datetime()), "1969-12-31T23:00:01.500-01:00");
  Duration negative{0, 0, -2, 999000000};  // -1.001 s: micros -1001000
  EXPECT_EQ(RoundTrip(Value(negative)), Value(negative));
}

TEST(Codec, RejectsReferencesAndTruncation) {
  std::string buf;
  EXPECT_FALSE(EncodeValue(Value(NodeRef{1}), &buf).ok());
  ASSERT_TRUE(EncodeValue(Value("abcdef"), &buf).ok());
  for (size_t cut = 0; cut < buf.size(); ++cut) {
    std::string_view in(buf.data(), cut);
    Value out;
    EXPECT_EQ(DecodeValue(&in, &out).code(), Status::Code::kCorruption) << cut;
  }
}

TEST(Codec, DatesParseFormatAndValidate) {
  Date d;
  ASSERT_TRUE(ParseIsoDate("2017-06-01", &d));
  EXPECT_EQ(FormatDate(d), "2017-06-01");
  ASSERT_TRUE(ParseIsoDate("1998", &d));
  EXPECT_EQ(FormatDate(d), "1998-01-01");
  ASSERT_TRUE(ParseIsoDate("2013-04", &d));
  EXPECT_EQ(FormatDate(d), "2013-04-01");
  ASSERT_TRUE(ParseIsoDate("2000-02-29", &d));
  EXPECT_FALSE(ParseIsoDate("2001-02-29", &d));
  EXPECT_FALSE(ParseIsoDate("2001-13-01", &d));
  EXPECT_FALSE(ParseIsoDate("20x1-01-01", &d));
  ASSERT_TRUE(ParseIsoDate("1970-01-01", &d));
  EXPECT_EQ(d.days, 0);
}

TEST(Codec, FloatsAlwaysLookLikeFloats) {
  EXPECT_EQ(FormatFloat(1.0), "1.0");
  EXPECT_EQ(FormatFloat(2.5e-07), "2.5e-07");
  EXPECT_EQ(FormatFloat(0.1), "0.1");
  EXPECT_EQ(FormatFloat(-3.0), "-3.0");
}

// Key order must equal value order for every indexable kind.
TEST(OrderedKey, ByteOrderEqualsValueOrder) {
  std::vector<Value> values = {
      Value(std::numeric_limits<int64_t>::min()), Value(-1e300), Value(int64_t{-5}), Value(-0.5), Value(int64_t{0}),
      Value(0.25), Value(int64_t{1}), Value(1.5), Value(int64_t{1} << 40), Value(1e300),
      Value(std::numeric_limits<double>::infinity()), Value(""), Value(std::string("\0", 1)), Value("a"),
      Value(std::string("a\0b", 3)), Value("ab"), Value("b"), Value("é"), Value(false), Value(true),
      Value(Date{-1000}), Value(Date{0}), Value(Date{20000})};
  std::mt19937 rng(7);
  for (int round = 0; round < 2000; ++round) {
    const Value& a = values[rng() % values.size()];
    const Value& b = values[rng() % values.size()];
    if (a.is_number() != b.is_number() || (!a.is_number() && a.type() != b.type())) continue;
    std::string ka, kb;
    ASSERT_TRUE(EncodeOrderedKey(a, &ka));
    ASSERT_TRUE(EncodeOrderedKey(b, &kb));
    int c = CompareForOrder(a, b);
    int k = ka.compare(kb);
    EXPECT_EQ(c < 0, k < 0) << a.ToString() << " vs " << b.ToString();
    EXPECT_EQ(c > 0, k > 0) << a.ToString() << " vs " << b.ToString();
  }
}

TEST(OrderedKey, IntAndEqualFloatShareAKey) {
  std::string a, b;
  EncodeOrderedKey(Value(int64_t{7}), &a);
  EncodeOrderedKey(Value(7.0), &b);
  EXPECT_EQ(a, b);
  EXPECT_FALSE(EncodeOrderedKey(Value(), &a));
  EXPECT_FALSE(EncodeOrderedKey(Value(List{}), &a));
}

TEST(Record, NodeAndEdgeRoundTrip) {
  NodeRecord n;
  n.labels = {1, 4};
  SetProperty(&n.props, 3, Value("x"));
  SetProperty(&n.props, 1, Value(int64_t{9}));
  ASSERT_EQ(n.props.front().first, 1u);
  std::string buf;
  ASSERT_TRUE(EncodeNode(n, &buf).ok());
  NodeRecord back;
  ASSERT_TRUE(DecodeNode(buf, &back).ok());
  EXPECT_EQ(back.labels, n.labels);
  EXPECT_EQ(back.props, n.props);
  EXPECT_FALSE(DecodeNode(buf + "x", &back).ok());
  EdgeRecord e{0, 7, 100, 200, {{2, Value(1.5)}}};
  buf.clear();
  ASSERT_TRUE(EncodeEdge(e, &buf).ok());
  EdgeRecord eb;
  ASSERT_TRUE(DecodeEdge(buf, &eb).ok());
  EXPECT_EQ(eb.type, 7u);
  EXPECT_EQ(eb.start, 100u);
  EXPECT_EQ(eb.end, 200u);
  EXPECT_EQ(eb.props, e.props);
  SetProperty(&n.props, 3, Value());
  EXPECT_EQ(FindProperty(n.props, 3), nullptr);
}

}  // namespace
}  // namespace dyad
