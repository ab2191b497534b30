// Types a component's plugin keys per its schema: declared keys only (nested maps match dotted
// names), values converted by type, defaults filled in, required keys enforced.
#pragma once

#include "config/config.h"
#include "config/error_collector.h"

#include <yaml-cpp/yaml.h>

#include <string>
#include <vector>

namespace mlobs::agent::config_internal {

struct ComponentContext {
  std::string id;
  mlobs_component_kind kind = MLOBS_COMPONENT_SOURCE;
  SourceLocation where;  // of the component's key
  // Keys the pipeline handles itself (type, inputs, buffer): skipped here.
  std::vector<std::string> reserved;
  // Reserved keys this kind accepts: offered in "did you mean" hints too.
  std::vector<std::string> reserved_hints;
};

// The settings as a JSON object ("{}" when nothing is set); mistakes go to `errors`.
std::string type_component_settings(const YAML::Node& component, const ComponentSchema& schema,
                                    const ComponentContext& context, ErrorCollector* errors);

}  // namespace mlobs::agent::config_internal
