// `validate`, `plugins` and `version`: commands that inspect and exit.
#include "cli/commands.h"

#include "builtin/agent_events_source.h"
#include "cli/pipeline_loading.h"

#include <mlobs/plugin.h>

#include <iostream>
#include <variant>

namespace mlobs::agent {

int validate_command(const std::string& config_path) {
  auto loaded = load_pipeline(config_path, std::cerr);
  if (!loaded) return 2;
  const auto& c = loaded->config;
  std::cout << config_path << ": ok (" << c.components.size() << " components: ";
  for (size_t i = 0; i < c.topological_order.size(); ++i) {
    std::cout << (i ? ", " : "") << c.topological_order[i];
  }
  std::cout << ")\n";
  return 0;
}

int plugins_command(const std::string& config_path) {
  AgentSettings agent;
  if (!config_path.empty()) {
    auto parsed = parse_config_file(config_path);
    if (auto* diags = std::get_if<Diagnostics>(&parsed)) {
      for (const auto& d : *diags) std::cerr << d.format() << "\n";
      return 2;
    }
    agent = std::get<ParsedConfig>(parsed).agent;
  }
  PluginCatalog catalog;
  const auto dirs = effective_plugin_dirs(agent);
  catalog.load_directories(dirs);
  for (const auto& d : dirs) std::cout << "# plugin directory: " << d << "\n";
  std::cout << "built   " << agent_events_component_type().schema.type_name
            << "  (source, part of the agent)\n";
  int failures = 0;
  for (const auto& r : catalog.reports()) {
    if (!r.ok) {
      ++failures;
      std::cout << "FAILED  " << r.error << "\n";
      continue;
    }
    const auto& lib = *r.library;
    std::cout << "ok      " << r.file << "  name=" << lib.name << " version=" << lib.version
              << " abi=" << lib.abi_major << "." << lib.abi_minor << " components=";
    for (size_t i = 0; i < r.component_types.size(); ++i) {
      std::cout << (i ? "," : "") << r.component_types[i];
    }
    std::cout << "\n";
  }
  return failures ? 1 : 0;
}

int version_command() {
  std::cout << "mlobs-agent " << MLOBS_VERSION << " (plugin ABI " << MLOBS_ABI_VERSION_MAJOR << "."
            << MLOBS_ABI_VERSION_MINOR << ")\n";
  return 0;
}

}  // namespace mlobs::agent
