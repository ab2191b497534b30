#include "config/yaml_values.h"

#include <charconv>
#include <cmath>

namespace mlobs::agent::config_internal {
namespace {

constexpr const char* kEnvExpandedTag = "!mlobs/env";
constexpr const char* kEnvFailedTag = "!mlobs/env-error";

}  // namespace

std::optional<int64_t> parse_int64(std::string_view text) {
  if (!text.empty() && text.front() == '+') text.remove_prefix(1);
  int64_t value = 0;
  const char* end = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(text.data(), end, value);
  if (text.empty() || ec != std::errc() || ptr != end) return std::nullopt;
  return value;
}

std::optional<double> parse_double(std::string_view text) {
  if (!text.empty() && text.front() == '+') text.remove_prefix(1);
  double value = 0;
  const char* end = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(text.data(), end, value);
  if (text.empty() || ec != std::errc() || ptr != end || !std::isfinite(value)) {
    return std::nullopt;
  }
  return value;
}

std::optional<bool> parse_bool(std::string_view text) {
  if (text == "true" || text == "True" || text == "TRUE") return true;
  if (text == "false" || text == "False" || text == "FALSE") return false;
  return std::nullopt;
}

void tag_env_expanded(YAML::Node& node) { node.SetTag(kEnvExpandedTag); }
void tag_env_failed(YAML::Node& node) { node.SetTag(kEnvFailedTag); }

bool is_env_expanded(const YAML::Node& node) {
  return node.IsDefined() && node.Tag() == kEnvExpandedTag;
}

bool is_env_failed(const YAML::Node& node) {
  return node.IsDefined() && node.Tag() == kEnvFailedTag;
}

std::string describe_value(const YAML::Node& node) {
  if (is_absent(node)) return "nothing";
  if (node.IsSequence()) return "a list";
  if (node.IsMap()) return "a map";
  if (is_env_expanded(node)) return "a value from the environment";
  return "\"" + node.Scalar() + "\"";
}

bool is_absent(const YAML::Node& node) { return !node.IsDefined() || node.IsNull(); }

bool find_entry(const YAML::Node& map, std::string_view key, YAML::Node* key_node,
                YAML::Node* value) {
  if (!map.IsDefined() || !map.IsMap()) return false;
  for (auto it = map.begin(); it != map.end(); ++it) {
    if (it->first.IsScalar() && it->first.Scalar() == key) {
      // reset() rebinds the handle; operator= would rewire the node it already points at.
      if (key_node) key_node->reset(it->first);
      if (value) value->reset(it->second);
      return true;
    }
  }
  return false;
}

}  // namespace mlobs::agent::config_internal
