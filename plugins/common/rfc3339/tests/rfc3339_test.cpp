// The RFC 3339 reading and writing every plugin shares.
#include "mlobs/rfc3339/rfc3339.h"

#include <gtest/gtest.h>

#include <cstdint>

namespace mlobs::rfc3339 {
namespace {


TEST(Rfc3339, ParsesUtc) {
  Timestamp t;
  ASSERT_TRUE(parse("2026-04-07T10:00:00Z", &t));
  EXPECT_EQ(t.seconds, 1775556000);
  EXPECT_EQ(t.nanos, 0);
  ASSERT_TRUE(parse("1970-01-01T00:00:00Z", &t));
  EXPECT_EQ(t.seconds, 0);
}

TEST(Rfc3339, FractionAndOffsetsGiveTheSameInstant) {
  Timestamp a, b, c;
  ASSERT_TRUE(parse("2026-04-07T10:00:00.250Z", &a));
  ASSERT_TRUE(parse("2026-04-07T12:00:00.25+02:00", &b));
  ASSERT_TRUE(parse("2026-04-07t05:30:00.2500000001-04:30", &c));
  EXPECT_EQ(a.nanos, 250'000'000);
  EXPECT_EQ(a, b);
  EXPECT_EQ(a, c);
}

TEST(Rfc3339, LeapDay) {
  Timestamp t;
  EXPECT_TRUE(parse("2024-02-29T00:00:00Z", &t));
  EXPECT_TRUE(parse("2000-02-29T00:00:00Z", &t));
  EXPECT_FALSE(parse("2026-02-29T00:00:00Z", &t));
  EXPECT_FALSE(parse("1900-02-29T00:00:00Z", &t));
}

TEST(Rfc3339, RefusesMalformed) {
  Timestamp t;
  for (const char* bad :
       {"", "2026-04-07", "2026-04-07T10:00Z", "2026-04-07T10:00:00", "2026-04-07T10:00:00+0200",
        "2026-13-07T10:00:00Z", "2026-04-31T10:00:00Z", "2026-04-07T24:00:00Z",
        "2026-04-07T10:60:00Z", "2026-04-07T10:00:61Z", "2026-04-07T10:00:00.Z",
        "2026-04-07T10:00:00ZZ", "2026-4-07T10:00:00Z", "now", "2026-04-07T10:00:00+24:00",
        " 2026-04-07T10:00:00Z"}) {
    EXPECT_FALSE(parse(bad, &t)) << bad;
  }
}

TEST(Rfc3339, FarFutureDoesNotOverflow) {
  Timestamp t;
  ASSERT_TRUE(parse("9999-12-31T23:59:60Z", &t));
  EXPECT_EQ(t.unix_nanos_saturated(), INT64_MAX);
}


constexpr int64_t kSecond = 1'000'000'000;

TEST(Rfc3339, ParsesUtcAsUnixNanos) {
  EXPECT_EQ(parse_unix_nanos("1970-01-01T00:00:00Z"), 0);
  EXPECT_EQ(parse_unix_nanos("2026-04-07T10:00:00Z"), int64_t{1775556000} * kSecond);
  EXPECT_EQ(parse_unix_nanos("2000-02-29T23:59:59z"), int64_t{951868799} * kSecond);
  EXPECT_EQ(parse_unix_nanos("2026-04-07 10:00:00Z"), int64_t{1775556000} * kSecond);
}

TEST(Rfc3339, ParsesFractionsAndOffsets) {
  EXPECT_EQ(parse_unix_nanos("1970-01-01T00:00:00.5Z"), kSecond / 2);
  EXPECT_EQ(parse_unix_nanos("1970-01-01T00:00:01.123456789Z"), kSecond + 123456789);
  // Beyond nanoseconds the digits are truncated.
  EXPECT_EQ(parse_unix_nanos("1970-01-01T00:00:00.0000000019Z"), 1);
  EXPECT_EQ(parse_unix_nanos("2026-04-07T12:00:00+02:00"),
            parse_unix_nanos("2026-04-07T10:00:00Z"));
  EXPECT_EQ(parse_unix_nanos("2026-04-07T04:30:00-05:30"),
            parse_unix_nanos("2026-04-07T10:00:00Z"));
  EXPECT_EQ(parse_unix_nanos("1969-12-31T23:59:59Z"), -kSecond);
}

TEST(Rfc3339, UnixNanosRefuseMalformedAndOutOfRange) {
  for (const char* bad :
       {"", "2026-04-07", "2026-04-07T10:00:00", "2026-04-07T10:00Z", "2026-13-01T00:00:00Z",
        "2026-02-29T00:00:00Z", "2026-04-31T00:00:00Z", "2026-04-07T24:00:00Z",
        "2026-04-07T10:60:00Z", "2026-04-07T10:00:61Z", "2026-04-07T10:00:00.Z",
        "2026-04-07T10:00:00+0200", "2026-04-07T10:00:00+24:00", "2026-04-07T10:00:00Zx",
        "26-04-07T10:00:00Z", "2026-04-07X10:00:00Z", "9999-12-31T23:59:59Z"}) {
    EXPECT_FALSE(parse_unix_nanos(bad)) << bad;
  }
}

TEST(Rfc3339, FormatsUtc) {
  EXPECT_EQ(format_utc(0), "1970-01-01T00:00:00Z");
  EXPECT_EQ(format_utc(int64_t{1775556000} * kSecond), "2026-04-07T10:00:00Z");
  EXPECT_EQ(format_utc(int64_t{1775556000} * kSecond + 250'000'000),
            "2026-04-07T10:00:00.25Z");
  EXPECT_EQ(format_utc(-kSecond / 2), "1969-12-31T23:59:59.5Z");
}

TEST(Rfc3339, RoundTrips) {
  for (const char* s : {"2026-04-07T10:01:00Z", "2000-02-29T23:59:59.000000001Z",
                        "2262-04-11T23:47:15Z", "1678-01-01T00:00:00Z"}) {
    auto nanos = parse_unix_nanos(s);
    ASSERT_TRUE(nanos) << s;
    EXPECT_EQ(format_utc(*nanos), s);
  }
}

}  // namespace
}  // namespace mlobs::rfc3339
