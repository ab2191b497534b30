#include "field_checks.h"

#include <gtest/gtest.h>

#include <string>

namespace mlobs::validation {
namespace {

TEST(FieldChecksTest, StringPresent) {
  auto detail = [](const FieldValue& v, bool unknown_is_missing = false) {
    const CheckResult r = check_string_present("name_present", "name", v, unknown_is_missing);
    EXPECT_EQ(r.check, "name_present");
    EXPECT_EQ(r.passed, r.detail.empty());
    return r.detail;
  };
  EXPECT_EQ(detail(FieldValue::string("churn")), "");
  EXPECT_EQ(detail(FieldValue::absent()), "name is missing");
  EXPECT_EQ(detail(FieldValue::string("")), "name is empty");
  EXPECT_EQ(detail(FieldValue::integer_value(3)), "name is a number, not a string");
  EXPECT_EQ(detail(FieldValue::of_type(MLOBS_TYPE_NULL)), "name is null, not a string");
  EXPECT_EQ(detail(FieldValue::string("unknown")), "");  // a dataset may be called that
  EXPECT_EQ(detail(FieldValue::string("unknown"), true),
            "name is \"unknown\": the upstream metadata does not say");
}

TEST(FieldChecksTest, Timestamp) {
  EXPECT_TRUE(check_timestamp("t", "at", FieldValue::string("2026-04-07T10:00:00+02:00")).passed);
  EXPECT_EQ(check_timestamp("t", "at", FieldValue::string("20260407_100000")).detail,
            "at \"20260407_100000\" is not an RFC 3339 time");
  EXPECT_EQ(check_timestamp("t", "at", FieldValue::absent()).detail, "at is missing");
  EXPECT_EQ(check_timestamp("t", "at", FieldValue::integer_value(1775556000)).detail,
            "at is a number, not a string");
  EXPECT_EQ(check_timestamp("t", "at", FieldValue::string("unknown")).detail,
            "at is \"unknown\": the upstream metadata does not say");
}

TEST(FieldChecksTest, CountIsAbsentOrAnIntegerAtLeastZero) {
  auto detail = [](const FieldValue& v) { return check_count("c", "row_count", v).detail; };
  EXPECT_TRUE(check_count("c", "row_count", FieldValue::absent()).passed);
  EXPECT_TRUE(check_count("c", "row_count", FieldValue::integer_value(0)).passed);
  EXPECT_TRUE(check_count("c", "row_count", FieldValue::double_value(12.0)).passed);
  EXPECT_EQ(detail(FieldValue::integer_value(-5)), "row_count is -5, below 0");
  EXPECT_EQ(detail(FieldValue::double_value(-2.0)), "row_count is -2, below 0");
  EXPECT_EQ(detail(FieldValue::double_value(1.5)), "row_count is 1.5, not an integer");
  EXPECT_EQ(detail(FieldValue::string("10")), "row_count is a string, not an integer");
  EXPECT_FALSE(check_count("c", "row_count", FieldValue::string("10")).passed);
}

TEST(FieldChecksTest, InQuotesCutsLongTextAtACharacterBoundary) {
  EXPECT_EQ(in_quotes("abc"), "\"abc\"");
  std::string long_text(79, 'a');
  long_text += "\xC3\xA9tail";  // é straddles byte 80
  const std::string q = in_quotes(long_text);
  EXPECT_EQ(q, "\"" + std::string(79, 'a') + "...\"");
}

TEST(FieldChecksTest, SecondsInWords) {
  EXPECT_EQ(seconds_in_words(0), "0s");
  EXPECT_EQ(seconds_in_words(45), "45s");
  EXPECT_EQ(seconds_in_words(300), "5m");
  EXPECT_EQ(seconds_in_words(3723), "1h2m3s");
}

}  // namespace
}  // namespace mlobs::validation
