// The subcommands of mlobs-agent. Each returns the process exit code:
// 0 success, 1 runtime failure, 2 bad configuration or usage.
#pragma once

#include <string>

namespace mlobs::agent {

int run_command(const std::string& config_path, bool once);
int validate_command(const std::string& config_path);
int plugins_command(const std::string& config_path);
int version_command();

}  // namespace mlobs::agent
