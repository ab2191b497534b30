#include "freshness_settings.h"

#include <gtest/gtest.h>

namespace mlobs::freshness {
namespace {

TEST(FreshnessSettingsTest, DefaultsAreValid) { EXPECT_FALSE(FreshnessSettings().validate()); }

TEST(FreshnessSettingsTest, RejectsNonPositiveValues) {
  auto problem = [](auto mutate) {
    FreshnessSettings s;
    mutate(s);
    return s.validate().value_or("");
  };
  EXPECT_EQ(problem([](FreshnessSettings& s) { s.threshold_ns = 0; }),
            "\"threshold\" must be positive");
  EXPECT_EQ(problem([](FreshnessSettings& s) { s.interval_ns = -1; }),
            "\"interval\" must be positive");
  EXPECT_EQ(problem([](FreshnessSettings& s) { s.max_datasets = 0; }),
            "\"max_datasets\" must be positive");
}

}  // namespace
}  // namespace mlobs::freshness
