// Types the `agent:` section of a config into AgentSettings.
#pragma once

#include "config/config.h"
#include "config/error_collector.h"

#include <yaml-cpp/yaml.h>

#include <string_view>

namespace mlobs::agent::config_internal {

// Unknown keys, wrong types and bad values go to `errors`; what is valid lands in `out`, the
// rest keeps its default. `node` may be absent (all defaults).
void parse_agent_section(const YAML::Node& node, AgentSettings* out, ErrorCollector* errors);

// Fills the settings that derive from others (dead_letter_path from data_dir). Call it whether
// or not the config has an agent section.
void apply_agent_defaults(AgentSettings* settings);

// "host:port" or "[v6-address]:port" with a port in 1..65535.
bool valid_listen_address(std::string_view text);

}  // namespace mlobs::agent::config_internal
