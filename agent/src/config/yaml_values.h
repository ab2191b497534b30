// Reading typed values out of YAML scalars strictly (YAML's own "yes"/"0x10" leniency is not
// what an operator means in a collector config), and describing values in messages without
// echoing what came from the environment.
#pragma once

#include <yaml-cpp/yaml.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace mlobs::agent::config_internal {

std::optional<int64_t> parse_int64(std::string_view text);
std::optional<double> parse_double(std::string_view text);  // finite only
std::optional<bool> parse_bool(std::string_view text);      // true|True|TRUE|false|...

// Env expansion tags the scalars it touched. A tag, unlike a fresh node, keeps the mark.
void tag_env_expanded(YAML::Node& node);
void tag_env_failed(YAML::Node& node);
bool is_env_expanded(const YAML::Node& node);
// Its expansion was already reported: further checks of the value would only add noise.
bool is_env_failed(const YAML::Node& node);

// For messages: `"lots"`, `a value from the environment`, `a list`, `a map` or `nothing`.
std::string describe_value(const YAML::Node& node);

// True for a missing or null node: the key is treated as not set.
bool is_absent(const YAML::Node& node);

// The first entry of a map with a scalar key equal to `key`. Unlike operator[], never creates
// or returns an invalid node; false when `map` is not a map or has no such key.
bool find_entry(const YAML::Node& map, std::string_view key, YAML::Node* key_node,
                YAML::Node* value);

}  // namespace mlobs::agent::config_internal
