#include "config/settings_typer.h"

#include "config/kind_names.h"
#include "config/suggest.h"
#include "config/units.h"
#include "config/yaml_values.h"

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>
#include <optional>
#include <utility>

namespace mlobs::agent::config_internal {
namespace {

using Alloc = rapidjson::Document::AllocatorType;

// Why a value does not fit its declared type, and where.
struct Problem {
  YAML::Node at;
  std::string message;
  std::string hint;
};

rapidjson::Value json_string(const std::string& s, Alloc& alloc) {
  return rapidjson::Value(s.c_str(), static_cast<rapidjson::SizeType>(s.size()), alloc);
}

// OBJECT values keep their shape; scalars stay strings for the plugin to interpret.
std::optional<rapidjson::Value> json_tree(const YAML::Node& node, Alloc& alloc, Problem* problem) {
  if (is_absent(node)) return rapidjson::Value(rapidjson::kNullType);
  if (node.IsScalar()) return json_string(node.Scalar(), alloc);
  if (node.IsSequence()) {
    rapidjson::Value array(rapidjson::kArrayType);
    for (const YAML::Node& item : node) {
      std::optional<rapidjson::Value> v = json_tree(item, alloc, problem);
      if (!v) return std::nullopt;
      array.PushBack(std::move(*v), alloc);
    }
    return array;
  }
  rapidjson::Value object(rapidjson::kObjectType);
  for (auto it = node.begin(); it != node.end(); ++it) {
    if (!it->first.IsScalar()) {
      problem->at.reset(it->first);
      problem->message = "map keys must be plain names";
      return std::nullopt;
    }
    std::optional<rapidjson::Value> v = json_tree(it->second, alloc, problem);
    if (!v) return std::nullopt;
    object.AddMember(json_string(it->first.Scalar(), alloc), std::move(*v), alloc);
  }
  return object;
}

std::optional<rapidjson::Value> convert(const YAML::Node& node, const KeySchema& key,
                                        const std::string& path, Alloc& alloc, Problem* problem) {
  problem->at.reset(node);
  const bool scalar = node.IsScalar();
  const std::string text = scalar ? node.Scalar() : std::string();
  auto fail = [&](std::string what, std::string hint = "") {
    problem->message = path + " must be " + what + ", got " + describe_value(node);
    problem->hint = std::move(hint);
    return std::nullopt;
  };
  switch (key.type) {
    case MLOBS_CONFIG_INT:
      if (auto v = scalar ? parse_int64(text) : std::nullopt) return rapidjson::Value(*v);
      return fail("an integer");
    case MLOBS_CONFIG_DOUBLE:
      if (auto v = scalar ? parse_double(text) : std::nullopt) return rapidjson::Value(*v);
      return fail("a number");
    case MLOBS_CONFIG_BOOL:
      if (auto v = scalar ? parse_bool(text) : std::nullopt) return rapidjson::Value(*v);
      return fail("true or false");
    case MLOBS_CONFIG_DURATION:
      if (auto v = scalar ? parse_duration_ms(text) : std::nullopt) return rapidjson::Value(*v);
      return fail("a duration", "write a duration such as 250ms, 30s, 5m or 1h30m");
    case MLOBS_CONFIG_SIZE:
      if (auto v = scalar ? parse_size_bytes(text) : std::nullopt) return rapidjson::Value(*v);
      return fail("a size", "write a size such as 512, 64KiB, 64MiB, 1GiB or 10MB");
    case MLOBS_CONFIG_LIST: {
      rapidjson::Value array(rapidjson::kArrayType);
      // One value where a list is expected is a one-element list: `paths: logs/*.jsonl`.
      if (scalar) {
        array.PushBack(json_string(text, alloc), alloc);
        return array;
      }
      if (!node.IsSequence()) return fail("a list", "write a list such as [a, b]");
      for (const YAML::Node& item : node) {
        if (!item.IsScalar()) {
          problem->at.reset(item);
          problem->message = "entries of " + path + " must be strings, got " + describe_value(item);
          return std::nullopt;
        }
        array.PushBack(json_string(item.Scalar(), alloc), alloc);
      }
      return array;
    }
    case MLOBS_CONFIG_OBJECT:
      if (!node.IsMap()) return fail("a map");
      return json_tree(node, alloc, problem);
    default:  // STRING, and types newer than this agent: the plugin reads the text
      if (!scalar) return fail("a string");
      return json_string(text, alloc);
  }
}

// Places `value` at a dotted path, creating the maps on the way; false on a clash.
bool insert_at(rapidjson::Value* root, const std::string& dotted, rapidjson::Value value,
               Alloc& alloc) {
  rapidjson::Value* cur = root;
  size_t start = 0;
  for (;;) {
    const size_t dot = dotted.find('.', start);
    const std::string segment = dotted.substr(start, dot - start);
    auto member = cur->FindMember(segment);
    if (dot == std::string::npos) {
      if (member != cur->MemberEnd()) return false;
      cur->AddMember(json_string(segment, alloc), std::move(value), alloc);
      return true;
    }
    if (member == cur->MemberEnd()) {
      cur->AddMember(json_string(segment, alloc), rapidjson::Value(rapidjson::kObjectType), alloc);
      member = cur->FindMember(segment);
    }
    if (!member->value.IsObject()) return false;
    cur = &member->value;
    start = dot + 1;
  }
}

class SettingsTyper {
 public:
  SettingsTyper(const ComponentSchema& schema, const ComponentContext& context,
                ErrorCollector* errors)
      : schema_(schema), context_(context), errors_(errors), values_(schema.keys.size()) {
    for (const auto& key : schema.keys) declared_.push_back(key.name);
  }

