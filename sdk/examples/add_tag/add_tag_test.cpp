// Tests the plugin in process with the SDK harness: the same loader and host API as the agent.
#include <mlobs/testing/plugin_test.h>

#include <gmock/gmock.h>

namespace {

using ::testing::HasSubstr;

class AddTagTest : public mlobs::testing::PluginTest {
 protected:
  void SetUp() override {
    PluginTest::SetUp();
    load(ADD_TAG_PLUGIN_PATH);
  }
};

TEST_F(AddTagTest, WritesTheValueIntoEveryRecord) {
  auto tagger = start("add_tag", "{field: team, value: ml-platform}");
  ASSERT_TRUE(tagger);
  auto out = tagger->process({R"({"stage":"train"})", R"({"stage":"serve"})"}, nullptr, "app_event");
  ASSERT_EQ(out.size(), 2u);
  for (const auto& json : out) EXPECT_THAT(json, HasSubstr(R"("team":"ml-platform")"));
  EXPECT_EQ(harness().metric_value("add_tag_records_total", {{"component", "under_test"}}), 2.0);
}

TEST_F(AddTagTest, AMissingValueIsAConfigError) {
  mlobs::testing::CallResult result;
  auto tagger = harness().start("add_tag", "{field: team}", &result);
  EXPECT_FALSE(tagger);
  EXPECT_EQ(result.code, MLOBS_INVALID_ARGUMENT);
  EXPECT_THAT(result.message, HasSubstr("value"));
}

}  // namespace
