// The fixture every integration test derives from: a private temp dir, configs written into it,
// and the real mlobs-agent binary started against them. Nothing outlives the test: the agent is
// killed and reaped, the directory removed.
#pragma once

#include "support/agent_process.h"
#include "support/temp_dir.h"

#include <gtest/gtest.h>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace mlobs::integration {

class AgentTest : public ::testing::Test {
 protected:
  using Env = std::vector<std::pair<std::string, std::string>>;

  // The in-tree plugin directory and the test plugins' directory.
  static std::vector<std::string> default_plugin_dirs();

  // The `agent:` section a test config starts with: data_dir under the temp dir, the admin
  // server on a free port, the given plugin directories. `extra` is appended inside the section
  // (indented lines such as "  dead_letter: { path: ... }\n").
  std::string agent_section(const std::vector<std::string>& plugin_dirs = default_plugin_dirs(),
                            std::string_view extra = {}) const;

  // Writes a config into the temp dir and returns its path.
  std::filesystem::path write_config(std::string_view yaml,
                                     std::string_view name = "agent.yaml") const;

  // Starts `mlobs-agent <args...>` (the caller owns the process; it dies with the handle), in
  // `working_dir` (default: the temp dir).
  std::unique_ptr<AgentProcess> start_agent(std::vector<std::string> args, Env env = {},
                                            const std::filesystem::path& working_dir = {}) const;

  // The port of the admin server, once the agent logged it; nullopt when the agent exited or
  // the deadline passed first.
  static std::optional<uint16_t> wait_for_admin_port(AgentProcess& agent);

  // Runs `mlobs-agent <args...>` to its end. Fails the test (and returns nullopt) when it does
  // not exit within the deadline.
  std::optional<int> run_to_exit(AgentProcess& agent) const;

  std::filesystem::path data_dir() const { return tmp_ / "data"; }
  // Quoted for YAML (paths under the temp dir hold no quotes or backslashes).
  static std::string quoted(const std::filesystem::path& p) { return "\"" + p.string() + "\""; }

  TempDir tmp_;
};

}  // namespace mlobs::integration
