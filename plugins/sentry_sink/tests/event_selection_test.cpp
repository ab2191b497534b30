#include "event_selection.h"

#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <string>

namespace mlobs::sentry_sink {
namespace {

std::string record(const std::string& kind, const std::string& body,
                   const std::string& id = "rec-1") {
  return R"({"kind":")" + kind + R"(","id":")" + id +
         R"(","source":"health","observed_at":"2026-04-07T10:15:00Z","body":)" + body + "}";
}

std::string health(const std::string& status) {
  return record("deployment_health",
                R"({"deployment_id":"dep-001","model_name":"churn","model_version":"3",)"
                R"("bundle_id":"b-7","status":")" +
                    status + R"(","missing_window_count":2,"detail":"p99 latency 612 ms > 500 ms"})");
}

rapidjson::Document contexts_of(const SentryEvent& e) {
  rapidjson::Document doc;
  doc.Parse(e.contexts_json.c_str());
  return doc;
}

TEST(EventSelectionTest, DegradedAndUnhealthyDeploymentsBecomeEventsHealthyOnesDoNot) {
  const auto degraded = select_event(health("degraded"), EventSources::all());
  ASSERT_TRUE(degraded);
  const SentryEvent& e = degraded->event;
  EXPECT_EQ(e.level, "warning");
  EXPECT_EQ(e.message, "deployment dep-001 is degraded: p99 latency 612 ms > 500 ms");
  EXPECT_EQ(e.tags, (std::map<std::string, std::string>{{"deployment_id", "dep-001"},
                                                       {"model_name", "churn"},
                                                       {"model_version", "3"},
                                                       {"status", "degraded"}}));
  const rapidjson::Document contexts = contexts_of(e);
  ASSERT_TRUE(contexts.IsObject()) << e.contexts_json;
  EXPECT_STREQ(contexts["deployment"]["bundle_id"].GetString(), "b-7");
  EXPECT_EQ(contexts["deployment"]["missing_window_count"].GetInt(), 2);
  EXPECT_FALSE(contexts["deployment"].HasMember("status"));  // a tag already
  EXPECT_STREQ(contexts["record"]["id"].GetString(), "rec-1");
  EXPECT_EQ(e.timestamp, "2026-04-07T10:15:00Z");
  EXPECT_EQ(e.logger, "health");
  EXPECT_EQ(e.fingerprint, (std::vector<std::string>{"deployment_health", "dep-001", "degraded"}));

  const auto unhealthy = select_event(health("unhealthy"), EventSources::all());
  ASSERT_TRUE(unhealthy);
  EXPECT_EQ(unhealthy->event.level, "error");
  EXPECT_NE(unhealthy->throttle_key, degraded->throttle_key);

  EXPECT_FALSE(select_event(health("healthy"), EventSources::all()));
  EXPECT_FALSE(select_event(health("unknown"), EventSources::all()));
}

TEST(EventSelectionTest, AFailedCheckReportNamesItsChecksAndPath) {
  const std::string failing = record(
      "check_report",
      R"({"metadata_path":"exports/churn.json","all_passed":false,"results":[)"
      R"({"check":"file_exists","passed":true},{"check":"valid_json","passed":false,"detail":"line 3"},)"
      R"({"check":"dataset_version_present","passed":false,"detail":"missing"}]})");
  const auto selected = select_event(failing, EventSources::all());
  ASSERT_TRUE(selected);
  const SentryEvent& e = selected->event;
  EXPECT_EQ(e.level, "error");
  EXPECT_EQ(e.message,
            "checks failed for exports/churn.json: valid_json, dataset_version_present");
  EXPECT_EQ(e.tags.at("failed_checks"), "valid_json,dataset_version_present");
  EXPECT_EQ(e.tags.at("check.valid_json"), "failed");
  EXPECT_EQ(e.tags.count("check.file_exists"), 0u);
  EXPECT_EQ(e.fingerprint, (std::vector<std::string>{"check_report", "exports/churn.json",
                                                     "valid_json", "dataset_version_present"}));
  const rapidjson::Document contexts = contexts_of(e);
  EXPECT_EQ(contexts["check_report"]["results"].Size(), 3u);

  const std::string passing = record(
      "check_report",
      R"({"metadata_path":"a.json","all_passed":true,"results":[{"check":"file_exists","passed":true}]})");
  EXPECT_FALSE(select_event(passing, EventSources::all()));
}

