// A GoogleTest fixture for plugin tests: every test gets a fresh Harness, so a fresh metrics
// registry and a fresh temporary data directory.
#pragma once

#include <gtest/gtest.h>

#include "mlobs/testing/harness.h"

#include <memory>
#include <string>

namespace mlobs::testing {

class PluginTest : public ::testing::Test {
 protected:
  void SetUp() override { harness_ = std::make_unique<Harness>(); }
  void TearDown() override { harness_.reset(); }

  Harness& harness() { return *harness_; }

  // Loads a plugin file or fails the test.
  void load(const std::string& path) {
    std::string error;
    ASSERT_TRUE(harness_->load_plugin(path, &error)) << error;
  }

  // Starts a component or fails the test.
  std::unique_ptr<Component> start(std::string_view type, std::string_view settings_yaml = "{}") {
    CallResult result;
    auto c = harness_->start(type, settings_yaml, &result);
    EXPECT_TRUE(result.ok()) << result.message;
    return c;
  }

 private:
  std::unique_ptr<Harness> harness_;
};

}  // namespace mlobs::testing
