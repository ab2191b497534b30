// The console sink driven through the SDK harness, with stdout captured.
#include <mlobs/testing/harness.h>

#include <gtest/gtest.h>

#include <algorithm>
#include <string>

namespace {

using mlobs::testing::CallResult;
using mlobs::testing::Harness;

TEST(ConsoleSinkTest, WritesOneJsonLinePerRecordToStdout) {
  Harness harness;
  std::string error;
  ASSERT_TRUE(harness.load_plugin(PLUGIN_PATH, &error)) << error;
  CallResult result;
  auto sink = harness.start("console", "{}", &result);
  ASSERT_TRUE(sink) << result.message;
  ::testing::internal::CaptureStdout();
  sink->process({R"({"kind":"k","body":{"a":1}})", R"({"kind":"k","body":{"a":2}})"}, &result);
  const std::string out = ::testing::internal::GetCapturedStdout();
  ASSERT_TRUE(result.ok()) << result.message;
  const auto first_end = out.find('\n');
  ASSERT_NE(first_end, std::string::npos) << out;
  EXPECT_EQ(out.rfind("{\"kind\":\"k\",", 0), 0u) << out;
  EXPECT_NE(out.find("\"body\":{\"a\":1}}\n"), std::string::npos) << out;
  EXPECT_NE(out.find("\"body\":{\"a\":2}}\n"), std::string::npos) << out;
  EXPECT_EQ(out.back(), '\n');
  EXPECT_EQ(std::count(out.begin(), out.end(), '\n'), 2);
}

TEST(ConsoleSinkTest, HasNoKeys) {
  Harness harness;
  std::string error;
  ASSERT_TRUE(harness.load_plugin(PLUGIN_PATH, &error)) << error;
  CallResult result;
  EXPECT_FALSE(harness.start("console", "path: x", &result));
  EXPECT_EQ(result.code, MLOBS_INVALID_ARGUMENT);
}

}  // namespace
