// Step 2 of loading a config: components against the plugin schemas, then the graph.
#include "config/settings_typer.h"
#include "config/config.h"
#include "config/error_collector.h"
#include "config/kind_names.h"
#include "config/pipeline_graph.h"
#include "config/suggest.h"
#include "config/units.h"
#include "config/yaml_values.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <map>
#include <utility>

namespace mlobs::agent {
namespace {

using config_internal::ComponentContext;
using config_internal::describe_value;
using config_internal::did_you_mean;
using config_internal::ErrorCollector;
using config_internal::find_entry;
using config_internal::GraphNode;
using config_internal::InputRef;
using config_internal::is_absent;
using config_internal::is_env_failed;
using config_internal::join_names;
using config_internal::kind_label;
using config_internal::section_name;

constexpr mlobs_component_kind kKinds[] = {MLOBS_COMPONENT_SOURCE, MLOBS_COMPONENT_PROCESSOR,
                                           MLOBS_COMPONENT_SINK};

bool valid_id(const std::string& id) {
  if (id.empty()) return false;
  return std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' ||
           c == '-';
  });
}

std::string quoted(const std::string& s) { return "\"" + s + "\""; }

class PipelineValidator {
 public:
  PipelineValidator(const ParsedConfig& parsed, const SchemaLookup& schemas,
                    const std::vector<std::string>& known_types)
      : parsed_(parsed), schemas_(schemas), known_types_(known_types), errors_(parsed.path) {}

  std::variant<PipelineConfig, Diagnostics> run() {
    const YAML::Node root = parsed_.root ? *parsed_.root : YAML::Node();
    for (mlobs_component_kind kind : kKinds) {
      YAML::Node key, section;
      const bool present = find_entry(root, section_name(kind), &key, &section);
      size_t count = 0;
      if (present && section.IsMap()) {
        for (auto it = section.begin(); it != section.end(); ++it) {
          component(it->first, it->second, kind);
          ++count;
        }
      }
      if (count == 0 && kind != MLOBS_COMPONENT_PROCESSOR) {
        errors_.add(present ? errors_.where(key) : SourceLocation{parsed_.path, 1, 1},
                    std::string("the config defines no ") + section_name(kind),
                    std::string("a pipeline needs at least one ") + kind_label(kind));
      }
    }
    config_internal::ResolvedGraph graph = config_internal::resolve_graph(nodes_, &errors_);
    if (!errors_.empty()) return errors_.take();
    PipelineConfig out;
    out.path = parsed_.path;
    out.agent = parsed_.agent;
    for (size_t i = 0; i < components_.size(); ++i) {
      components_[i].inputs = std::move(graph.inputs[i]);
    }
    out.components = std::move(components_);
    out.topological_order = std::move(graph.topological_order);
    return out;
  }

 private:
  std::string name_of(mlobs_component_kind kind, const std::string& id) const {
    return std::string(kind_label(kind)) + " " + quoted(id);
  }

  void component(const YAML::Node& key, const YAML::Node& value, mlobs_component_kind kind) {
    if (!key.IsScalar()) {
      errors_.add(key, std::string("keys under ") + section_name(kind) + " must be plain ids");
      return;
    }
    ComponentConfig c;
    c.id = key.Scalar();
    c.kind = kind;
    c.where = errors_.where(key);
    c.settings_json = "{}";
    GraphNode node;
    node.id = c.id;
    node.kind = kind;
    node.where = c.where;
    check_id(key, c);

    if (!value.IsMap()) {
      errors_.add(is_absent(value) ? key : value,
                  name_of(kind, c.id) + " must be a map with a type",
                  "write " + c.id + ": { type: <component type>, ... }");
      node.broken = true;
    } else {
      const ComponentSchema* schema = lookup_type(key, value, &c);
      for (auto it = value.begin(); it != value.end(); ++it) {
        if (!it->first.IsScalar()) continue;  // reported with the plugin keys, or moot
        const std::string& k = it->first.Scalar();
        if (k == "inputs") {
          if (kind == MLOBS_COMPONENT_SOURCE) {
            errors_.add(it->first, "a source takes no inputs",
                        "only processors and sinks read from other components");
          } else {
            parse_inputs(it->second, c, &node);
          }
        } else if (is_host_section(k)) {
          if (kind == MLOBS_COMPONENT_SINK) {
            parse_host_section(k, it->second, &c);
          } else {
            errors_.add(it->first, "only sinks have a " + k, "remove " + k + " from " + c.id);
          }
        }
      }
      if (schema != nullptr) {
        ComponentContext context;
        context.id = c.id;
        context.kind = kind;
        context.where = c.where;
        context.reserved = {"type", "inputs", "buffer", "retry", "http"};
        context.reserved_hints = {"type"};
        if (kind != MLOBS_COMPONENT_SOURCE) context.reserved_hints.push_back("inputs");
        if (kind == MLOBS_COMPONENT_SINK) {
          context.reserved_hints.insert(context.reserved_hints.end(), {"buffer", "retry", "http"});
        }
        c.settings_json =
            config_internal::type_component_settings(value, *schema, context, &errors_);
      }
    }
    components_.push_back(std::move(c));
    nodes_.push_back(std::move(node));
  }

