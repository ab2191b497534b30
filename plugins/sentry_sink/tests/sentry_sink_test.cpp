// The sentry sink driven through the SDK harness, where no Sentry is needed: its configuration,
// the records it leaves alone, and an unreachable Sentry. Sending, rate limits and throttling
// against real servers are in tests/integration/sentry_test.cpp.
#include <gtest/gtest.h>
#include <mlobs/testing/harness.h>
#include <mlobs/testing/plugin_test.h>

#include <string>
#include <vector>

namespace {

using mlobs::testing::CallResult;
using mlobs::testing::PluginTest;

// Port 1 on loopback: nothing listens there, so a request is refused at once.
constexpr const char* kUnreachableDsn = "dsn: \"http://publickey@127.0.0.1:1/1\"\n";

class SentrySinkTest : public PluginTest {
 protected:
  void SetUp() override {
    PluginTest::SetUp();
    load(PLUGIN_PATH);
  }

  CallResult configure(const std::string& yaml) {
    CallResult result;
    harness().start("sentry", yaml, &result);
    return result;
  }

  double events(const std::string& result) {
    return harness().metric_value("mlobs_sentry_events_total",
                                  {{"component", "under_test"}, {"result", result}});
  }
};

TEST_F(SentrySinkTest, MistakesInTheConfigurationAreNamed) {
  const std::pair<std::string, std::string> cases[] = {
      {"dsn: \"https://secretkey@host/project\"\n", "numeric project id"},
      {"dsn: \"\"\n", "not a URL"},
      {std::string(kUnreachableDsn) + "on: [error, freshness]\n",
       "deployment_health, check_report, error, dead_letter, plugin_failure"},
      {std::string(kUnreachableDsn) + "on: []\n", "empty list"},
      {std::string(kUnreachableDsn) + "throttle_max_events: 0\n", "throttle_max_events"},
  };
  for (const auto& [yaml, words] : cases) {
    const CallResult result = configure(yaml);
    EXPECT_EQ(result.code, MLOBS_INVALID_ARGUMENT) << yaml;
    EXPECT_NE(result.message.find(words), std::string::npos) << yaml << " -> " << result.message;
    EXPECT_EQ(result.message.find("secretkey"), std::string::npos) << result.message;
  }
  EXPECT_TRUE(configure(kUnreachableDsn).ok());
}

TEST_F(SentrySinkTest, RecordsThatAreNoAlertAreSkippedWithoutARequest) {
  auto sink = start("sentry", kUnreachableDsn);
  ASSERT_TRUE(sink);
  CallResult result;
  sink->process({R"({"deployment_id":"dep-1","status":"healthy"})"}, &result,
                "deployment_health");
  EXPECT_TRUE(result.ok()) << result.message;
  sink->process({R"({"metadata_path":"a.json","all_passed":true,"results":[]})",
                 R"({"metadata_path":"b.json","all_passed":true,"results":[]})"},
                &result, "check_report");
  EXPECT_TRUE(result.ok()) << result.message;
  sink->process({R"({"deployment_id":"dep-1"})"}, &result, "serving_window");
  EXPECT_TRUE(result.ok()) << result.message;
  EXPECT_EQ(events("skipped"), 4);
  EXPECT_EQ(events("sent"), 0);
}

TEST_F(SentrySinkTest, AnUnreachableSentryIsRetriedLater) {
  auto sink = start("sentry", kUnreachableDsn);
  ASSERT_TRUE(sink);
  CallResult result;
  sink->process({R"({"deployment_id":"dep-1","status":"unhealthy","detail":"stale"})"}, &result,
                "deployment_health");
  EXPECT_EQ(result.code, MLOBS_UNAVAILABLE) << result.message;
  EXPECT_EQ(events("sent"), 0);
  EXPECT_TRUE(harness().dead_letters().empty());
}

TEST_F(SentrySinkTest, OnLeavesOutWhatItDoesNotName) {
  auto sink = start("sentry", std::string(kUnreachableDsn) + "on: [check_report]\n");
  ASSERT_TRUE(sink);
  CallResult result;
  sink->process({R"({"level":"error","message":"not wanted here"})"}, &result, "error");
  EXPECT_TRUE(result.ok()) << result.message;  // no request was tried
  EXPECT_EQ(events("skipped"), 1);
}

TEST_F(SentrySinkTest, TheLifecycleWithNothingToDo) {
  auto sink = start("sentry", kUnreachableDsn);
  ASSERT_TRUE(sink);
  CallResult result;
  sink->process({}, &result);
  EXPECT_TRUE(result.ok()) << result.message;
  sink->flush(&result);
  EXPECT_TRUE(result.ok()) << result.message;
  EXPECT_TRUE(sink->stop().ok());
  EXPECT_TRUE(sink->stop().ok());
}

}  // namespace
