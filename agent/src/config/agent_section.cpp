#include "config/agent_section.h"

#include "config/suggest.h"
#include "config/units.h"
#include "config/yaml_values.h"

#include <algorithm>
#include <functional>
#include <string>
#include <vector>

namespace mlobs::agent::config_internal {
namespace {

using EntryFn = std::function<void(const std::string& key, const YAML::Node& value)>;

// Calls `fn` for each entry of the map at `path`; keys outside `known` are errors.
void for_each_entry(const YAML::Node& node, const std::string& path,
                    const std::vector<std::string>& known, ErrorCollector* errors,
                    const EntryFn& fn) {
  if (is_absent(node)) return;
  if (!node.IsMap()) {
    errors->add(node, path + " must be a map, got " + describe_value(node),
                "it takes the keys " + join_names(known));
    return;
  }
  for (auto it = node.begin(); it != node.end(); ++it) {
    if (!it->first.IsScalar()) {
      errors->add(it->first, "keys under " + path + " must be plain names");
      continue;
    }
    const std::string& key = it->first.Scalar();
    if (std::find(known.begin(), known.end(), key) != known.end()) {
      fn(key, it->second);
      continue;
    }
    std::string hint = did_you_mean(key, known);
    if (hint.empty()) hint = path + " takes the keys " + join_names(known);
    errors->add(it->first, "unknown key \"" + key + "\" in " + path, std::move(hint));
  }
}

// Every reader leaves `out` untouched when the value is absent or already reported.
bool usable(const YAML::Node& node) { return !is_absent(node) && !is_env_failed(node); }

void read_string(const YAML::Node& node, const std::string& path, ErrorCollector* errors,
                 std::string* out) {
  if (!usable(node)) return;
  if (!node.IsScalar()) {
    errors->add(node, path + " must be a string, got " + describe_value(node));
    return;
  }
  *out = node.Scalar();
}

void read_choice(const YAML::Node& node, const std::string& path,
                 const std::vector<std::string>& choices, ErrorCollector* errors,
                 std::string* out) {
  std::string value = *out;
  read_string(node, path, errors, &value);
  if (value == *out) return;
  if (std::find(choices.begin(), choices.end(), value) == choices.end()) {
    std::string hint = did_you_mean(value, choices);
    if (hint.empty()) hint = "use one of " + join_names(choices);
    errors->add(node, "invalid " + path + " " + describe_value(node), std::move(hint));
    return;
  }
  *out = std::move(value);
}

void read_positive_int(const YAML::Node& node, const std::string& path, ErrorCollector* errors,
                       int64_t* out) {
  if (!usable(node)) return;
  const std::optional<int64_t> v =
      node.IsScalar() ? parse_int64(node.Scalar()) : std::optional<int64_t>();
  if (!v) {
    errors->add(node, path + " must be an integer, got " + describe_value(node));
  } else if (*v < 1) {
    errors->add(node, path + " must be at least 1, got " + describe_value(node));
  } else {
    *out = *v;
  }
}

void read_duration(const YAML::Node& node, const std::string& path, ErrorCollector* errors,
                   int64_t* out) {
  if (!usable(node)) return;
  const std::optional<int64_t> v =
      node.IsScalar() ? parse_duration_ms(node.Scalar()) : std::optional<int64_t>();
  if (!v) {
    errors->add(node, path + " must be a duration, got " + describe_value(node),
                "write a duration such as 250ms, 30s, 5m or 1h30m");
    return;
  }
  *out = *v;
}

void read_string_list(const YAML::Node& node, const std::string& path, ErrorCollector* errors,
                      std::vector<std::string>* out) {
  if (!usable(node)) return;
  if (node.IsScalar()) {
    *out = {node.Scalar()};
    return;
  }
  if (!node.IsSequence()) {
    errors->add(node, path + " must be a list of strings, got " + describe_value(node));
    return;
  }
  std::vector<std::string> values;
  for (const YAML::Node& item : node) {
    if (is_env_failed(item)) continue;
    if (!item.IsScalar()) {
      errors->add(item, "entries of " + path + " must be strings, got " + describe_value(item));
      continue;
    }
    values.push_back(item.Scalar());
  }
  *out = std::move(values);
}

void read_listen(const YAML::Node& node, ErrorCollector* errors, std::string* out) {
  std::string value = *out;
  read_string(node, "agent.http.listen", errors, &value);
  if (value == *out) return;
  if (!value.empty() && value != "off" && !valid_listen_address(value)) {
    errors->add(node, "agent.http.listen must be host:port, got " + describe_value(node),
                "for example 127.0.0.1:9464; \"off\" disables the admin server");
    return;
  }
  *out = std::move(value);
}

}  // namespace

bool valid_listen_address(std::string_view text) {
  size_t colon;
  if (!text.empty() && text.front() == '[') {
    const size_t close = text.find(']');
    if (close == std::string_view::npos || close < 2) return false;
    colon = close + 1;
    if (colon >= text.size() || text[colon] != ':') return false;
  } else {
    colon = text.rfind(':');
    // A bare IPv6 address is ambiguous without brackets.
    if (colon == std::string_view::npos || colon == 0) return false;
    if (text.substr(0, colon).find(':') != std::string_view::npos) return false;
  }
  const std::string_view port_text = text.substr(colon + 1);
  if (port_text.empty() || port_text.size() > 5) return false;
  for (char c : port_text) {
    if (c < '0' || c > '9') return false;
  }
  // Port 0 asks the kernel for a free port (tests; the agent logs the one it got).
  const std::optional<int64_t> port = parse_int64(port_text);
  return port && *port >= 0 && *port <= 65535;
}

void parse_agent_section(const YAML::Node& node, AgentSettings* out, ErrorCollector* errors) {
  const std::vector<std::string> top = {"data_dir", "http",        "plugin_dirs",
                                        "log",      "dead_letter", "pipeline"};
  for_each_entry(node, "agent", top, errors, [&](const std::string& key, const YAML::Node& v) {
    if (key == "data_dir") {
      std::string dir = out->data_dir;
      read_string(v, "agent.data_dir", errors, &dir);
      if (dir.empty()) {
        errors->add(v, "agent.data_dir must not be empty");
      } else {
        out->data_dir = std::move(dir);
      }
    } else if (key == "http") {
      for_each_entry(v, "agent.http", {"listen"}, errors,
                     [&](const std::string&, const YAML::Node& listen) {
                       read_listen(listen, errors, &out->http_listen);
                     });
    } else if (key == "plugin_dirs") {
      read_string_list(v, "agent.plugin_dirs", errors, &out->plugin_dirs);
    } else if (key == "log") {
      for_each_entry(
          v, "agent.log", {"level", "format"}, errors,
          [&](const std::string& k, const YAML::Node& value) {
            if (k == "level") {
              read_choice(value, "agent.log.level", {"debug", "info", "warn", "error"}, errors,
                          &out->log_level);
            } else {
              read_choice(value, "agent.log.format", {"json", "text"}, errors, &out->log_format);
            }
          });
    } else if (key == "dead_letter") {
      for_each_entry(v, "agent.dead_letter", {"path"}, errors,
                     [&](const std::string&, const YAML::Node& path) {
                       read_string(path, "agent.dead_letter.path", errors, &out->dead_letter_path);
                     });
    } else if (key == "pipeline") {
      const std::vector<std::string> keys = {"batch_max_records", "queue_capacity", "poll_interval",
                                             "shutdown_timeout"};
      for_each_entry(v, "agent.pipeline", keys, errors,
                     [&](const std::string& k, const YAML::Node& value) {
                       const std::string path = "agent.pipeline." + k;
                       if (k == "batch_max_records") {
                         read_positive_int(value, path, errors, &out->batch_max_records);
                       } else if (k == "queue_capacity") {
                         read_positive_int(value, path, errors, &out->queue_capacity_batches);
                       } else if (k == "poll_interval") {
                         read_duration(value, path, errors, &out->poll_interval_ms);
                       } else {
                         read_duration(value, path, errors, &out->shutdown_timeout_ms);
                       }
                     });
    }
  });
}

void apply_agent_defaults(AgentSettings* settings) {
  if (settings->dead_letter_path.empty()) {
    std::string dir = settings->data_dir;
    while (!dir.empty() && dir.back() == '/') dir.pop_back();
    settings->dead_letter_path = dir + "/dead_letter.jsonl";
  }
}

}  // namespace mlobs::agent::config_internal