  void check_id(const YAML::Node& key, const ComponentConfig& c) {
    if (!valid_id(c.id)) {
      errors_.add(key, "invalid component id " + quoted(c.id),
                  "ids may use letters, digits, \"_\" and \"-\"");
    }
    auto [first, inserted] = ids_.emplace(c.id, c);
    if (!inserted) {
      errors_.add(key, "duplicate component id " + quoted(c.id),
                  "it already names the " + std::string(kind_label(first->second.kind)) +
                      " at line " + std::to_string(first->second.where.line) +
                      "; ids are unique across sources, processors and sinks");
    }
  }

  // The schema of the component's type; nullptr (after reporting why) when unusable.
  const ComponentSchema* lookup_type(const YAML::Node& key, const YAML::Node& value,
                                     ComponentConfig* c) {
    YAML::Node type_node;
    if (!find_entry(value, "type", nullptr, &type_node) || is_absent(type_node)) {
      errors_.add(key, name_of(c->kind, c->id) + " has no type",
                  "add type: <component type>; `mlobs-agent plugins` lists them");
      return nullptr;
    }
    if (is_env_failed(type_node)) return nullptr;
    if (!type_node.IsScalar()) {
      errors_.add(type_node, "the type of " + name_of(c->kind, c->id) + " must be a string, got " +
                                 describe_value(type_node));
      return nullptr;
    }
    c->type = type_node.Scalar();
    const ComponentSchema* schema = schemas_ ? schemas_(c->type) : nullptr;
    if (schema == nullptr) {
      std::vector<std::string> same_kind;
      for (const auto& t : known_types_) {
        const ComponentSchema* s = schemas_ ? schemas_(t) : nullptr;
        if (s != nullptr && s->kind == c->kind) same_kind.push_back(t);
      }
      std::string hint = did_you_mean(c->type, same_kind);
      if (hint.empty()) {
        hint = "no loaded plugin provides component type " + quoted(c->type);
        if (!same_kind.empty()) {
          hint +=
              "; the " + std::string(kind_label(c->kind)) + " types are " + join_names(same_kind);
        }
      }
      errors_.add(type_node,
                  "unknown " + std::string(kind_label(c->kind)) + " type " + quoted(c->type),
                  std::move(hint));
      return nullptr;
    }
    if (schema->kind != c->kind) {
      errors_.add(type_node,
                  quoted(c->type) + " is a " + kind_label(schema->kind) + " type, not a " +
                      kind_label(c->kind) + " type",
                  "declare " + quoted(c->id) + " under " + section_name(schema->kind));
      return nullptr;
    }
    return schema;
  }

  void parse_inputs(const YAML::Node& value, const ComponentConfig& c, GraphNode* node) {
    if (is_absent(value)) return;
    if (value.IsScalar()) {
      node->inputs_given = true;
      parse_input_entry(value, node);
      return;
    }
    if (!value.IsSequence()) {
      errors_.add(
          value,
          "inputs of " + name_of(c.kind, c.id) + " must be a list, got " + describe_value(value),
          "write inputs: [source_id, \"app_*\", { id: other, kinds: [metric] }]");
      node->inputs_given = true;
      return;
    }
    for (const YAML::Node& entry : value) {
      node->inputs_given = true;
      parse_input_entry(entry, node);
    }
  }

