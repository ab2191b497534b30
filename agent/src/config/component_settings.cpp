#include "config/component_settings.h"

#include "config/error_collector.h"
#include "config/settings_typer.h"
#include "config/yaml_values.h"

#include <yaml-cpp/yaml.h>

#include <exception>
#include <utility>

namespace mlobs::agent {

Diagnostics component_settings_from_yaml(std::string_view yaml, const ComponentSchema& schema,
                                         std::string* json) {
  config_internal::ErrorCollector errors("settings");
  try {
    // Nothing written means every key takes its default.
    YAML::Node node(YAML::NodeType::Map);
    try {
      YAML::Node loaded = YAML::Load(std::string(yaml));
      if (!config_internal::is_absent(loaded)) node.reset(loaded);
    } catch (const YAML::ParserException& e) {
      errors.add(errors.where(e.mark), e.msg);
      return errors.take();
    }
    if (!node.IsMap()) {
      errors.add(node, "settings must be a map, got " + config_internal::describe_value(node));
      return errors.take();
    }
    config_internal::ComponentContext context;
    context.id = schema.type_name;
    context.kind = schema.kind;
    context.where = {"settings", 1, 1};
    context.reserved = {"type", "inputs", "buffer", "retry", "http"};
    std::string typed = config_internal::type_component_settings(node, schema, context, &errors);
    if (errors.empty() && json != nullptr) *json = std::move(typed);
  } catch (const std::exception& e) {
    errors.add({"settings", 0, 0}, std::string("cannot read settings: ") + e.what());
  }
  return errors.take();
}

}  // namespace mlobs::agent
