#include "mlobs/lineage/lineage_event.h"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <string_view>

namespace mlobs::lineage {
namespace {

using JsonWriter = rapidjson::Writer<rapidjson::StringBuffer>;

void write_string(JsonWriter& w, std::string_view s) {
  w.String(s.data(), static_cast<rapidjson::SizeType>(s.size()));
}

void write_member(JsonWriter& w, const char* key, std::string_view value) {
  w.Key(key);
  write_string(w, value);
}

void write_artifacts(JsonWriter& w, const char* key, const std::vector<Artifact>& artifacts) {
  w.Key(key);
  w.StartArray();
  for (const Artifact& a : artifacts) {
    w.StartObject();
    write_member(w, "ref", a.ref());
    write_member(w, "type", a.type);
    write_member(w, "namespace", a.namespace_name);
    write_member(w, "name", a.name);
    if (a.version) write_member(w, "version", *a.version);
    if (a.uri) write_member(w, "uri", *a.uri);
    w.EndObject();
  }
  w.EndArray();
}

}  // namespace

std::string Artifact::ref() const {
  std::string out = type;
  out += ':';
  out += namespace_name;
  out += '/';
  out += name;
  if (version) {
    out += '@';
    out += *version;
  }
  return out;
}

void LineageEvent::append_json(std::string* out) const {
  rapidjson::StringBuffer buffer;
  JsonWriter w(buffer);
  w.StartObject();
  write_member(w, "event_id", event_id);
  write_member(w, "event_type", event_type);
  write_member(w, "event_time", event_time);
  write_member(w, "producer", producer);
  w.Key("run");
  w.StartObject();
  write_member(w, "run_id", run_id);
  if (started_at) write_member(w, "started_at", *started_at);
  w.EndObject();
  w.Key("job");
  w.StartObject();
  write_member(w, "namespace", job_namespace);
  write_member(w, "name", job_name);
  w.EndObject();
  write_artifacts(w, "inputs", inputs);
  write_artifacts(w, "outputs", outputs);
  write_member(w, "record_id", record_id);
  w.EndObject();
  out->append(buffer.GetString(), buffer.GetSize());
}

std::string LineageEvent::to_json() const {
  std::string out;
  append_json(&out);
  return out;
}

}  // namespace mlobs::lineage
