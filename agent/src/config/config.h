// The configuration model and its two-step loading:
//   1. parse_config_file(): YAML syntax, ${ENV} / ${ENV:-default} expansion, the `agent`
//      section, and the component maps (kept with their source positions);
//   2. validate_pipeline(): with the component schemas of the loaded plugins, checks types,
//      keys, values, inputs and the graph, and produces typed per-component settings.
// Every mistake is collected (not just the first) with file:line:column and a hint.
#pragma once

#include "config/delivery_settings.h"
#include "config/diagnostic.h"

#include <mlobs/plugin.h>

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace YAML {
class Node;
}

namespace mlobs::agent {

struct AgentSettings {
  std::string data_dir = "/var/lib/mlobs";
  std::string http_listen = "127.0.0.1:9464";  // "" or "off" disables the admin server
  std::vector<std::string> plugin_dirs;         // empty: the agent's built-in directory
  std::string log_level = "info";               // debug|info|warn|error
  std::string log_format = "json";              // json|text
  std::string dead_letter_path;                 // default <data_dir>/dead_letter.jsonl
  int64_t batch_max_records = 512;              // agent.pipeline.batch_max_records
  int64_t queue_capacity_batches = 8;           // agent.pipeline.queue_capacity (per edge)
  int64_t poll_interval_ms = 200;               // agent.pipeline.poll_interval: idle source wait
  int64_t shutdown_timeout_ms = 30000;          // agent.pipeline.shutdown_timeout
};

// One declared config key of a component type (from the plugin descriptor).
struct KeySchema {
  std::string name;  // dotted for nested maps
  mlobs_config_type type = MLOBS_CONFIG_STRING;
  bool required = false;
  std::optional<std::string> default_value;  // YAML text
  std::string description;
};

struct ComponentSchema {
  mlobs_component_kind kind = MLOBS_COMPONENT_SOURCE;
  std::string type_name;
  std::vector<KeySchema> keys;
};

// Finds the schema of a component type; nullptr when no loaded plugin provides it.
using SchemaLookup = std::function<const ComponentSchema*(std::string_view type_name)>;
// Reads an environment variable; nullopt when unset. Injectable for tests.
using EnvLookup = std::function<std::optional<std::string>(std::string_view name)>;
EnvLookup process_env();

// An input edge: records from `from` (a component id) reach the consumer, optionally only
// records of the listed kinds.
struct InputEdge {
  std::string from;
  std::vector<std::string> kinds;  // empty: every kind
};

struct ComponentConfig {
  std::string id;
  mlobs_component_kind kind = MLOBS_COMPONENT_SOURCE;
  std::string type;
  std::vector<InputEdge> inputs;  // resolved: globs expanded to ids
  SourceLocation where;           // of the component's key
  // The plugin keys (not type/inputs/buffer/retry/http), typed per the schema with defaults
  // filled in: DURATION as integer milliseconds, SIZE as integer bytes, LIST as an array of
  // strings.
  std::string settings_json;  // a JSON object
  DeliverySettings delivery;  // sinks
};

// Step 1 result: the file parsed, env expanded, agent section typed.
struct ParsedConfig {
  std::string path;
  AgentSettings agent;
  std::shared_ptr<const YAML::Node> root;  // env-expanded tree, with marks for diagnostics
};

struct PipelineConfig {
  std::string path;
  AgentSettings agent;
  std::vector<ComponentConfig> components;  // sources, then processors, then sinks
  // Ids in an order where every component comes after all of its inputs.
  std::vector<std::string> topological_order;
};

std::variant<ParsedConfig, Diagnostics> parse_config_file(const std::string& path,
                                                          const EnvLookup& env = process_env());
std::variant<ParsedConfig, Diagnostics> parse_config_text(std::string_view yaml,
                                                          std::string file_name,
                                                          const EnvLookup& env);
std::variant<PipelineConfig, Diagnostics> validate_pipeline(const ParsedConfig& parsed,
                                                            const SchemaLookup& schemas);
// As above; `known_types` (every loaded type name) lets an unknown type get a "did you mean".
std::variant<PipelineConfig, Diagnostics> validate_pipeline(
    const ParsedConfig& parsed, const SchemaLookup& schemas,
    const std::vector<std::string>& known_types);

}  // namespace mlobs::agent
