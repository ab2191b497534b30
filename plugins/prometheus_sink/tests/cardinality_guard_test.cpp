#include <gtest/gtest.h>

#include "cardinality_guard.h"

#include <string>
#include <vector>

namespace mlobs::prometheus_sink {
namespace {

TEST(CardinalityGuardTest, AdmitsUpToTheBoundThenReportsEachDropAndTheFirstOncePerMetric) {
  std::vector<std::pair<std::string, bool>> drops;
  CardinalityGuard guard(2, [&](std::string_view m, bool first) { drops.emplace_back(m, first); });
  EXPECT_TRUE(guard.admit("a", 0));
  EXPECT_TRUE(guard.admit("a", 1));
  EXPECT_FALSE(guard.admit("a", 2));
  EXPECT_FALSE(guard.admit("a", 2));
  EXPECT_FALSE(guard.admit("b", 1, 2));  // a group that does not fit as a whole
  EXPECT_TRUE(guard.admit("b", 0, 2));
  ASSERT_EQ(drops.size(), 3u);
  EXPECT_EQ(drops[0], std::make_pair(std::string("a"), true));
  EXPECT_EQ(drops[1], std::make_pair(std::string("a"), false));
  EXPECT_EQ(drops[2], std::make_pair(std::string("b"), true));
}

}  // namespace
}  // namespace mlobs::prometheus_sink
