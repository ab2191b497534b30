#include "lineage_record_run.h"

#include <cstddef>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "mlobs/lineage/record_mapping.h"
#include "mlobs/rfc3339/rfc3339.h"

namespace mlobs::openlineage {
namespace {

MappedRun refused(const char* reason, std::string detail) {
  MappedRun out;
  out.reason = reason;
  out.detail = std::move(detail);
  return out;
}

// The artifacts of body.<list>.0, .1, ... up to the first entry with none of type, namespace
// and name. Returns the path of an entry without a name, if any.
std::optional<std::string> read_artifacts(const lineage::RecordFields& record,
                                          const std::string& list,
                                          const std::string& default_namespace,
                                          std::vector<lineage::Artifact>* out) {
  for (size_t i = 0;; ++i) {
    const std::string entry = "body." + list + "." + std::to_string(i);
    std::optional<std::string> name = lineage::known_text(record, entry + ".name");
    std::optional<std::string> type = lineage::known_text(record, entry + ".type");
    std::optional<std::string> ns = lineage::known_text(record, entry + ".namespace");
    if (!name && !type && !ns) return std::nullopt;
    if (!name) return entry + ".name";
    lineage::Artifact a;
    a.type = type.value_or(lineage::kDatasetVersion);
    a.namespace_name = ns.value_or(default_namespace);
    a.name = std::move(*name);
    a.version = lineage::known_text(record, entry + ".version");
    a.uri = lineage::known_text(record, entry + ".uri");
    out->push_back(std::move(a));
  }
}

}  // namespace

MappedRun map_lineage_record(const lineage::RecordFields& record, std::string_view namespace_name) {
  std::string missing;
  for (const char* path : {"body.event_time", "body.run.run_id", "body.job.name"}) {
    if (lineage::known_text(record, path)) continue;
    missing += missing.empty() ? "" : ", ";
    missing += path;
  }
  if (!missing.empty()) return refused(lineage::kMissingField, "lineage record without " + missing);

  const std::string event_time = *lineage::known_text(record, "body.event_time");
  const std::optional<int64_t> nanos = rfc3339::parse_unix_nanos(event_time);
  if (!nanos) {
    return refused(lineage::kInvalidField,
                   "body.event_time is not an RFC 3339 time: " + event_time);
  }
  const std::string event_type = lineage::known_text(record, "body.event_type").value_or("COMPLETE");
  if (event_type != "COMPLETE" && event_type != "FAIL" && event_type != "ABORT") {
    return refused(lineage::kInvalidField,
                   "body.event_type must be COMPLETE, FAIL or ABORT, not " + event_type);
  }

  MappedRun out;
  RunToExport& run = out.run.emplace();
  run.terminal_type = event_type;
  lineage::LineageEvent& e = run.event;
  e.event_type = event_type;
  e.event_time = rfc3339::format_utc(*nanos);
  e.run_id = *lineage::known_text(record, "body.run.run_id");
  if (std::optional<std::string> started = lineage::known_text(record, "body.run.started_at")) {
    // An unreadable start time is left out rather than losing the run, as the shared mapping.
    if (std::optional<int64_t> start = rfc3339::parse_unix_nanos(*started)) {
      e.started_at = rfc3339::format_utc(*start);
    }
  }
  e.job_namespace = lineage::known_text(record, "body.job.namespace").value_or(std::string(namespace_name));
  e.job_name = *lineage::known_text(record, "body.job.name");
  e.record_id = record.text("id").value_or("");
  e.event_id = lineage::known_text(record, "body.event_id").value_or(lineage::lineage_event_id(e.record_id));

  const std::pair<const char*, std::vector<lineage::Artifact>*> lists[] = {
      {"inputs", &e.inputs}, {"outputs", &e.outputs}};
  for (const auto& [list, artifacts] : lists) {
    if (std::optional<std::string> nameless =
            read_artifacts(record, list, e.job_namespace, artifacts)) {
      return refused(lineage::kMissingField, "lineage record without " + *nameless);
    }
  }
  return out;
}

}  // namespace mlobs::openlineage
