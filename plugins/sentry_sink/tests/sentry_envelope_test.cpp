#include "sentry_envelope.h"

#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <set>
#include <sstream>

namespace mlobs::sentry_sink {
namespace {

TEST(SentryEnvelopeTest, TheItemHeaderGivesThePayloadsExactLength) {
  const std::string payload = R"({"event_id":"ab","message":{"formatted":"été ☃"}})";
  const std::string envelope = event_envelope("ab", "2026-04-07T10:00:00Z", payload);
  std::istringstream lines(envelope);
  std::string header, item, body;
  std::getline(lines, header);
  std::getline(lines, item);
  std::getline(lines, body);
  EXPECT_EQ(header, R"({"event_id":"ab","sent_at":"2026-04-07T10:00:00Z"})");
  rapidjson::Document item_doc;
  item_doc.Parse(item.c_str());
  ASSERT_TRUE(item_doc.IsObject()) << item;
  EXPECT_STREQ(item_doc["type"].GetString(), "event");
  EXPECT_EQ(item_doc["length"].GetUint64(), payload.size());  // bytes, not characters
  EXPECT_EQ(body, payload);
  EXPECT_EQ(envelope.back(), '\n');
}

TEST(SentryEnvelopeTest, TheEventHoldsWhatIsSetAndLeavesOutWhatIsNot) {
  SentryEvent e;
  e.event_id = "0123456789abcdef0123456789abcdef";
  e.timestamp = "2026-04-07T10:00:00Z";
  e.level = "error";
  e.message = "deployment dep-1 is unhealthy";
  e.logger = "mlobs.serving_health";
  e.tags = {{"deployment_id", "dep-1"}, {"status", "unhealthy"}};
  e.contexts_json = R"({"deployment":{"missing_window_count":3}})";
  e.environment = "prod";
  rapidjson::Document doc;
  const std::string json = e.to_json();
  doc.Parse(json.c_str());
  ASSERT_TRUE(doc.IsObject()) << json;
  EXPECT_STREQ(doc["message"]["formatted"].GetString(), "deployment dep-1 is unhealthy");
  EXPECT_STREQ(doc["tags"]["status"].GetString(), "unhealthy");
  EXPECT_EQ(doc["contexts"]["deployment"]["missing_window_count"].GetInt(), 3);
  EXPECT_STREQ(doc["environment"].GetString(), "prod");
  EXPECT_FALSE(doc.HasMember("release"));
  EXPECT_FALSE(doc.HasMember("server_name"));
}

TEST(SentryEnvelopeTest, EventIdsAre32HexDigitsAndDiffer) {
  std::set<std::string> seen;
  for (int i = 0; i < 1000; ++i) {
    const std::string id = new_event_id();
    ASSERT_EQ(id.size(), 32u);
    ASSERT_EQ(id.find_first_not_of("0123456789abcdef"), std::string::npos) << id;
    seen.insert(id);
  }
  EXPECT_EQ(seen.size(), 1000u);
}

TEST(SentryEnvelopeTest, StableEventIdsDependOnlyOnTheKey) {
  EXPECT_EQ(stable_event_id("rec-1"), stable_event_id("rec-1"));
  EXPECT_NE(stable_event_id("rec-1"), stable_event_id("rec-2"));
  const std::string id = stable_event_id("");
  ASSERT_EQ(id.size(), 32u);
  EXPECT_EQ(id.find_first_not_of("0123456789abcdef"), std::string::npos) << id;
}

TEST(SentryEnvelopeTest, TheFingerprintIsAnArrayOfStrings) {
  SentryEvent e;
  e.fingerprint = {"deployment_health", "dep-1", "degraded"};
  rapidjson::Document doc;
  const std::string json = e.to_json();
  doc.Parse(json.c_str());
  ASSERT_TRUE(doc["fingerprint"].IsArray()) << json;
  EXPECT_EQ(doc["fingerprint"].Size(), 3u);
  EXPECT_STREQ(doc["fingerprint"][2].GetString(), "degraded");
}

}  // namespace
}  // namespace mlobs::sentry_sink
