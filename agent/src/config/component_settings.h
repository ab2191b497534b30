// Types one component's settings against its schema outside a whole pipeline config (the SDK
// harness uses it): the same checks and conversions validate_pipeline applies.
#pragma once

#include "config/config.h"

#include <string>
#include <string_view>

namespace mlobs::agent {

// `yaml` is a map of the component's keys (no type/inputs). On success fills *json with the
// typed settings object; else returns the diagnostics (file name "settings").
Diagnostics component_settings_from_yaml(std::string_view yaml, const ComponentSchema& schema,
                                         std::string* json);

}  // namespace mlobs::agent