  std::string run(const YAML::Node& component) {
    visit(component, "");
    rapidjson::Document doc(rapidjson::kObjectType);
    Alloc& alloc = doc.GetAllocator();
    for (size_t i = 0; i < schema_.keys.size(); ++i) {
      std::optional<rapidjson::Value> value = value_of(i, alloc);
      if (value && !insert_at(&doc, schema_.keys[i].name, std::move(*value), alloc)) {
        errors_->add(context_.where,
                     "component type \"" + schema_.type_name + "\" declares \"" +
                         schema_.keys[i].name + "\" twice or inside another value",
                     "this is a plugin bug: report it to the plugin's authors");
      }
    }
    rapidjson::StringBuffer buffer;
    rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
    doc.Accept(writer);
    return std::string(buffer.GetString(), buffer.GetSize());
  }

 private:
  std::string path_of(const std::string& name) const {
    return std::string(section_name(context_.kind)) + "." + context_.id + "." + name;
  }

  std::optional<size_t> index_of(const std::string& name) const {
    auto it = std::find(declared_.begin(), declared_.end(), name);
    if (it == declared_.end()) return std::nullopt;
    return static_cast<size_t>(it - declared_.begin());
  }

  std::vector<std::string> children_of(const std::string& prefix) const {
    std::vector<std::string> out;
    for (const auto& name : declared_) {
      if (name.size() > prefix.size() && name.compare(0, prefix.size(), prefix) == 0 &&
          name[prefix.size()] == '.') {
        out.push_back(name);
      }
    }
    return out;
  }

