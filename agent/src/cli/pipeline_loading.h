// The steps `run` and `validate` share: parse the config, load the plugins its agent section
// names, validate the pipeline against their schemas. Mistakes are printed, all at once.
#pragma once

#include "config/config.h"
#include "loader/plugin_loader.h"

#include <iosfwd>
#include <optional>
#include <string>

namespace mlobs::agent {

struct LoadedPipeline {
  PipelineConfig config;
  PluginCatalog catalog;
};

// nullopt after printing every problem to `err`.
std::optional<LoadedPipeline> load_pipeline(const std::string& config_path, std::ostream& err);

// agent.plugin_dirs, or the built-in directory when none is configured.
std::vector<std::string> effective_plugin_dirs(const AgentSettings& agent);

}  // namespace mlobs::agent
