// The subcommands of mlobs-agent. Each returns the process exit code:
// 0 success, 1 runtime failure, 2 bad configuration or usage.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace mlobs::agent {

class MetricsRegistry;

// How `run` and the one-shot commands (which run pipelines of their own making) run a config.
struct RunOptions {
  bool once = false;
  // Called once the admin server listens, with its port.
  std::function<void(int port)> on_listening;
  // Called after the pipeline stopped, with the metrics it left and how many records it
  // dead-lettered.
  std::function<void(const MetricsRegistry& metrics, uint64_t dead_lettered)> on_stopped;
};

int run_pipeline(const std::string& config_path, const RunOptions& options);
int run_command(const std::string& config_path, bool once);
int validate_command(const std::string& config_path);
int plugins_command(const std::string& config_path);
int version_command();

// One-shot commands: each builds a small pipeline of the shipped plugins, runs it, prints JSON
// to stdout, and exits 1 when the input is bad or a check fails. `args` follow the command name.
int one_shot_command(const std::string& command, const std::vector<std::string>& args);
bool is_one_shot_command(const std::string& command);

}  // namespace mlobs::agent