  void visit(const YAML::Node& map, const std::string& prefix) {
    for (auto it = map.begin(); it != map.end(); ++it) {
      if (!it->first.IsScalar()) {
        errors_->add(it->first, "keys of " + std::string(kind_label(context_.kind)) + " \"" +
                                    context_.id + "\" must be plain names");
        continue;
      }
      const std::string& key = it->first.Scalar();
      if (prefix.empty() && std::find(context_.reserved.begin(), context_.reserved.end(), key) !=
                                context_.reserved.end()) {
        continue;
      }
      const std::string name = prefix.empty() ? key : prefix + "." + key;
      const YAML::Node value = it->second;
      if (std::optional<size_t> index = index_of(name)) {
        if (is_absent(values_[*index])) values_[*index].reset(value);
        continue;
      }
      const std::vector<std::string> children = children_of(name);
      if (children.empty()) {
        report_unknown(it->first, key, name);
      } else if (value.IsMap()) {
        visit(value, name);
      } else if (!is_absent(value) && !is_env_failed(value)) {
        errors_->add(value, path_of(name) + " must be a map, got " + describe_value(value),
                     "it takes the keys " + join_names(children));
      }
    }
  }

  void report_unknown(const YAML::Node& key_node, const std::string& key, const std::string& name) {
    std::vector<std::string> candidates = declared_;
    if (name == key) {
      candidates.insert(candidates.end(), context_.reserved_hints.begin(),
                        context_.reserved_hints.end());
    }
    std::string hint = did_you_mean(name, candidates);
    if (hint.empty()) {
      // The right name at the wrong depth: `url:` where `push: {url: ...}` is meant.
      for (const auto& declared : declared_) {
        const size_t dot = declared.rfind('.');
        if (dot != std::string::npos && declared.compare(dot + 1, std::string::npos, key) == 0) {
          hint = "did you mean \"" + declared + "\"?";
          break;
        }
      }
    }
    if (hint.empty()) {
      hint = declared_.empty()
                 ? "\"" + schema_.type_name + "\" takes no settings"
                 : "\"" + schema_.type_name + "\" takes the keys " + join_names(declared_);
    }
    errors_->add(
        key_node,
        "unknown key \"" + name + "\" in " + kind_label(context_.kind) + " \"" + context_.id + "\"",
        std::move(hint));
  }

  // The typed value of key `i`: as written, else its default; nullopt when unset or bad.
  std::optional<rapidjson::Value> value_of(size_t i, Alloc& alloc) {
    const KeySchema& key = schema_.keys[i];
    const YAML::Node& written = values_[i];
    Problem problem;
    if (!is_absent(written)) {
      if (is_env_failed(written)) return std::nullopt;
      std::optional<rapidjson::Value> v = convert(written, key, path_of(key.name), alloc, &problem);
      if (!v) errors_->add(problem.at, std::move(problem.message), std::move(problem.hint));
      return v;
    }
    if (key.default_value) {
      // A string key's default is the literal text (YAML would read "" as null and "*/x" as an
      // alias).
      if (key.type == MLOBS_CONFIG_STRING) {
        return rapidjson::Value(key.default_value->data(),
                                static_cast<rapidjson::SizeType>(key.default_value->size()), alloc);
      }
      std::optional<rapidjson::Value> v;
      try {
        v = convert(YAML::Load(*key.default_value), key, path_of(key.name), alloc, &problem);
      } catch (const YAML::Exception& e) {
        problem.message = e.msg;
      }
      if (!v) {
        errors_->add(context_.where,
                     "component type \"" + schema_.type_name + "\" has an invalid default for \"" +
                         key.name + "\": " + problem.message,
                     "this is a plugin bug: set the key explicitly, or report it");
      }
      return v;
    }
    if (key.required) {
      errors_->add(context_.where,
                   std::string(kind_label(context_.kind)) + " \"" + context_.id +
                       "\" is missing required key \"" + key.name + "\"",
                   key.description);
    }
    return std::nullopt;
  }

  const ComponentSchema& schema_;
  const ComponentContext& context_;
  ErrorCollector* errors_;
  std::vector<std::string> declared_;
  std::vector<YAML::Node> values_;  // as written, per declared key; null when not written
};

}  // namespace

std::string type_component_settings(const YAML::Node& component, const ComponentSchema& schema,
                                    const ComponentContext& context, ErrorCollector* errors) {
  return SettingsTyper(schema, context, errors).run(component);
}

}  // namespace mlobs::agent::config_internal
