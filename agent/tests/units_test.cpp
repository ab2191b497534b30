#include "config/units.h"

#include <gtest/gtest.h>

namespace mlobs::agent {
namespace {

TEST(ParseDurationTest, SingleUnits) {
  EXPECT_EQ(parse_duration_ms("250ms"), 250);
  EXPECT_EQ(parse_duration_ms("30s"), 30'000);
  EXPECT_EQ(parse_duration_ms("5m"), 300'000);
  EXPECT_EQ(parse_duration_ms("1h"), 3'600'000);
  EXPECT_EQ(parse_duration_ms("2d"), 172'800'000);
  EXPECT_EQ(parse_duration_ms("0s"), 0);
}

TEST(ParseDurationTest, BareIntegerIsSeconds) {
  EXPECT_EQ(parse_duration_ms("1800"), 1'800'000);
  EXPECT_EQ(parse_duration_ms("0"), 0);
}

TEST(ParseDurationTest, Combinations) {
  EXPECT_EQ(parse_duration_ms("1h30m"), 5'400'000);
  EXPECT_EQ(parse_duration_ms("1d2h3m4s5ms"), 93'784'005);
  EXPECT_EQ(parse_duration_ms("1m500ms"), 60'500);
}

TEST(ParseDurationTest, RejectsGarbage) {
  for (const char* bad : {"", "s", "ms", "-5s", "+5s", "5", "1.5s", "5 s", " 5s", "5s ", "5x",
                          "5sec", "1h1h", "30m1h", "1h30", "5S", "1hm", "abc"}) {
    if (std::string_view(bad) == "5") continue;  // a bare number is valid
    EXPECT_FALSE(parse_duration_ms(bad).has_value()) << bad;
  }
}

TEST(ParseDurationTest, RejectsOverflow) {
  EXPECT_FALSE(parse_duration_ms("9223372036854775807").has_value());  // seconds -> ms
  EXPECT_FALSE(parse_duration_ms("99999999999999999999ms").has_value());
  EXPECT_FALSE(parse_duration_ms("106751991168d").has_value());
  EXPECT_EQ(parse_duration_ms("9223372036854775807ms"), INT64_MAX);
}

TEST(ParseSizeTest, Units) {
  EXPECT_EQ(parse_size_bytes("512"), 512);
  EXPECT_EQ(parse_size_bytes("512B"), 512);
  EXPECT_EQ(parse_size_bytes("64KiB"), 64 * 1024);
  EXPECT_EQ(parse_size_bytes("64MiB"), 64ll << 20);
  EXPECT_EQ(parse_size_bytes("1GiB"), 1ll << 30);
  EXPECT_EQ(parse_size_bytes("10KB"), 10'000);
  EXPECT_EQ(parse_size_bytes("10MB"), 10'000'000);
  EXPECT_EQ(parse_size_bytes("1GB"), 1'000'000'000);
  EXPECT_EQ(parse_size_bytes("2TiB"), 2ll << 40);
  EXPECT_EQ(parse_size_bytes("0"), 0);
}

TEST(ParseSizeTest, UnitCaseIsForgiven) {
  EXPECT_EQ(parse_size_bytes("64mib"), 64ll << 20);
  EXPECT_EQ(parse_size_bytes("10kb"), 10'000);
}

TEST(ParseSizeTest, RejectsGarbage) {
  for (const char* bad :
       {"", "MiB", "-1", "+1", "1.5GiB", "64 MiB", "64MiBs", "64M", "64Mi", "lots", "1KiB1KiB"}) {
    EXPECT_FALSE(parse_size_bytes(bad).has_value()) << bad;
  }
}

TEST(ParseSizeTest, RejectsOverflow) {
  EXPECT_FALSE(parse_size_bytes("99999999999999999999").has_value());
  EXPECT_FALSE(parse_size_bytes("9000000TiB").has_value());
  EXPECT_EQ(parse_size_bytes("9223372036854775807"), INT64_MAX);
}

}  // namespace
}  // namespace mlobs::agent
