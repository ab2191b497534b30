#include "rfc3339.h"

#include <gtest/gtest.h>

namespace mlobs::serving_ingest {
namespace {

TEST(Rfc3339Test, ParsesUtc) {
  Timestamp t;
  ASSERT_TRUE(parse_rfc3339("2026-04-07T10:00:00Z", &t));
  EXPECT_EQ(t.seconds, 1775556000);
  EXPECT_EQ(t.nanos, 0);
  ASSERT_TRUE(parse_rfc3339("1970-01-01T00:00:00Z", &t));
  EXPECT_EQ(t.seconds, 0);
}

TEST(Rfc3339Test, FractionAndOffsetsGiveTheSameInstant) {
  Timestamp a, b, c;
  ASSERT_TRUE(parse_rfc3339("2026-04-07T10:00:00.250Z", &a));
  ASSERT_TRUE(parse_rfc3339("2026-04-07T12:00:00.25+02:00", &b));
  ASSERT_TRUE(parse_rfc3339("2026-04-07t05:30:00.2500000001-04:30", &c));
  EXPECT_EQ(a.nanos, 250'000'000);
  EXPECT_EQ(a, b);
  EXPECT_EQ(a, c);
}

TEST(Rfc3339Test, LeapDay) {
  Timestamp t;
  EXPECT_TRUE(parse_rfc3339("2024-02-29T00:00:00Z", &t));
  EXPECT_TRUE(parse_rfc3339("2000-02-29T00:00:00Z", &t));
  EXPECT_FALSE(parse_rfc3339("2026-02-29T00:00:00Z", &t));
  EXPECT_FALSE(parse_rfc3339("1900-02-29T00:00:00Z", &t));
}

TEST(Rfc3339Test, RefusesMalformed) {
  Timestamp t;
  for (const char* bad :
       {"", "2026-04-07", "2026-04-07T10:00Z", "2026-04-07T10:00:00", "2026-04-07T10:00:00+0200",
        "2026-13-07T10:00:00Z", "2026-04-31T10:00:00Z", "2026-04-07T24:00:00Z",
        "2026-04-07T10:60:00Z", "2026-04-07T10:00:61Z", "2026-04-07T10:00:00.Z",
        "2026-04-07T10:00:00ZZ", "2026-4-07T10:00:00Z", "now", "2026-04-07T10:00:00+24:00",
        " 2026-04-07T10:00:00Z"}) {
    EXPECT_FALSE(parse_rfc3339(bad, &t)) << bad;
  }
}

TEST(Rfc3339Test, FarFutureDoesNotOverflow) {
  Timestamp t;
  ASSERT_TRUE(parse_rfc3339("9999-12-31T23:59:60Z", &t));
  EXPECT_EQ(t.unix_nanos_saturated(), INT64_MAX);
}

}  // namespace
}  // namespace mlobs::serving_ingest
