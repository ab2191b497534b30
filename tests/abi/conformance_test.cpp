// The lifecycle checks every shipped plugin must pass, run against each component type found in
// the agent's plugin directory: create without start, flush and process when empty, stop twice,
// a configuration missing its required keys refused with a status (never a crash).
#include "host/component_context.h"
#include "loader/plugin_loader.h"
#include "pipeline/component_instance.h"
#include "pipeline/dead_letter.h"
#include "storage/state_store.h"
#include "telemetry/logger.h"
#include "telemetry/metrics_registry.h"

#include <gtest/gtest.h>

#include <filesystem>

namespace mlobs::agent {
namespace {

class Conformance : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("mlobs-conformance-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir_);
    state_ = std::make_unique<StateStore>(dir_ / "state");
    dead_letter_ = std::make_unique<DeadLetterOutput>("", &metrics_, system_clock_unix_nanos);
    services_.logger = &logger_;
    services_.metrics = &metrics_;
    services_.state = state_.get();
    services_.dead_letter = dead_letter_.get();
    services_.clock = system_clock_unix_nanos;
    catalog_.load_directories({MLOBS_PLUGIN_DIR});
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  // A settings object giving each required key a harmless value inside the temp directory.
  std::string minimal_settings(const ComponentSchema& schema) const {
    std::string json = "{";
    for (const auto& k : schema.keys) {
      if (!k.required || k.name.find('.') != std::string::npos) continue;
      if (json.size() > 1) json += ",";
      const std::string path = (dir_ / ("conformance-" + k.name)).string();
      json += "\"" + k.name + "\":";
      switch (k.type) {
        case MLOBS_CONFIG_LIST: json += "[\"" + path + "/*.none\"]"; break;
        case MLOBS_CONFIG_INT:
        case MLOBS_CONFIG_DURATION:
        case MLOBS_CONFIG_SIZE: json += "1000"; break;
        case MLOBS_CONFIG_DOUBLE: json += "1.5"; break;
        case MLOBS_CONFIG_BOOL: json += "false"; break;
        case MLOBS_CONFIG_OBJECT: json += "{}"; break;
        default:
          // Endpoints must be URLs (nothing listens there: a conformance run sends nothing).
          if (k.name == "url") json += "\"http://127.0.0.1:1\"";
          else if (k.name == "dsn") json += "\"http://conformance@127.0.0.1:1/1\"";
          else json += "\"" + path + "\"";
          break;
      }
    }
    return json + "}";
  }

  std::filesystem::path dir_;
  Logger logger_{Logger::Options{LogLevel::kError}, [](std::string_view) {}};
  MetricsRegistry metrics_;
  std::unique_ptr<StateStore> state_;
  std::unique_ptr<DeadLetterOutput> dead_letter_;
  HostServices services_;
  PluginCatalog catalog_;
};

TEST_F(Conformance, EveryPluginInTheAgentDirectoryLoads) {
  ASSERT_FALSE(catalog_.reports().empty()) << "no plugins in " << MLOBS_PLUGIN_DIR;
  for (const auto& r : catalog_.reports()) EXPECT_TRUE(r.ok) << r.error;
}

TEST_F(Conformance, LifecycleOfEveryComponentType) {
  ASSERT_FALSE(catalog_.type_names().empty());
  for (const auto& name : catalog_.type_names()) {
    SCOPED_TRACE("component type " + name);
    const ComponentType& type = *catalog_.find(name);

    {  // create, then destroy without start
      ComponentInstance c(type, "conformance", &services_);
      ASSERT_TRUE(c.create(minimal_settings(type.schema)).ok());
    }
    {  // the full lifecycle with nothing to do
      ComponentInstance c(type, "conformance", &services_);
      Status created = c.create(minimal_settings(type.schema));
      ASSERT_TRUE(created.ok()) << created.message();
      Status started = c.start();
      ASSERT_TRUE(started.ok()) << started.message();
      Batch empty;
      empty.capacity = 16;
      empty.sequence = 1;
      EXPECT_TRUE(c.process(&empty).ok());
      EXPECT_TRUE(c.flush().ok());
      EXPECT_TRUE(c.flush().ok());
      c.ack(1);
      EXPECT_TRUE(c.stop().ok());
      EXPECT_TRUE(c.stop().ok()) << "stop must be idempotent";
      c.destroy();
      c.destroy();
    }
    bool has_required = false;
    for (const auto& k : type.schema.keys) has_required |= k.required;
    if (has_required) {  // a configuration without its required keys is refused, not crashed on
      ComponentInstance c(type, "conformance", &services_);
      Status s = c.create("{}");
      EXPECT_FALSE(s.ok());
      EXPECT_FALSE(s.message().empty());
    }
  }
}

}  // namespace
}  // namespace mlobs::agent
