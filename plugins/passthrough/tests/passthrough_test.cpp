// The passthrough processor driven through the SDK harness.
#include <mlobs/testing/harness.h>

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace {

using mlobs::testing::CallResult;
using mlobs::testing::Harness;

TEST(PassthroughTest, KeepsEveryRecordUnchanged) {
  Harness harness;
  std::string error;
  ASSERT_TRUE(harness.load_plugin(PLUGIN_PATH, &error)) << error;
  CallResult result;
  auto processor = harness.start("passthrough", "{}", &result);
  ASSERT_TRUE(processor) << result.message;
  const std::vector<std::string> input = {
      R"({"kind":"serving_window","id":"w1","source":"s","observed_at":"2026-04-07T10:00:00Z",)"
      R"("request_id":"r1","body":{"n":1}})",
      R"({"kind":"freshness","id":"f","source":"s","observed_at":"2026-04-07T10:00:01Z",)"
      R"("request_id":"r2","body":{"nested":{"x":[1,2.5,"s",null,true]}}})",
  };
  const auto out = processor->process(input, &result);
  ASSERT_TRUE(result.ok()) << result.message;
  EXPECT_EQ(out, input);
  EXPECT_TRUE(processor->process({}, &result).empty());
  EXPECT_TRUE(result.ok());
}

}  // namespace
