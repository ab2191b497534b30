// A lineage event: one completed dataset build or training run, linking the artifacts it read
// to the artifacts it wrote. Written by the lineage_file sink as one JSON line, and the input
// of the OpenLineage exporters. Nothing in it depends on when it was made, so the same record
// always gives the same bytes and a re-delivered event is recognisable by its event_id.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace mlobs::lineage {

// Artifact types.
inline constexpr const char* kSourceData = "source_data";
inline constexpr const char* kDatasetVersion = "dataset_version";
inline constexpr const char* kModelArtifact = "model_artifact";

struct Artifact {
  std::string type;  // kSourceData, kDatasetVersion or kModelArtifact
  std::string namespace_name;
  std::string name;
  std::optional<std::string> version;
  std::optional<std::string> uri;

  // "<type>:<namespace>/<name>[@<version>]": what joins events. The output of a dataset build
  // and the input of a training run that read that build have the same ref.
  std::string ref() const;
};

struct LineageEvent {
  std::string event_id;  // "lineage:<record id>"
  std::string event_type = "COMPLETE";
  std::string event_time;  // RFC 3339, UTC
  std::string producer = "mlobs-agent";
  std::string run_id;
  std::optional<std::string> started_at;  // RFC 3339, UTC
  std::string job_namespace;
  std::string job_name;
  std::vector<Artifact> inputs;
  std::vector<Artifact> outputs;
  std::string record_id;

  // One compact JSON object, keys in a fixed order, absent optionals left out:
  // {"event_id","event_type","event_time","producer","run":{"run_id","started_at"?},
  //  "job":{"namespace","name"},"inputs":[...],"outputs":[...],"record_id"}
  std::string to_json() const;
  // The same appended to *out, so a writer can fill one buffer per batch.
  void append_json(std::string* out) const;
};

}  // namespace mlobs::lineage
