#include "pipeline/component_instance.h"

namespace mlobs::agent {

ComponentInstance::ComponentInstance(const ComponentType& type, std::string id,
                                     HostServices* services)
    : type_(type) {
  ctx_.component_id = std::move(id);
  ctx_.kind = type.schema.kind;
  ctx_.services = services;
}

ComponentInstance::~ComponentInstance() { destroy(); }

Status ComponentInstance::result(const char* what, mlobs_status code) {
  std::string message = ctx_.take_error();
  if (code == MLOBS_OK) return Status::Ok();
  if (message.empty()) message = std::string(what) + " failed";
  return Status(code, message);
}

Status ComponentInstance::create(const std::string& settings_json) {
  destroy();
  Status parsed = parse_record("config", settings_json, &config_);
  if (!parsed.ok()) return Status::InvalidArgument("settings: " + parsed.message());
  config_.source = ctx_.component_id;
  void* self = nullptr;
  Status s = result("create", type_.vtable.create(&ctx_, &self));
  if (!s.ok()) return s;
  self_ = self;
  if (type_.vtable.configure) {
    s = result("configure",
               type_.vtable.configure(self_, reinterpret_cast<const mlobs_record*>(&config_)));
    if (!s.ok()) {
      destroy();
      return s;
    }
  }
  return Status::Ok();
}

Status ComponentInstance::start() {
  if (!self_) return Status::FailedPrecondition("not created");
  if (started_) return Status::Ok();
  Status s = type_.vtable.start ? result("start", type_.vtable.start(self_)) : Status::Ok();
  started_ = s.ok();
  return s;
}

Status ComponentInstance::process(Batch* batch) {
  if (!self_) return Status::FailedPrecondition("not created");
  ctx_.process_started_unix_nanos.store(ctx_.services->clock(), std::memory_order_relaxed);
  const mlobs_status s = type_.vtable.process(self_, batch);
  ctx_.process_started_unix_nanos.store(0, std::memory_order_relaxed);
  return result("process", s);
}

Status ComponentInstance::flush() {
  if (!self_ || !type_.vtable.flush) return Status::Ok();
  return result("flush", type_.vtable.flush(self_));
}

Status ComponentInstance::tick(int64_t now_unix_nanos) {
  if (!self_ || !type_.vtable.tick) return Status::Ok();
  return result("tick", type_.vtable.tick(self_, now_unix_nanos));
}

void ComponentInstance::ack(uint64_t sequence) {
  if (self_ && type_.vtable.ack && sequence > 0) type_.vtable.ack(self_, sequence);
  ctx_.take_error();
}

Status ComponentInstance::stop() {
  if (!self_ || !started_) return Status::Ok();
  started_ = false;
  return type_.vtable.stop ? result("stop", type_.vtable.stop(self_)) : Status::Ok();
}

void ComponentInstance::destroy() {
  if (!self_) return;
  stop();
  type_.vtable.destroy(self_);
  self_ = nullptr;
  ctx_.emitted.clear();
  ctx_.tick_interval_ms.store(0);
}

std::vector<RecordPtr> ComponentInstance::take_emitted() {
  std::vector<RecordPtr> out;
  out.swap(ctx_.emitted);
  return out;
}

}  // namespace mlobs::agent
