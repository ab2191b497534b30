// A plugin built for another ABI major is refused at load with one line naming the file and
// both versions; `plugins` shows it as FAILED (exit 1) next to the plugins that load, and `run`
// with a pipeline that needed it exits 2 saying which plugin was not loaded and why.
#include "support/agent_log.h"
#include "support/agent_test.h"
#include "support/build_paths.h"

#include <mlobs/plugin.h>

#include <string>

namespace mlobs::integration {
namespace {

// What the agent calls its own ABI version, from the header it was built with.
const std::string kHostAbi = "ABI " + std::to_string(MLOBS_ABI_VERSION_MAJOR) + "." +
                             std::to_string(MLOBS_ABI_VERSION_MINOR);
// tests/abi/plugins/abi_other_major.c answers 2.3.
const std::string kPluginAbi = "ABI 2.3";

class WrongAbiPluginTest : public AgentTest {
 protected:
  void SetUp() override {
    std::filesystem::create_directories(plugin_dir_);
    std::filesystem::copy_file(std::string(kAbiOtherMajorPlugin), bad_plugin_);
    std::filesystem::copy_file(std::filesystem::path(kPluginDir) / "passthrough.so",
                               plugin_dir_ / "passthrough.so");
    // jsonl_file is not in this plugin directory: only the broken plugin could have offered it.
    config_ = write_config(agent_section({plugin_dir_.string()}) + R"(
sources:
  app: { type: jsonl_file, paths: ["in/*.jsonl"] }
processors:
  pass: { type: passthrough, inputs: [app] }
sinks:
  out: { type: file, inputs: [pass], path: out.jsonl }
)");
  }

  std::filesystem::path plugin_dir_ = tmp_ / "plugins";
  std::filesystem::path bad_plugin_ = plugin_dir_ / "abi_other_major.so";
  std::filesystem::path config_;
};

// The line of `text` holding every one of `parts`, or "" when none does.
std::string line_with(const std::string& text, std::initializer_list<std::string> parts) {
  size_t begin = 0;
  while (begin < text.size()) {
    size_t end = text.find('\n', begin);
    if (end == std::string::npos) end = text.size();
    const std::string line = text.substr(begin, end - begin);
    bool all = true;
    for (const auto& p : parts) all = all && line.find(p) != std::string::npos;
    if (all) return line;
    begin = end + 1;
  }
  return "";
}

TEST_F(WrongAbiPluginTest, PluginsListsItAsFailedWithBothVersionsAndExitsOne) {
  auto agent = start_agent({"plugins", "--config", config_.string()});
  EXPECT_EQ(run_to_exit(*agent), 1) << agent->describe();
  const std::string out = agent->stdout_text();
  EXPECT_NE(line_with(out, {"FAILED", bad_plugin_.string(), kPluginAbi, kHostAbi}), "")
      << "no FAILED line naming " << bad_plugin_ << ", " << kPluginAbi << " and " << kHostAbi
      << " in:\n"
      << out;
  // The good plugin beside it still loads.
  EXPECT_NE(line_with(out, {"ok", "passthrough.so", "processor:passthrough"}), "") << out;
  // And the types built into the agent are listed too.
  EXPECT_NE(line_with(out, {"built", "agent_events"}), "") << out;
}

TEST_F(WrongAbiPluginTest, RunExitsTwoNamingThePluginThatDidNotLoad) {
  auto agent = start_agent({"run", "--config", config_.string()});
  EXPECT_EQ(run_to_exit(*agent), 2) << agent->describe();
  const std::string err = agent->stderr_text();
  EXPECT_NE(line_with(err, {"plugin not loaded", bad_plugin_.string(), kPluginAbi, kHostAbi}), "")
      << err;
  // The types that are missing because of it are reported as mistakes of the config.
  EXPECT_NE(line_with(err, {config_.filename().string(), "error", "jsonl_file"}), "") << err;
  for (const auto& line : agent->stderr_lines()) EXPECT_FALSE(admin_port(line)) << line;
}

}  // namespace
}  // namespace mlobs::integration
