#include "builtin/agent_events_source.h"

#include "host/component_context.h"
#include "pipeline/batch.h"
#include "telemetry/agent_events.h"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <atomic>
#include <string>

namespace mlobs::agent {
namespace {

struct Source {
  mlobs_host_ctx* ctx;
  uint64_t next_id = 0;
};

std::string body_of(const AgentEvent& e) {
  rapidjson::StringBuffer buf;
  rapidjson::Writer<rapidjson::StringBuffer> w(buf);
  auto field = [&](const char* key, const std::string& value) {
    w.Key(key);
    w.String(value.data(), static_cast<rapidjson::SizeType>(value.size()));
  };
  w.StartObject();
  field("level", e.level);
  field("category", e.category);
  field("message", e.message);
  field("component", e.component);
  field("reason", e.reason);
  w.Key("tags");
  w.StartObject();
  field("category", e.category);
  field("component", e.component);
  field("reason", e.reason);
  w.EndObject();
  w.Key("context");
  w.StartObject();
  field("detail", e.detail);
  if (!e.record_kind.empty()) field("record_kind", e.record_kind);
  if (!e.record_id.empty()) field("record_id", e.record_id);
  w.EndObject();
  w.EndObject();
  return std::string(buf.GetString(), buf.GetSize());
}

mlobs_status create(mlobs_host_ctx* ctx, void** out_self) {
  if (!ctx || !ctx->services || !ctx->services->events) return MLOBS_FAILED_PRECONDITION;
  *out_self = new (std::nothrow) Source{ctx};
  return *out_self ? MLOBS_OK : MLOBS_INTERNAL;
}

mlobs_status configure(void*, const mlobs_record*) { return MLOBS_OK; }
mlobs_status nothing(void*) { return MLOBS_OK; }
void destroy(void* self) { delete static_cast<Source*>(self); }

mlobs_status process(void* self, mlobs_batch* batch) {
  auto* source = static_cast<Source*>(self);
  HostServices* services = source->ctx->services;
  try {
    for (auto& e : services->events->take(std::max<size_t>(batch->capacity, 1))) {
      auto rec = std::make_unique<Record>();
      rec->kind = "error";
      rec->id = "agent_event:" + std::to_string(e.unix_nanos) + ":" +
                std::to_string(source->next_id++);
      rec->source = source->ctx->component_id;
      rec->observed_at = format_rfc3339(e.unix_nanos);
      rec->request_id = random_hex_id();
      if (!rec->set_raw_body(body_of(e)).ok()) continue;
      batch->records.push_back(std::move(rec));
    }
  } catch (...) {
    return MLOBS_INTERNAL;
  }
  return MLOBS_OK;
}

}  // namespace

ComponentType agent_events_component_type() {
  ComponentType t;
  t.schema.kind = MLOBS_COMPONENT_SOURCE;
  t.schema.type_name = "agent_events";
  t.reports_on_pipeline = true;
  t.description = "Error records for what goes wrong inside the agent: dead-lettered inputs, "
                  "failed components (built in)";
  t.vtable.struct_size = sizeof(mlobs_component_vtable);
  t.vtable.create = create;
  t.vtable.configure = configure;
  t.vtable.start = nothing;
  t.vtable.process = process;
  t.vtable.flush = nothing;
  t.vtable.stop = nothing;
  t.vtable.destroy = destroy;
  return t;
}

}  // namespace mlobs::agent
