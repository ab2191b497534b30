// Step 1 of loading a config: YAML syntax, env expansion, top-level shape, the agent section.
#include "config/agent_section.h"
#include "config/config.h"
#include "config/env_expand.h"
#include "config/error_collector.h"
#include "config/suggest.h"
#include "config/yaml_values.h"

#include <yaml-cpp/yaml.h>

#include <cerrno>
#include <cstdlib>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <system_error>
#include <utility>

namespace mlobs::agent {
namespace {

using config_internal::did_you_mean;
using config_internal::ErrorCollector;
using config_internal::join_names;

const std::vector<std::string>& top_level_keys() {
  static const std::vector<std::string> keys = {"agent", "sources", "processors", "sinks"};
  return keys;
}

// Expands ${...} in every scalar value and reports duplicate keys, in one pass over the tree.
class TreeWalker {
 public:
  TreeWalker(const EnvLookup& env, ErrorCollector* errors) : env_(env), errors_(errors) {}

  void walk(YAML::Node node) {
    if (!node.IsDefined() || node.IsNull()) return;
    // An alias shares its anchor's node: expanding it twice would eat a `$$` twice.
    const YAML::Mark mark = node.Mark();
    if (!mark.is_null() && !visited_.emplace(mark.pos, static_cast<int>(node.Type())).second) {
      return;
    }
    if (node.IsScalar()) {
      expand(node);
    } else if (node.IsSequence()) {
      for (YAML::Node child : node) walk(child);
    } else if (node.IsMap()) {
      std::map<std::string, YAML::Mark> keys;
      for (auto it = node.begin(); it != node.end(); ++it) {
        if (it->first.IsScalar()) {
          auto [first, inserted] = keys.emplace(it->first.Scalar(), it->first.Mark());
          if (!inserted) {
            const SourceLocation at = errors_->where(first->second);
            errors_->add(it->first, "duplicate key \"" + it->first.Scalar() + "\"",
                         "first defined at line " + std::to_string(at.line));
          }
        }
        walk(it->second);
      }
    }
  }

 private:
  void expand(YAML::Node& node) {
    if (node.Scalar().find('$') == std::string::npos) return;
    EnvExpandResult result = expand_env(node.Scalar(), env_);
    if (!result.ok()) {
      for (auto& e : result.errors) errors_->add(node, std::move(e.message), std::move(e.hint));
      config_internal::tag_env_failed(node);
      return;
    }
    // Assigning a string rewrites the scalar in place; a new node would lose the mark.
    node = result.value;
    if (result.used_environment) config_internal::tag_env_expanded(node);
  }

  const EnvLookup& env_;
  ErrorCollector* errors_;
  std::set<std::pair<int, int>> visited_;
};

void check_top_level(const YAML::Node& root, AgentSettings* agent, ErrorCollector* errors) {
  if (config_internal::is_absent(root)) return;
  if (!root.IsMap()) {
    errors->add(root, "the config must be a map, got " + config_internal::describe_value(root),
                "its sections are " + join_names(top_level_keys()));
    return;
  }
  bool agent_seen = false;
  for (auto it = root.begin(); it != root.end(); ++it) {
    if (!it->first.IsScalar()) {
      errors->add(it->first, "top-level keys must be plain names");
      continue;
    }
    const std::string& key = it->first.Scalar();
    const YAML::Node value = it->second;
    if (key == "agent") {
      if (!agent_seen) config_internal::parse_agent_section(value, agent, errors);
      agent_seen = true;
    } else if (key == "sources" || key == "processors" || key == "sinks") {
      if (!config_internal::is_absent(value) && !value.IsMap()) {
        errors->add(value,
                    key + " must be a map of component ids to their settings, got " +
                        config_internal::describe_value(value),
                    "write " + key + ": { my_id: { type: ... } }");
      }
    } else {
      std::string hint = did_you_mean(key, top_level_keys());
      if (hint.empty()) hint = "the top-level sections are " + join_names(top_level_keys());
      errors->add(it->first, "unknown top-level key \"" + key + "\"", std::move(hint));
    }
  }
}

std::variant<ParsedConfig, Diagnostics> parse_text(std::string_view yaml, std::string file_name,
                                                   const EnvLookup& env) {
  ErrorCollector errors(file_name);
  std::vector<YAML::Node> documents;
  try {
    documents = YAML::LoadAll(std::string(yaml));
  } catch (const YAML::ParserException& e) {
    errors.add(errors.where(e.mark), e.msg);
    return errors.take();
  }
  YAML::Node root(YAML::NodeType::Null);
  if (!documents.empty()) root.reset(documents.front());
  if (documents.size() > 1) {
    errors.add(documents[1], "a config file holds one YAML document",
               "remove the \"---\" separator and merge the documents");
  }

  TreeWalker(env, &errors).walk(root);
  ParsedConfig parsed;
  parsed.path = std::move(file_name);
  check_top_level(root, &parsed.agent, &errors);
  config_internal::apply_agent_defaults(&parsed.agent);
  if (!errors.empty()) return errors.take();
  parsed.root = std::make_shared<const YAML::Node>(root);
  return parsed;
}

}  // namespace

EnvLookup process_env() {
  return [](std::string_view name) -> std::optional<std::string> {
    const char* value = std::getenv(std::string(name).c_str());
    if (value == nullptr) return std::nullopt;
    return std::string(value);
  };
}

std::variant<ParsedConfig, Diagnostics> parse_config_text(std::string_view yaml,
                                                          std::string file_name,
                                                          const EnvLookup& env) {
  // yaml-cpp reports misuse by throwing; none of that may escape into the agent.
  const std::string file = file_name;
  try {
    return parse_text(yaml, std::move(file_name), env);
  } catch (const std::exception& e) {
    return Diagnostics{{{file, 0, 0}, std::string("cannot read config: ") + e.what(), ""}};
  }
}

std::variant<ParsedConfig, Diagnostics> parse_config_file(const std::string& path,
                                                          const EnvLookup& env) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    const std::string reason = std::error_code(errno, std::generic_category()).message();
    return Diagnostics{{{path, 0, 0}, "cannot open config file: " + reason, ""}};
  }
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) {
    return Diagnostics{{{path, 0, 0}, "cannot read config file", ""}};
  }
  return parse_config_text(text.str(), path, env);
}

}  // namespace mlobs::agent
