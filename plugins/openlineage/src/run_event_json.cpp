#include "run_event_json.h"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <cstddef>
#include <optional>

#include "dataset_uri.h"
#include "facet_schemas.h"
#include "mlobs/lineage/run_uuid.h"

namespace mlobs::openlineage {
namespace {

using JsonWriter = rapidjson::Writer<rapidjson::StringBuffer>;

void write_string(JsonWriter& w, std::string_view s) {
  w.String(s.data(), static_cast<rapidjson::SizeType>(s.size()));
}

void write_member(JsonWriter& w, const char* key, std::string_view value) {
  w.Key(key);
  write_string(w, value);
}

// Opens a facet object: its key, _producer and _schemaURL. The caller adds fields and closes it.
void start_facet(JsonWriter& w, const char* key, std::string_view producer,
                 const char* schema_url) {
  w.Key(key);
  w.StartObject();
  write_member(w, "_producer", producer);
  write_member(w, "_schemaURL", schema_url);
}

struct DatasetExtras {
  const std::vector<std::string>* columns = nullptr;  // schema facet when non-empty
  std::optional<int64_t> row_count;                   // outputStatistics facet
};

void write_dataset(JsonWriter& w, const lineage::Artifact& a, std::string_view producer,
                   const DatasetExtras& extras) {
  w.StartObject();
  write_member(w, "namespace", a.namespace_name);
  write_member(w, "name", openlineage_dataset_name(a));

  const std::optional<std::string> uri = a.uri ? dataset_uri(*a.uri) : std::nullopt;
  const bool has_columns = extras.columns && !extras.columns->empty();
  if (a.version || uri || has_columns) {
    w.Key("facets");
    w.StartObject();
    if (has_columns) {
      start_facet(w, "schema", producer, kSchemaFacetUrl);
      w.Key("fields");
      w.StartArray();
      int64_t position = 0;
      for (const std::string& column : *extras.columns) {
        w.StartObject();
        write_member(w, "name", column);
        w.Key("ordinal_position");
        w.Int64(++position);
        w.EndObject();
      }
      w.EndArray();
      w.EndObject();
    }
    if (uri) {
      start_facet(w, "dataSource", producer, kDataSourceFacetUrl);
      write_member(w, "name", *uri);
      write_member(w, "uri", *uri);
      w.EndObject();
    }
    if (a.version) {
      start_facet(w, "version", producer, kDatasetVersionFacetUrl);
      write_member(w, "datasetVersion", *a.version);
      w.EndObject();
    }
    w.EndObject();
  }
  if (extras.row_count) {
    w.Key("outputFacets");
    w.StartObject();
    start_facet(w, "outputStatistics", producer, kOutputStatisticsFacetUrl);
    w.Key("rowCount");
    w.Int64(*extras.row_count);
    w.EndObject();
    w.EndObject();
  }
  w.EndObject();
}

std::string event_json(const RunToExport& run, std::string_view event_type,
                       std::string_view event_time, std::string_view run_id,
                       std::string_view producer) {
  const lineage::LineageEvent& e = run.event;
  const bool complete = event_type == "COMPLETE";
  rapidjson::StringBuffer buffer;
  JsonWriter w(buffer);
  w.StartObject();
  write_member(w, "eventType", event_type);
  write_member(w, "eventTime", event_time);
  w.Key("run");
  w.StartObject();
  write_member(w, "runId", run_id);
  w.EndObject();
  w.Key("job");
  w.StartObject();
  write_member(w, "namespace", e.job_namespace);
  write_member(w, "name", e.job_name);
  w.EndObject();
  w.Key("inputs");
  w.StartArray();
  for (const lineage::Artifact& a : e.inputs) write_dataset(w, a, producer, {});
  w.EndArray();
  w.Key("outputs");
  w.StartArray();
  for (size_t i = 0; i < e.outputs.size(); ++i) {
    DatasetExtras extras;
    if (i == 0) {  // what the record says about what it wrote is about its first output
      extras.columns = &run.output_columns;
      // Rows written are known once the run completed.
      if (complete) extras.row_count = run.output_row_count;
    }
    write_dataset(w, e.outputs[i], producer, extras);
  }
  w.EndArray();
  write_member(w, "producer", producer);
  write_member(w, "schemaURL", kRunEventSchemaUrl);
  w.EndObject();
  return std::string(buffer.GetString(), buffer.GetSize());
}

}  // namespace

std::string openlineage_dataset_name(const lineage::Artifact& artifact) {
  if (artifact.type == lineage::kModelArtifact) return "models/" + artifact.name;
  return artifact.name;
}

std::vector<RunEvent> run_events(const RunToExport& run, std::string_view producer) {
  const lineage::LineageEvent& e = run.event;
  const std::string run_id = lineage::run_uuid(e.job_namespace, e.run_id);
  std::vector<RunEvent> out;
  out.reserve(2);
  const std::string& start_time = e.started_at ? *e.started_at : e.event_time;
  out.push_back({"START", run_id, event_json(run, "START", start_time, run_id, producer)});
  out.push_back({run.terminal_type, run_id,
                 event_json(run, run.terminal_type, e.event_time, run_id, producer)});
  return out;
}

}  // namespace mlobs::openlineage
