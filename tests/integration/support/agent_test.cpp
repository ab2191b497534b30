#include "support/agent_test.h"

#include "support/agent_log.h"
#include "support/build_paths.h"
#include "support/text_files.h"
#include "support/wait_for.h"

namespace mlobs::integration {

std::vector<std::string> AgentTest::default_plugin_dirs() {
  return {std::string(kPluginDir), std::string(kTestPluginDir)};
}

std::string AgentTest::agent_section(const std::vector<std::string>& plugin_dirs,
                                     std::string_view extra) const {
  std::string dirs;
  for (const auto& d : plugin_dirs) dirs += (dirs.empty() ? "" : ", ") + quoted(d);
  std::string yaml = "agent:\n";
  yaml += "  data_dir: " + quoted(data_dir()) + "\n";
  yaml += "  http: { listen: \"127.0.0.1:0\" }\n";
  yaml += "  plugin_dirs: [" + dirs + "]\n";
  yaml += "  log: { level: info, format: json }\n";
  yaml += extra;
  return yaml;
}

std::filesystem::path AgentTest::write_config(std::string_view yaml, std::string_view name) const {
  const std::filesystem::path path = tmp_ / name;
  write_file(path, yaml);
  return path;
}

std::unique_ptr<AgentProcess> AgentTest::start_agent(std::vector<std::string> args, Env env,
                                                     const std::filesystem::path& working_dir) const {
  ProcessOptions options;
  options.binary = std::string(kAgentBinary);
  options.args = std::move(args);
  options.env = std::move(env);
  options.working_dir = (working_dir.empty() ? tmp_.path() : working_dir).string();
  return std::make_unique<AgentProcess>(std::move(options));
}

std::optional<uint16_t> AgentTest::wait_for_admin_port(AgentProcess& agent) {
  const auto line = agent.wait_for_stderr_line(
      [](std::string_view l) { return admin_port(l).has_value(); }, kDeadline);
  if (!line) {
    // Reap it if it is gone, so describe() shows how it ended.
    agent.wait_exit(std::chrono::milliseconds(200));
    return std::nullopt;
  }
  return admin_port(*line);
}

std::optional<int> AgentTest::run_to_exit(AgentProcess& agent) const {
  const std::optional<int> code = agent.wait_exit(kDeadline);
  if (!code) ADD_FAILURE() << "the agent did not exit within the deadline\n" << agent.describe();
  return code;
}

}  // namespace mlobs::integration
