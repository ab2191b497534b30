#include "cli/pipeline_loading.h"

#include "builtin/agent_events_source.h"

#include <ostream>
#include <variant>

namespace mlobs::agent {

std::vector<std::string> effective_plugin_dirs(const AgentSettings& agent) {
  if (!agent.plugin_dirs.empty()) return agent.plugin_dirs;
  return {default_plugin_dir()};
}

std::optional<LoadedPipeline> load_pipeline(const std::string& config_path, std::ostream& err) {
  auto parsed = parse_config_file(config_path);
  if (auto* diags = std::get_if<Diagnostics>(&parsed)) {
    for (const auto& d : *diags) err << d.format() << "\n";
    return std::nullopt;
  }
  const ParsedConfig& cfg = std::get<ParsedConfig>(parsed);
  LoadedPipeline out;
  out.catalog.add_builtin(agent_events_component_type());
  out.catalog.load_directories(effective_plugin_dirs(cfg.agent));
  auto validated = validate_pipeline(cfg, out.catalog.schema_lookup(), out.catalog.type_names());
  if (auto* diags = std::get_if<Diagnostics>(&validated)) {
    for (const auto& d : *diags) err << d.format() << "\n";
    // A type may be unknown because its plugin failed to load: say why.
    for (const auto& r : out.catalog.reports()) {
      if (!r.ok) err << "plugin not loaded: " << r.error << "\n";
    }
    return std::nullopt;
  }
  out.config = std::move(std::get<PipelineConfig>(validated));
  return out;
}

}  // namespace mlobs::agent