  void parse_input_entry(const YAML::Node& entry, GraphNode* node) {
    if (is_env_failed(entry)) return;
    if (entry.IsScalar()) {
      if (entry.Scalar().empty()) {
        errors_.add(entry, "an input must not be empty", "name a source or processor");
      } else {
        node->inputs.push_back({entry.Scalar(), {}, errors_.where(entry)});
      }
      return;
    }
    if (!entry.IsMap()) {
      errors_.add(entry, "an input must be a component id or a map, got " + describe_value(entry),
                  "write an id, a glob such as \"app_*\", or { id: ..., kinds: [...] }");
      return;
    }
    InputRef ref;
    bool id_ok = false, kinds_ok = true;
    const std::vector<std::string> keys = {"id", "kinds"};
    for (auto it = entry.begin(); it != entry.end(); ++it) {
      const std::string k = it->first.IsScalar() ? it->first.Scalar() : std::string();
      const YAML::Node v = it->second;
      if (k == "id") {
        if (is_env_failed(v)) {
          id_ok = true;  // reported; also not worth a "has no id"
          kinds_ok = false;
        } else if (!v.IsScalar() || v.Scalar().empty()) {
          errors_.add(
              is_absent(v) ? it->first : v,
              "the id of an input must be a component id or glob, got " + describe_value(v));
          id_ok = true;
          kinds_ok = false;
        } else {
          ref.pattern = v.Scalar();
          ref.where = errors_.where(v);
          id_ok = true;
        }
      } else if (k == "kinds") {
        kinds_ok = parse_kinds(v, &ref.kinds) && kinds_ok;
      } else {
        std::string hint = did_you_mean(k, keys);
        if (hint.empty()) hint = "an input map takes id and kinds";
        errors_.add(it->first, "unknown key " + quoted(k) + " in an input", std::move(hint));
      }
    }
    if (!id_ok) {
      errors_.add(entry, "an input map needs an id",
                  "write { id: <component id or glob>, kinds: [...] }");
      return;
    }
    if (kinds_ok && !ref.pattern.empty()) node->inputs.push_back(std::move(ref));
  }

  bool parse_kinds(const YAML::Node& value, std::vector<std::string>* kinds) {
    if (is_env_failed(value)) return false;
    if (value.IsScalar() && !value.Scalar().empty()) {
      kinds->push_back(value.Scalar());
      return true;
    }
    if (value.IsSequence() && value.size() > 0) {
      bool ok = true;
      for (const YAML::Node& k : value) {
        if (k.IsScalar() && !k.Scalar().empty()) {
          kinds->push_back(k.Scalar());
        } else if (!is_env_failed(k)) {
          errors_.add(k, "a record kind must be a name, got " + describe_value(k));
          ok = false;
        }
      }
      return ok;
    }
    errors_.add(value,
                "kinds must be a non-empty list of record kinds, got " + describe_value(value),
                "for example kinds: [serving_window, deployment_health]; omit it for all kinds");
    return false;
  }

  // One host-owned key of a sink: where it is and how its value is read.
  enum class HostValue { kChoice, kSize, kDuration, kBool, kPath };
  struct HostKey {
    const char* section;
    const char* name;  // dotted below the section
    HostValue type;
    std::vector<std::string> choices;  // kChoice
  };

  static const std::vector<HostKey>& host_keys() {
    static const std::vector<HostKey> keys = {
        {"buffer", "type", HostValue::kChoice, {"memory", "disk"}},
        {"buffer", "max_size", HostValue::kSize, {}},
        {"retry", "initial_backoff", HostValue::kDuration, {}},
        {"retry", "max_backoff", HostValue::kDuration, {}},
        {"http", "timeout", HostValue::kDuration, {}},
        {"http", "connect_timeout", HostValue::kDuration, {}},
        {"http", "compression", HostValue::kChoice, {"none", "gzip"}},
        {"http", "tls.verify", HostValue::kBool, {}},
        {"http", "tls.ca_file", HostValue::kPath, {}},
    };
    return keys;
  }

  static bool is_host_section(const std::string& k) {
    return k == "buffer" || k == "retry" || k == "http";
  }

  // Reads `buffer`, `retry` or `http` of a sink into c->delivery; nested maps name dotted keys.
  void parse_host_section(const std::string& section, const YAML::Node& value,
                          ComponentConfig* c, const std::string& prefix = {}) {
    if (is_absent(value)) return;
    const std::string where = prefix.empty() ? section : section + "." + prefix;
    if (!value.IsMap()) {
      errors_.add(value,
                  "the " + where + " of " + name_of(c->kind, c->id) + " must be a map, got " +
                      describe_value(value),
                  "for example buffer: { type: disk, max_size: 256MiB }");
      return;
    }
    std::vector<std::string> names;
    for (const auto& key : host_keys()) {
      if (key.section == section) names.push_back(key.name);
    }
    for (auto it = value.begin(); it != value.end(); ++it) {
      const std::string k = it->first.IsScalar() ? it->first.Scalar() : std::string();
      const std::string dotted = prefix.empty() ? k : prefix + "." + k;
      const bool nested = std::any_of(names.begin(), names.end(), [&](const std::string& n) {
        return n.rfind(dotted + ".", 0) == 0;
      });
      if (nested) {
        parse_host_section(section, it->second, c, dotted);
        continue;
      }
      const auto key = std::find_if(host_keys().begin(), host_keys().end(), [&](const HostKey& h) {
        return h.section == section && h.name == dotted;
      });
      if (key == host_keys().end()) {
        std::string hint = did_you_mean(dotted, names);
        if (hint.empty()) {
          hint = "the " + section + " of a sink takes " + join(names);
        }
        errors_.add(it->first,
                    "unknown key " + quoted(dotted) + " in the " + section + " of " +
                        name_of(c->kind, c->id),
                    std::move(hint));
        continue;
      }
      const YAML::Node v = it->second;
      if (is_absent(v) || is_env_failed(v)) continue;
      read_host_value(*key, v, c);
    }
  }

