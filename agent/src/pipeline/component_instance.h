// One component instance driven through its vtable: the lifecycle, the config record, and the
// translation of ABI statuses (plus the message the plugin set) into Status.
#pragma once

#include "common/status.h"
#include "host/component_context.h"
#include "loader/plugin_loader.h"
#include "pipeline/batch.h"

#include <memory>
#include <string>
#include <vector>

namespace mlobs::agent {

class ComponentInstance {
 public:
  ComponentInstance(const ComponentType& type, std::string id, HostServices* services);
  ~ComponentInstance();  // stop() if started, then destroy()
  ComponentInstance(const ComponentInstance&) = delete;
  ComponentInstance& operator=(const ComponentInstance&) = delete;

  // create + configure with the typed settings (a JSON object).
  Status create(const std::string& settings_json);
  Status start();
  Status process(Batch* batch);
  Status flush();
  Status tick(int64_t now_unix_nanos);
  void ack(uint64_t sequence);
  Status stop();
  void destroy();

  // Records the plugin emit()ted since the last call.
  std::vector<RecordPtr> take_emitted();
  int64_t tick_interval_ms() const { return ctx_.tick_interval_ms.load(); }
  bool has_tick() const { return type_.vtable.tick != nullptr; }

  // Sinks: the settings of the HTTP client http_send lends (before start()).
  void set_http_settings(const HttpSettings& settings) { ctx_.http_settings = settings; }
  // The wait the sink (or a Retry-After it received) asked for before a retry; 0 when none.
  // Reading clears it.
  int64_t take_retry_after_ms() { return ctx_.retry_after_ms.exchange(0); }

  const std::string& id() const { return ctx_.component_id; }
  mlobs_component_kind kind() const { return type_.schema.kind; }
  const ComponentType& type() const { return type_; }

 private:
  Status result(const char* what, mlobs_status code);

  const ComponentType& type_;
  mlobs_host_ctx ctx_;
  void* self_ = nullptr;
  bool started_ = false;
  Record config_;
};

}  // namespace mlobs::agent
