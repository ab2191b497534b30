#include "training_run.h"

#include "mlobs/rfc3339/rfc3339.h"

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <cstdint>
#include <utility>

namespace mlobs::training_adapter {
namespace {

MappedRun problem(std::string reason, std::string detail) {
  MappedRun m;
  m.reason = std::move(reason);
  m.detail = std::move(detail);
  return m;
}

// Names the bundle file a problem was found in.
MappedRun in_file(MappedRun m, const std::string& file) {
  if (!m.run) {
    m.file = file;
    m.detail = file + ": " + m.detail;
  }
  return m;
}

// One JSON object, or why the text is not one.
bool parse_object(std::string_view text, rapidjson::Document* doc, std::string* why) {
  doc->Parse<rapidjson::kParseValidateEncodingFlag>(text.data(), text.size());
  if (doc->HasParseError()) {
    *why = "not JSON (offset " + std::to_string(doc->GetErrorOffset()) + ")";
    return false;
  }
  if (!doc->IsObject()) {
    *why = "not a JSON object";
    return false;
  }
  return true;
}

// What the metadata says, before the contract's rules apply.
struct Written {
  std::optional<std::string> run_id;
  std::optional<std::string> model_name;
  std::optional<std::string> model_version;
  std::optional<std::string> input_dataset_name;
  std::optional<std::string> input_dataset_version;
  std::optional<std::string> started_at;
  std::optional<std::string> completed_at;
  std::optional<std::string> created_at;
  std::optional<std::string> artifact_path;
  std::map<std::string, double> metrics;
};

// Reads the fields of one JSON object, keeping the first one of the wrong type. Null and empty
// strings read as not written.
class FieldReader {
 public:
  explicit FieldReader(const rapidjson::Value& object) : object_(object) {}

  std::optional<std::string> text(const char* key) {
    const rapidjson::Value* v = find(key);
    if (!v) return std::nullopt;
    if (!v->IsString()) return wrong(std::string("\"") + key + "\" is not a string");
    return non_empty(std::string(v->GetString(), v->GetStringLength()));
  }

  // Versions and ids are written as strings or as integers (model_version 3).
  std::optional<std::string> identifier(const char* key) {
    const rapidjson::Value* v = find(key);
    if (!v) return std::nullopt;
    if (v->IsString()) return non_empty(std::string(v->GetString(), v->GetStringLength()));
    if (v->IsInt64()) return std::to_string(v->GetInt64());
    if (v->IsUint64()) return std::to_string(v->GetUint64());
    return wrong(std::string("\"") + key + "\" is not a string or an integer");
  }

  // The members of the object at `key` (or, with key null, of this object), each a number; the
  // names in `renames` are written under their new name, and win over a member already called
  // that.
  void metrics(const char* key, const std::map<std::string, std::string>& renames,
               std::map<std::string, double>* out) {
    const rapidjson::Value* object = key ? find(key) : &object_;
    if (!object) return;
    const std::string prefix = key ? std::string(key) + "." : std::string();
    if (!object->IsObject()) {
      wrong("\"" + prefix.substr(0, prefix.size() - 1) + "\" is not an object");
      return;
    }
    for (auto it = object->MemberBegin(); it != object->MemberEnd(); ++it) {
      std::string name(it->name.GetString(), it->name.GetStringLength());
      if (!it->value.IsNumber()) {
        wrong("\"" + prefix + name + "\" is not a number");
        return;
      }
      auto renamed = renames.find(name);
      if (renamed != renames.end()) {
        (*out)[renamed->second] = it->value.GetDouble();
      } else {
        out->emplace(std::move(name), it->value.GetDouble());
      }
    }
  }

  // The first field of the wrong type, in words; empty when there is none.
  const std::string& wrong_type() const { return wrong_; }

 private:
  const rapidjson::Value* find(const char* key) const {
    auto it = object_.FindMember(key);
    return it == object_.MemberEnd() || it->value.IsNull() ? nullptr : &it->value;
  }
  static std::optional<std::string> non_empty(std::string s) {
    if (s.empty()) return std::nullopt;
    return s;
  }
  std::optional<std::string> wrong(std::string detail) {
    if (wrong_.empty()) wrong_ = std::move(detail);
    return std::nullopt;
  }