  void read_host_value(const HostKey& key, const YAML::Node& v, ComponentConfig* c) {
    const std::string path = std::string(section_name(c->kind)) + "." + c->id + "." +
                             key.section + "." + key.name;
    const std::string text = v.IsScalar() ? v.Scalar() : std::string();
    const std::string id = std::string(key.section) + "." + key.name;
    DeliverySettings& d = c->delivery;
    switch (key.type) {
      case HostValue::kChoice: {
        if (!v.IsScalar() ||
            std::find(key.choices.begin(), key.choices.end(), text) == key.choices.end()) {
          std::string hint = v.IsScalar() ? did_you_mean(text, key.choices) : "";
          if (hint.empty()) hint = "use " + join(key.choices, " or ");
          errors_.add(v, path + " must be " + join(key.choices, " or ") + ", got " +
                             describe_value(v),
                      std::move(hint));
          return;
        }
        if (id == "buffer.type") d.disk_buffer = text == "disk";
        if (id == "http.compression") d.http.gzip = text == "gzip";
        return;
      }
      case HostValue::kSize: {
        const std::optional<int64_t> size = v.IsScalar() ? parse_size_bytes(text) : std::nullopt;
        if (!size || *size <= 0) {
          errors_.add(v, path + " must be a size above zero, got " + describe_value(v),
                      "write a size such as 64MiB or 1GiB");
          return;
        }
        d.buffer_max_size = *size;
        return;
      }
      case HostValue::kDuration: {
        const std::optional<int64_t> ms = v.IsScalar() ? parse_duration_ms(text) : std::nullopt;
        if (!ms || *ms <= 0) {
          errors_.add(v, path + " must be a duration above zero, got " + describe_value(v),
                      "write a duration such as 250ms, 10s or 5m");
          return;
        }
        if (id == "retry.initial_backoff") d.retry_initial_backoff_ms = *ms;
        if (id == "retry.max_backoff") d.retry_max_backoff_ms = *ms;
        if (id == "http.timeout") d.http.timeout_ms = *ms;
        if (id == "http.connect_timeout") d.http.connect_timeout_ms = *ms;
        return;
      }
      case HostValue::kBool: {
        if (!v.IsScalar() || (text != "true" && text != "false")) {
          errors_.add(v, path + " must be true or false, got " + describe_value(v),
                      "write true or false");
          return;
        }
        d.http.tls_verify = text == "true";
        return;
      }
      case HostValue::kPath:
        if (!v.IsScalar() || text.empty()) {
          errors_.add(v, path + " must be a file path, got " + describe_value(v),
                      "write the path of a PEM file of CA certificates");
          return;
        }
        d.http.tls_ca_file = text;
        return;
    }
  }

  static std::string join(const std::vector<std::string>& items, std::string_view sep = ", ") {
    std::string out;
    for (const auto& i : items) {
      if (!out.empty()) out += sep;
      out += i;
    }
    return out;
  }

  const ParsedConfig& parsed_;
  const SchemaLookup& schemas_;
  const std::vector<std::string>& known_types_;
  ErrorCollector errors_;
  std::map<std::string, ComponentConfig> ids_;  // first declaration of each id
  std::vector<ComponentConfig> components_;
  std::vector<GraphNode> nodes_;  // parallel to components_
};

}  // namespace

std::variant<PipelineConfig, Diagnostics> validate_pipeline(const ParsedConfig& parsed,
                                                            const SchemaLookup& schemas) {
  return validate_pipeline(parsed, schemas, {});
}

std::variant<PipelineConfig, Diagnostics> validate_pipeline(
    const ParsedConfig& parsed, const SchemaLookup& schemas,
    const std::vector<std::string>& known_types) {
  // Plugins and yaml-cpp may throw; the agent must get diagnostics, never an exception.
  try {
    return PipelineValidator(parsed, schemas, known_types).run();
  } catch (const std::exception& e) {
    return Diagnostics{
        {{parsed.path, 0, 0}, std::string("cannot validate config: ") + e.what(), ""}};
  }
}

}  // namespace mlobs::agent
