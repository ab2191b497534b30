// mlobs-agent: the command line.
#include "cli/commands.h"

#include <cstring>
#include <iostream>
#include <string>
#include <vector>

namespace {

constexpr const char* kUsage = R"(usage: mlobs-agent <command> [options]

commands:
  run --config FILE [--once]   run the pipeline (--once: process what the sources have now,
                               flush every sink, exit)
  validate --config FILE       check a config and its plugins without running it
  plugins [--config FILE]      list every plugin file in the plugin directories
  version                      print the agent and plugin ABI versions

one-shot commands (a pipeline of the shipped plugins each; JSON on stdout; exit 1 when the
input is bad or a check fails):
  emit-lineage dataset-build --metadata-path F [--lineage-dir D] [--namespace N]
  emit-lineage training-run --metadata-path F [--lineage-dir D] [--namespace N]
  compute-freshness --metadata-path F [--threshold 30m]
  run-checks --metadata-path F [--kind dataset|training]
  serve-metrics --port P [--metadata-path GLOB]... [--training-path GLOB]... [--serving-root DIR]
  demo-metrics --port P        serve sample values on 127.0.0.1:P/metrics
  simulate-prediction --count N --model-name M [--deployment-id D]

exit codes: 0 ok, 1 runtime failure, 2 bad configuration or usage
)";

int usage_error(const std::string& why) {
  std::cerr << "mlobs-agent: " << why << "\n\n" << kUsage;
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) return usage_error("missing command");
  const std::string command = argv[1];
  if (mlobs::agent::is_one_shot_command(command)) {
    return mlobs::agent::one_shot_command(command, std::vector<std::string>(argv + 2, argv + argc));
  }
  std::string config;
  bool once = false;
  for (int i = 2; i < argc; ++i) {
    const std::string arg = argv[i];
    if ((arg == "--config" || arg == "-c") && i + 1 < argc) {
      config = argv[++i];
    } else if (arg.rfind("--config=", 0) == 0) {
      config = arg.substr(std::strlen("--config="));
    } else if (arg == "--once" && command == "run") {
      once = true;
    } else {
      return usage_error("unknown option \"" + arg + "\" for " + command);
    }
  }
  if (command == "run" || command == "validate") {
    if (config.empty()) return usage_error(command + " needs --config FILE");
    return command == "run" ? mlobs::agent::run_command(config, once)
                            : mlobs::agent::validate_command(config);
  }
  if (command == "plugins") return mlobs::agent::plugins_command(config);
  if (command == "version" || command == "--version") return mlobs::agent::version_command();
  if (command == "help" || command == "--help" || command == "-h") {
    std::cout << kUsage;
    return 0;
  }
  return usage_error("unknown command \"" + command + "\"");
}