  const rapidjson::Value& object_;
  std::string wrong_;
};

// The time as RFC 3339 UTC, and as Unix nanoseconds to compare.
struct Instant {
  int64_t unix_nanos = 0;
  std::string utc;
};

std::optional<Instant> instant_of(const std::string& text) {
  const std::optional<int64_t> nanos = rfc3339::parse_unix_nanos(text);
  if (!nanos) return std::nullopt;
  return Instant{*nanos, rfc3339::format_utc(*nanos)};
}

// The fields a metadata file and a bundle's metadata.json share; only the model name's key
// differs.
Written read_run_fields(FieldReader& fields, const char* model_name_key) {
  Written w;
  w.run_id = fields.identifier("run_id");
  w.model_name = fields.text(model_name_key);
  w.model_version = fields.identifier("model_version");
  w.input_dataset_name = fields.text("input_dataset_name");
  w.input_dataset_version = fields.identifier("input_dataset_version");
  w.started_at = fields.text("started_at");
  w.completed_at = fields.text("completed_at");
  w.created_at = fields.text("created_at");
  return w;
}

// The contract's rules over what was written: required fields, times, "unknown" fallbacks.
MappedRun apply_rules(Written w, const std::string& path, const char* model_name_key) {
  if (!w.run_id) return problem("missing_field", "no run_id");
  if (!w.model_name) return problem("missing_field", std::string("no ") + model_name_key);
  const std::optional<std::string>& completed = w.completed_at ? w.completed_at : w.created_at;
  if (!completed) return problem("missing_field", "no completed_at (nor created_at)");
  const char* completed_key = w.completed_at ? "completed_at" : "created_at";
  const std::optional<Instant> completed_at = instant_of(*completed);
  if (!completed_at) {
    return problem("bad_timestamp",
                   std::string(completed_key) + " \"" + *completed + "\" is not an RFC 3339 time");
  }
  std::optional<Instant> started_at;
  if (w.started_at) {
    started_at = instant_of(*w.started_at);
    if (!started_at) {
      return problem("bad_timestamp",
                     "started_at \"" + *w.started_at + "\" is not an RFC 3339 time");
    }
    if (completed_at->unix_nanos < started_at->unix_nanos) {
      return problem("completed_before_started", std::string(completed_key) + " " +
                                                     completed_at->utc + " is before started_at " +
                                                     started_at->utc);
    }
  }

  TrainingRun run;
  run.run_id = std::move(*w.run_id);
  run.model_name = std::move(*w.model_name);
  run.completed_at = completed_at->utc;
  if (started_at) run.started_at = started_at->utc;
  run.metrics = std::move(w.metrics);
  run.metadata_path = path;
  auto or_unknown = [&run](std::optional<std::string>& value, const char* field) {
    if (value) return std::move(*value);
    run.unknown_fields.emplace_back(field);
    return std::string(kUnknown);
  };
  run.model_version = or_unknown(w.model_version, "model_version");
  run.input_dataset_name = or_unknown(w.input_dataset_name, "input_dataset_name");
  run.input_dataset_version = or_unknown(w.input_dataset_version, "input_dataset_version");
  run.artifact_path = or_unknown(w.artifact_path, "artifact_path");
  MappedRun m;
  m.run = std::move(run);
  return m;
}

// Leading and trailing whitespace off (model_uri.txt usually ends with a newline).
std::string trimmed(std::string_view s) {
  const char* space = " \t\r\n\f\v";
  const size_t first = s.find_first_not_of(space);
  if (first == std::string_view::npos) return {};
  return std::string(s.substr(first, s.find_last_not_of(space) - first + 1));
}

}  // namespace

MappedRun map_metadata_file(const std::string& path, std::string_view text) {
  rapidjson::Document doc;
  std::string why;
  if (!parse_object(text, &doc, &why)) return problem("invalid_json", "the metadata is " + why);
  FieldReader fields(doc);
  Written w = read_run_fields(fields, "model_name");
  w.artifact_path = fields.text("artifact_path");
  fields.metrics("metrics", {}, &w.metrics);
  if (!fields.wrong_type().empty()) return problem("wrong_type", fields.wrong_type());
  return apply_rules(std::move(w), path, "model_name");
}

MappedRun map_bundle(const std::string& dir, const BundleTexts& texts) {
  rapidjson::Document metadata;
  std::string why;
  if (!parse_object(texts.metadata, &metadata, &why)) {
    return in_file(problem("invalid_json", "the file is " + why), "metadata.json");
  }
  FieldReader fields(metadata);
  Written w = read_run_fields(fields, "candidate_name");
  if (!fields.wrong_type().empty()) {
    return in_file(problem("wrong_type", fields.wrong_type()), "metadata.json");
  }

  if (texts.metrics) {
    rapidjson::Document metrics;
    if (!parse_object(*texts.metrics, &metrics, &why)) {
      return in_file(problem("invalid_json", "the file is " + why), "metrics.json");
    }
    FieldReader metric_fields(metrics);
    metric_fields.metrics(nullptr, {{"test_rmse", "rmse"}, {"test_mae", "mae"}}, &w.metrics);
    if (!metric_fields.wrong_type().empty()) {
      return in_file(problem("wrong_type", metric_fields.wrong_type()), "metrics.json");
    }
  }
  if (texts.model_uri) {
    std::string uri = trimmed(*texts.model_uri);
    if (!uri.empty()) w.artifact_path = std::move(uri);
  }
  return in_file(apply_rules(std::move(w), dir, "candidate_name"), "metadata.json");
}

std::string TrainingRun::to_json() const {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> w(buffer);
  auto text = [&w](const char* key, const std::string& value) {
    w.Key(key);
    w.String(value.data(), static_cast<rapidjson::SizeType>(value.size()));
  };
  w.StartObject();
  text("run_id", run_id);
  text("model_name", model_name);
  text("model_version", model_version);
  text("input_dataset_name", input_dataset_name);
  text("input_dataset_version", input_dataset_version);
  if (!started_at.empty()) text("started_at", started_at);
  text("completed_at", completed_at);
  w.Key("metrics");
  w.StartObject();
  for (const auto& [name, value] : metrics) {
    w.Key(name.data(), static_cast<rapidjson::SizeType>(name.size()));
    w.Double(value);
  }
  w.EndObject();
  text("artifact_path", artifact_path);
  text("metadata_path", metadata_path);
  w.Key("unknown_fields");
  w.StartArray();
  for (const std::string& field : unknown_fields) {
    w.String(field.data(), static_cast<rapidjson::SizeType>(field.size()));
  }
  w.EndArray();
  w.EndObject();
  return std::string(buffer.GetString(), buffer.GetSize());
}

}  // namespace mlobs::training_adapter
