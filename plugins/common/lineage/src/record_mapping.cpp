#include "mlobs/lineage/record_mapping.h"

#include <algorithm>
#include <cctype>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <utility>
#include <vector>

#include "mlobs/rfc3339/rfc3339.h"

namespace mlobs::lineage {
namespace {

constexpr std::string_view kDatasetBuild = "dataset_build";
constexpr std::string_view kTrainingRun = "training_run";
constexpr std::string_view kUnknown = "unknown";

}  // namespace

std::optional<std::string> known_text(const RecordFields& record, std::string_view path) {
  std::optional<std::string> value = record.text(path);
  if (!value || value->empty() || *value == kUnknown) return std::nullopt;
  return value;
}

namespace {

MappedEvent refused(const char* reason, std::string detail) {
  MappedEvent out;
  out.reason = reason;
  out.detail = std::move(detail);
  return out;
}

// Every one of `paths` that is not known, joined for a detail; empty when all are.
std::string missing_of(const RecordFields& record, std::initializer_list<const char*> paths) {
  std::string missing;
  for (const char* path : paths) {
    if (known_text(record, path)) continue;
    if (!missing.empty()) missing += ", ";
    missing += path;
  }
  return missing;
}

// Normalised to UTC, so times written with different offsets read alike downstream.
std::optional<std::string> utc_time(std::string_view text) {
  const std::optional<int64_t> nanos = rfc3339::parse_unix_nanos(text);
  if (!nanos) return std::nullopt;
  return rfc3339::format_utc(*nanos);
}

// "scheme://...", the scheme as RFC 3986 spells it (so "events:v3" is a name, not a URI).
bool looks_like_uri(std::string_view s) {
  const size_t colon = s.find("://");
  if (colon == std::string_view::npos || colon == 0) return false;
  if (!std::isalpha(static_cast<unsigned char>(s[0]))) return false;
  return std::all_of(s.begin(), s.begin() + static_cast<std::ptrdiff_t>(colon), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '+' || c == '-' || c == '.';
  });
}

bool is_absolute_path(std::string_view s) { return !s.empty() && s.front() == '/'; }

Artifact artifact(const char* type, std::string_view namespace_name, std::string name,
                  std::optional<std::string> version = std::nullopt,
                  std::optional<std::string> uri = std::nullopt) {
  Artifact a;
  a.type = type;
  a.namespace_name = std::string(namespace_name);
  a.name = std::move(name);
  a.version = std::move(version);
  a.uri = std::move(uri);
  return a;
}

// The envelope id, or the one the source would have given the record.
std::string record_id_of(const RecordFields& record, std::string derived) {
  std::optional<std::string> id = record.text("id");
  return id && !id->empty() ? std::move(*id) : std::move(derived);
}

LineageEvent event_for(std::string record_id, std::string event_time, std::string run_id,
                       std::string_view namespace_name, std::string job_name) {
  LineageEvent e;
  e.event_id = lineage_event_id(record_id);
  e.event_time = std::move(event_time);
  e.run_id = std::move(run_id);
  e.job_namespace = std::string(namespace_name);
  e.job_name = std::move(job_name);
  e.record_id = std::move(record_id);
  return e;
}

MappedEvent map_dataset_build(const RecordFields& record, std::string_view namespace_name) {
  const std::string missing =
      missing_of(record, {"body.dataset_name", "body.dataset_version", "body.built_at"});
  if (!missing.empty()) return refused(kMissingField, "dataset_build without " + missing);
  const std::string name = *known_text(record, "body.dataset_name");
  const std::string version = *known_text(record, "body.dataset_version");
  const std::string built_at = *known_text(record, "body.built_at");
  std::optional<std::string> event_time = utc_time(built_at);
  if (!event_time) {
    return refused(kInvalidField, "body.built_at is not an RFC 3339 time: " + built_at);
  }

  const std::string run_id = name + ":" + version;
  MappedEvent out;
  out.event = event_for(record_id_of(record, "dataset_build:" + run_id), std::move(*event_time),
                        run_id, namespace_name, "dataset_build/" + name);
  LineageEvent& e = *out.event;

  std::vector<std::string> seen;
  for (std::string& source : record.text_list("body.source_data")) {
    if (source.empty() || source == kUnknown) continue;
    if (std::find(seen.begin(), seen.end(), source) != seen.end()) continue;
    seen.push_back(source);
    std::optional<std::string> uri;
    if (looks_like_uri(source) || is_absolute_path(source)) uri = source;
    e.inputs.push_back(
        artifact(kSourceData, namespace_name, std::move(source), std::nullopt, std::move(uri)));
  }

  std::optional<std::string> uri;
  const std::optional<std::string> path = known_text(record, "body.path");
  if (path && is_absolute_path(*path)) uri = "file://" + *path;
  e.outputs.push_back(artifact(kDatasetVersion, namespace_name, name, version, std::move(uri)));
  return out;
}

MappedEvent map_training_run(const RecordFields& record, std::string_view namespace_name) {
  const std::string missing =
      missing_of(record, {"body.run_id", "body.model_name", "body.completed_at"});
  if (!missing.empty()) return refused(kMissingField, "training_run without " + missing);
  const std::string run_id = *known_text(record, "body.run_id");
  const std::string model_name = *known_text(record, "body.model_name");
  const std::string completed_at = *known_text(record, "body.completed_at");
  std::optional<std::string> event_time = utc_time(completed_at);
  if (!event_time) {
    return refused(kInvalidField, "body.completed_at is not an RFC 3339 time: " + completed_at);
  }

  MappedEvent out;
  out.event = event_for(record_id_of(record, "training_run:" + run_id), std::move(*event_time),
                        run_id, namespace_name, "training/" + model_name);
  LineageEvent& e = *out.event;
  // An unreadable start time is left out rather than losing the run.
  if (std::optional<std::string> started_at = known_text(record, "body.started_at")) {
    e.started_at = utc_time(*started_at);
  }
  // Without a dataset name there is nothing to join on: no input rather than one named
  // "unknown" that would tie unrelated runs together.
  if (std::optional<std::string> dataset = known_text(record, "body.input_dataset_name")) {
    e.inputs.push_back(artifact(kDatasetVersion, namespace_name, std::move(*dataset),
                                known_text(record, "body.input_dataset_version")));
  }
  e.outputs.push_back(artifact(kModelArtifact, namespace_name, model_name,
                               known_text(record, "body.model_version"),
                               known_text(record, "body.artifact_path")));
  return out;
}

}  // namespace

std::string lineage_event_id(std::string_view record_id) {
  return "lineage:" + std::string(record_id);
}

MappedEvent map_record(const RecordFields& record, std::string_view namespace_name) {
  const std::string kind = record.text("kind").value_or("");
  if (kind == kDatasetBuild) return map_dataset_build(record, namespace_name);
  if (kind == kTrainingRun) return map_training_run(record, namespace_name);
  return refused(kUnsupportedKind, "no lineage for records of kind \"" + kind + "\"");
}

}  // namespace mlobs::lineage