TEST(EventSelectionTest, ErrorRecordsKeepTheirLevelMessageTagsAndContext) {
  const auto selected = select_event(
      record("error",
             R"({"level":"warn","message":"feature store slow","tags":{"store":"redis","shard":3},)"
             R"("context":{"latency_ms":812,"hosts":["a","b"]}})"),
      EventSources::all());
  ASSERT_TRUE(selected);
  const SentryEvent& e = selected->event;
  EXPECT_EQ(selected->source, EventSource::kError);
  EXPECT_EQ(e.level, "warning");
  EXPECT_EQ(e.message, "feature store slow");
  EXPECT_EQ(e.tags.at("store"), "redis");
  EXPECT_EQ(e.tags.at("shard"), "3");
  EXPECT_EQ(contexts_of(e)["context"]["latency_ms"].GetInt(), 812);
  EXPECT_EQ(e.fingerprint, (std::vector<std::string>{"error", "feature store slow"}));
}

TEST(EventSelectionTest, TheAgentsOwnErrorsAreSortedByCategory) {
  const auto dead = select_event(
      record("error",
             R"({"level":"error","category":"dead_letter","component":"marquez",)"
             R"("reason":"rejected","detail":"HTTP 400"})"),
      EventSources::all());
  ASSERT_TRUE(dead);
  EXPECT_EQ(dead->source, EventSource::kDeadLetter);
  EXPECT_EQ(dead->event.tags.at("component"), "marquez");
  EXPECT_EQ(dead->event.tags.at("reason"), "rejected");
  EXPECT_EQ(dead->event.tags.at("category"), "dead_letter");
  EXPECT_NE(dead->event.message.find("marquez"), std::string::npos);
  EXPECT_STREQ(contexts_of(dead->event)["dead_letter"]["detail"].GetString(), "HTTP 400");

  const std::string failure =
      record("error", R"({"category":"plugin_failure","component":"sentry","message":"crashed"})");
  ASSERT_TRUE(select_event(failure, EventSources::all()));
  EXPECT_EQ(select_event(failure, EventSources::all())->source, EventSource::kPluginFailure);

  std::string error;
  const auto only_errors = EventSources::parse({"error", "deployment_health"}, &error);
  ASSERT_TRUE(only_errors) << error;
  EXPECT_FALSE(select_event(failure, *only_errors));
  EXPECT_TRUE(select_event(record("error", R"({"message":"x"})"), *only_errors));
  EXPECT_FALSE(select_event(record("check_report", R"({"all_passed":false})"), *only_errors));
}

TEST(EventSelectionTest, UnknownOnValuesAreNamedWithTheAllowedOnes) {
  std::string error;
  EXPECT_FALSE(EventSources::parse({"error", "freshness"}, &error));
  EXPECT_NE(error.find("\"freshness\""), std::string::npos) << error;
  EXPECT_NE(error.find("deployment_health, check_report, error, dead_letter, plugin_failure"),
            std::string::npos)
      << error;
}

TEST(EventSelectionTest, OtherKindsAndBrokenInputBecomeNothing) {
  EXPECT_FALSE(may_become_event("serving_window"));
  EXPECT_TRUE(may_become_event("error"));
  EXPECT_FALSE(select_event(record("serving_window", "{}"), EventSources::all()));
  EXPECT_FALSE(select_event("not json", EventSources::all()));
  EXPECT_FALSE(select_event(R"({"kind":"error","body":"text"})", EventSources::all()));
}

TEST(EventSelectionTest, EventIdsFollowTheRecordId) {
  const auto a = select_event(health("degraded"), EventSources::all());
  const auto again = select_event(health("degraded"), EventSources::all());
  const auto other = select_event(
      record("error", R"({"message":"x"})", "rec-2"), EventSources::all());
  ASSERT_TRUE(a && again && other);
  EXPECT_EQ(a->event.event_id, again->event.event_id);
  EXPECT_EQ(a->event.event_id, stable_event_id("rec-1"));
  EXPECT_NE(a->event.event_id, other->event.event_id);
  EXPECT_EQ(a->event.event_id.size(), 32u);
}

TEST(EventSelectionTest, LongTagsAreCutAtACharacterBoundary) {
  std::string value;
  for (int i = 0; i < 150; ++i) value += "é";  // 300 bytes
  const auto selected = select_event(
      record("error", R"({"message":"m","tags":{"a_very_long_tag_key_beyond_thirty_two_bytes":")" +
                          value + R"("}})"),
      EventSources::all());
  ASSERT_TRUE(selected);
  SentryEvent e = selected->event;
  fit_tags(e);
  ASSERT_EQ(e.tags.size(), 1u);
  const auto& [k, v] = *e.tags.begin();
  EXPECT_EQ(k.size(), kMaxTagKeyBytes);
  EXPECT_EQ(v.size(), kMaxTagValueBytes);
  EXPECT_EQ(v, value.substr(0, kMaxTagValueBytes));
}

}  // namespace
}  // namespace mlobs::sentry_sink
