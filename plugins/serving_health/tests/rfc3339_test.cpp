#include "rfc3339.h"
#include "rfc3339_memo.h"

#include <gtest/gtest.h>

namespace mlobs::serving_health {
namespace {

constexpr int64_t kSecond = 1'000'000'000;

TEST(Rfc3339Test, ParsesUtc) {
  EXPECT_EQ(parse_rfc3339_nanos("1970-01-01T00:00:00Z"), 0);
  EXPECT_EQ(parse_rfc3339_nanos("2026-04-07T10:00:00Z"), int64_t{1775556000} * kSecond);
  EXPECT_EQ(parse_rfc3339_nanos("2000-02-29T23:59:59z"), int64_t{951868799} * kSecond);
  EXPECT_EQ(parse_rfc3339_nanos("2026-04-07 10:00:00Z"), int64_t{1775556000} * kSecond);
}

TEST(Rfc3339Test, ParsesFractionsAndOffsets) {
  EXPECT_EQ(parse_rfc3339_nanos("1970-01-01T00:00:00.5Z"), kSecond / 2);
  EXPECT_EQ(parse_rfc3339_nanos("1970-01-01T00:00:01.123456789Z"), kSecond + 123456789);
  // Beyond nanoseconds the digits are truncated.
  EXPECT_EQ(parse_rfc3339_nanos("1970-01-01T00:00:00.0000000019Z"), 1);
  EXPECT_EQ(parse_rfc3339_nanos("2026-04-07T12:00:00+02:00"),
            parse_rfc3339_nanos("2026-04-07T10:00:00Z"));
  EXPECT_EQ(parse_rfc3339_nanos("2026-04-07T04:30:00-05:30"),
            parse_rfc3339_nanos("2026-04-07T10:00:00Z"));
  EXPECT_EQ(parse_rfc3339_nanos("1969-12-31T23:59:59Z"), -kSecond);
}

TEST(Rfc3339Test, RejectsMalformed) {
  for (const char* bad :
       {"", "2026-04-07", "2026-04-07T10:00:00", "2026-04-07T10:00Z", "2026-13-01T00:00:00Z",
        "2026-02-29T00:00:00Z", "2026-04-31T00:00:00Z", "2026-04-07T24:00:00Z",
        "2026-04-07T10:60:00Z", "2026-04-07T10:00:61Z", "2026-04-07T10:00:00.Z",
        "2026-04-07T10:00:00+0200", "2026-04-07T10:00:00+24:00", "2026-04-07T10:00:00Zx",
        "26-04-07T10:00:00Z", "2026-04-07X10:00:00Z", "9999-12-31T23:59:59Z"}) {
    EXPECT_FALSE(parse_rfc3339_nanos(bad)) << bad;
  }
}

TEST(Rfc3339Test, FormatsUtc) {
  EXPECT_EQ(format_rfc3339_utc(0), "1970-01-01T00:00:00Z");
  EXPECT_EQ(format_rfc3339_utc(int64_t{1775556000} * kSecond), "2026-04-07T10:00:00Z");
  EXPECT_EQ(format_rfc3339_utc(int64_t{1775556000} * kSecond + 250'000'000),
            "2026-04-07T10:00:00.25Z");
  EXPECT_EQ(format_rfc3339_utc(-kSecond / 2), "1969-12-31T23:59:59.5Z");
}

TEST(Rfc3339Test, RoundTrips) {
  for (const char* s : {"2026-04-07T10:01:00Z", "2000-02-29T23:59:59.000000001Z",
                        "2262-04-11T23:47:15Z", "1678-01-01T00:00:00Z"}) {
    auto nanos = parse_rfc3339_nanos(s);
    ASSERT_TRUE(nanos) << s;
    EXPECT_EQ(format_rfc3339_utc(*nanos), s);
  }
}

TEST(Rfc3339Test, MemoAnswersLikeTheParser) {
  Rfc3339Memo memo;
  for (const char* text : {"", "2026-04-07T10:00:00Z", "2026-04-07T10:00:00Z", "nope", "nope",
                           "2026-04-07T10:01:00Z", "2026-04-07T10:00:00Z", ""}) {
    EXPECT_EQ(memo.parse(text), parse_rfc3339_nanos(text)) << text;
  }
}

}  // namespace
}  // namespace mlobs::serving_health
