#include "telemetry/health.h"

#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <string>
#include <thread>
#include <vector>

namespace mlobs::agent {
namespace {

rapidjson::Document parse(const std::string& json) {
  rapidjson::Document doc;
  doc.Parse(json.c_str(), json.size());
  EXPECT_FALSE(doc.HasParseError()) << json;
  EXPECT_TRUE(doc.IsObject()) << json;
  return doc;
}

std::string overall(const HealthRegistry& h) {
  rapidjson::Document doc = parse(h.to_json());
  if (!doc.IsObject() || !doc.HasMember("status") || !doc["status"].IsString()) return "<none>";
  return doc["status"].GetString();
}

TEST(ComponentHealthTest, Names) {
  EXPECT_STREQ(component_health_name(ComponentHealth::kStarting), "starting");
  EXPECT_STREQ(component_health_name(ComponentHealth::kOk), "ok");
  EXPECT_STREQ(component_health_name(ComponentHealth::kDegraded), "degraded");
  EXPECT_STREQ(component_health_name(ComponentHealth::kUnhealthy), "unhealthy");
  EXPECT_STREQ(component_health_name(ComponentHealth::kStopped), "stopped");
}

TEST(HealthRegistryTest, EmptyIsNotReadyAndStarting) {
  HealthRegistry h("1.2.3");
  EXPECT_FALSE(h.ready());
  EXPECT_EQ(overall(h), "starting");
  rapidjson::Document doc = parse(h.to_json());
  ASSERT_TRUE(doc.HasMember("checks"));
  EXPECT_TRUE(doc["checks"].IsArray());
  EXPECT_EQ(doc["checks"].Size(), 0u);
}

TEST(HealthRegistryTest, LiveJsonIsAlwaysOk) {
  HealthRegistry h("1.2.3");
  h.set("sink", ComponentHealth::kUnhealthy, "down");
  rapidjson::Document doc = parse(h.live_json());
  EXPECT_STREQ(doc["status"].GetString(), "ok");
  EXPECT_STREQ(doc["version"].GetString(), "1.2.3");
  ASSERT_TRUE(doc["uptime_seconds"].IsNumber());
  EXPECT_GE(doc["uptime_seconds"].GetDouble(), 0);
  EXPECT_FALSE(doc.HasMember("checks"));
  EXPECT_EQ(doc.MemberCount(), 3u);
}

TEST(HealthRegistryTest, ReadyWhenEveryComponentIsOkOrDegraded) {
  HealthRegistry h("v");
  h.set("a", ComponentHealth::kOk);
  EXPECT_TRUE(h.ready());
  EXPECT_EQ(overall(h), "ok");
  h.set("b", ComponentHealth::kDegraded, "retrying");
  EXPECT_TRUE(h.ready());
  EXPECT_EQ(overall(h), "degraded");
  h.set("c", ComponentHealth::kStarting);
  EXPECT_FALSE(h.ready());
  EXPECT_EQ(overall(h), "starting");
  h.set("c", ComponentHealth::kOk);
  EXPECT_TRUE(h.ready());
  h.set("b", ComponentHealth::kOk);
  EXPECT_EQ(overall(h), "ok");
}

TEST(HealthRegistryTest, UnhealthyOrStoppedIsNotReady) {
  HealthRegistry h("v");
  h.set("a", ComponentHealth::kOk);
  h.set("b", ComponentHealth::kDegraded);
  h.set("c", ComponentHealth::kUnhealthy, "start failed");
  EXPECT_FALSE(h.ready());
  EXPECT_EQ(overall(h), "unhealthy");  // beats degraded
  h.set("c", ComponentHealth::kStopped, "stopped");
  EXPECT_FALSE(h.ready());
  EXPECT_EQ(overall(h), "unhealthy");
  h.set("d", ComponentHealth::kStarting);
  EXPECT_EQ(overall(h), "starting");  // starting is reported first
  h.remove("c");
  h.remove("d");
  h.remove("never-registered");
  EXPECT_TRUE(h.ready());
  EXPECT_EQ(overall(h), "degraded");
  h.remove("a");
  h.remove("b");
  EXPECT_FALSE(h.ready());
}

TEST(HealthRegistryTest, ChecksAreSortedAndEscaped) {
  HealthRegistry h("0.1.0-dev");
  h.set("zeta", ComponentHealth::kOk, "running");
  h.set("alpha", ComponentHealth::kDegraded, "retrying: \"503\"\nfrom backend");
  h.set("alpha", ComponentHealth::kUnhealthy, "error \"x\" \\ y\n");  // replaces
  rapidjson::Document doc = parse(h.to_json());
  EXPECT_STREQ(doc["status"].GetString(), "unhealthy");
  EXPECT_STREQ(doc["version"].GetString(), "0.1.0-dev");
  ASSERT_TRUE(doc["uptime_seconds"].IsNumber());
  const auto& checks = doc["checks"];
  ASSERT_EQ(checks.Size(), 2u);
  EXPECT_STREQ(checks[0]["component"].GetString(), "alpha");
  EXPECT_STREQ(checks[0]["status"].GetString(), "unhealthy");
  EXPECT_STREQ(checks[0]["detail"].GetString(), "error \"x\" \\ y\n");
  EXPECT_STREQ(checks[1]["component"].GetString(), "zeta");
  EXPECT_STREQ(checks[1]["status"].GetString(), "ok");
  EXPECT_STREQ(checks[1]["detail"].GetString(), "running");
  // Key order as documented.
  std::vector<std::string> keys;
  for (const auto& m : doc.GetObject()) keys.emplace_back(m.name.GetString());
  EXPECT_EQ(keys, (std::vector<std::string>{"status", "version", "uptime_seconds", "checks"}));
}

TEST(HealthRegistryTest, ConcurrentUpdatesAndReads) {
  HealthRegistry h("v");
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&h, t] {
      const std::string name = "c" + std::to_string(t);
      for (int i = 0; i < 500; ++i) {
        h.set(name, i % 2 ? ComponentHealth::kOk : ComponentHealth::kDegraded, "d");
        (void)h.to_json();
        (void)h.ready();
      }
      h.set(name, ComponentHealth::kOk);
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_TRUE(h.ready());
  EXPECT_EQ(parse(h.to_json())["checks"].Size(), 4u);
}

}  // namespace
}  // namespace mlobs::agent
