// The harness drives components with the agent's own loader, host API and services, so a
// plugin under test meets exactly what it meets in the agent.
#include "mlobs/testing/harness.h"

#include "config/component_settings.h"
#include "host/component_context.h"
#include "loader/plugin_loader.h"
#include "pipeline/component_instance.h"
#include "pipeline/dead_letter.h"
#include "storage/state_store.h"
#include "telemetry/logger.h"
#include "telemetry/metrics_registry.h"

#include <cmath>
#include <filesystem>
#include <mutex>
#include <random>

namespace mlobs::testing {

using namespace mlobs::agent;

struct Harness::Impl {
  std::filesystem::path data_dir;
  bool remove_data_dir = false;
  PluginCatalog catalog;
  Logger logger{Logger::Options{LogLevel::kDebug, true, 1000, std::chrono::milliseconds(1000)}};
  MetricsRegistry metrics;
  std::unique_ptr<StateStore> state;
  std::unique_ptr<DeadLetterOutput> dead_letter;
  HostServices services;
  mutable std::mutex mu;
  std::vector<DeadLetter> dead_letters;
  std::function<int64_t()> clock = system_clock_unix_nanos;
};

struct Component::Impl {
  Harness::Impl* harness = nullptr;
  std::unique_ptr<ComponentInstance> instance;
  uint64_t next_sequence = 0;
  uint64_t last_sequence = 0;
};

namespace {

std::vector<std::string> to_json(std::vector<RecordPtr> records) {
  std::vector<std::string> out;
  for (auto& r : records) {
    if (r) out.push_back(r->to_json());
  }
  return out;
}

void set_result(CallResult* out, const Status& s) {
  if (out) *out = CallResult{s.code(), s.message()};
}

std::filesystem::path fresh_temp_dir() {
  std::random_device rd;
  auto dir = std::filesystem::temp_directory_path() /
             ("mlobs-harness-" + std::to_string(rd()) + std::to_string(rd()));
  std::filesystem::create_directories(dir);
  return dir;
}

}  // namespace

Harness::Harness(std::string data_dir) : impl_(std::make_unique<Impl>()) {
  if (data_dir.empty()) {
    impl_->data_dir = fresh_temp_dir();
    impl_->remove_data_dir = true;
  } else {
    impl_->data_dir = data_dir;
    std::filesystem::create_directories(impl_->data_dir);
  }
  Impl* impl = impl_.get();
  impl->state = std::make_unique<StateStore>(impl->data_dir / "state");
  impl->services.clock = [impl] { return impl->clock(); };
  impl->dead_letter = std::make_unique<DeadLetterOutput>("", &impl->metrics, impl->services.clock);
  impl->dead_letter->set_observer([impl](std::string_view component, std::string_view reason,
                                         const Record* rec,
                                         std::span<const DeadLetterOutput::Field> fields) {
    std::lock_guard<std::mutex> lock(impl->mu);
    DeadLetter d;
    d.component = component;
    d.reason = reason;
    if (rec) d.record_json = rec->to_json();
    for (const auto& [k, v] : fields) d.fields.emplace_back(k, v);
    impl->dead_letters.push_back(std::move(d));
  });
  impl->services.logger = &impl->logger;
  impl->services.metrics = &impl->metrics;
  impl->services.state = impl->state.get();
  impl->services.dead_letter = impl->dead_letter.get();
}

Harness::~Harness() {
  if (impl_->remove_data_dir) {
    std::error_code ec;
    std::filesystem::remove_all(impl_->data_dir, ec);
  }
}

bool Harness::load_plugin(const std::string& path, std::string* error) {
  return impl_->catalog.load_file(path, error);
}

std::unique_ptr<Component> Harness::start(std::string_view type, std::string_view settings_yaml,
                                          CallResult* result, std::string id) {
  const ComponentType* t = impl_->catalog.find(type);
  if (!t) {
    set_result(result, Status::NotFound("no loaded plugin provides type \"" + std::string(type) + "\""));
    return nullptr;
  }
  std::string json;
  Diagnostics diags = component_settings_from_yaml(settings_yaml, t->schema, &json);
  if (!diags.empty()) {
    std::string message;
    for (const auto& d : diags) message += (message.empty() ? "" : "; ") + d.format();
    set_result(result, Status::InvalidArgument(message));
    return nullptr;
  }
  auto impl = std::make_unique<Component::Impl>();
  impl->harness = impl_.get();
  impl->instance = std::make_unique<ComponentInstance>(*t, std::move(id), &impl_->services);
  Status s = impl->instance->create(json);
  if (s.ok()) s = impl->instance->start();
  set_result(result, s);
  if (!s.ok()) return nullptr;
  return std::make_unique<Component>(std::move(impl));
}

void Harness::set_clock(std::function<int64_t()> now_unix_nanos) {
  impl_->clock = std::move(now_unix_nanos);
}

std::vector<DeadLetter> Harness::dead_letters() const {
  std::lock_guard<std::mutex> lock(impl_->mu);
  return impl_->dead_letters;
}

std::string Harness::metrics_text() const { return impl_->metrics.serialize(); }

double Harness::metric_value(std::string_view name,
                             std::vector<std::pair<std::string, std::string>> labels) const {
  return impl_->metrics.value(name, labels);
}

Component::Component(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

Component::~Component() = default;

std::vector<std::string> Component::pull(size_t capacity, CallResult* result) {
  Batch batch;
  batch.capacity = capacity;
  batch.sequence = ++impl_->next_sequence;
  impl_->last_sequence = batch.sequence;
  Status s = impl_->instance->process(&batch);
  set_result(result, s);
  for (auto& r : impl_->instance->take_emitted()) batch.records.push_back(std::move(r));
  return to_json(std::move(batch.records));
}

uint64_t Component::last_sequence() const { return impl_->last_sequence; }

void Component::ack(uint64_t sequence) { impl_->instance->ack(sequence); }

std::vector<std::string> Component::process(const std::vector<std::string>& records_json,
                                            CallResult* result, std::string_view kind) {
  Batch batch;
  for (const auto& json : records_json) {
    auto rec = std::make_unique<Record>();
    Status parsed = parse_record(kind, json, rec.get());
    if (!parsed.ok()) {
      set_result(result, parsed);
      return {};
    }
    if (rec->source.empty()) rec->source = "harness";
    batch.records.push_back(std::move(rec));
  }
  // As the agent hands it over: read-only to a sink and to a processor that only reads.
  if (impl_->instance->kind() == MLOBS_COMPONENT_SINK || impl_->instance->type().reads_only) {
    freeze(&batch);
  }
  Status s = impl_->instance->process(&batch);
  set_result(result, s);
  std::vector<RecordPtr> out;
  if (impl_->instance->kind() == MLOBS_COMPONENT_PROCESSOR) {
    compact(&batch);
    out = std::move(batch.records);
  }
  for (auto& r : impl_->instance->take_emitted()) out.push_back(std::move(r));
  return to_json(std::move(out));
}

std::vector<std::string> Component::tick(CallResult* result) {
  set_result(result, impl_->instance->tick(impl_->harness->clock()));
  return to_json(impl_->instance->take_emitted());
}

std::vector<std::string> Component::flush(CallResult* result) {
  set_result(result, impl_->instance->flush());
  return to_json(impl_->instance->take_emitted());
}

CallResult Component::stop() {
  Status s = impl_->instance->stop();
  return CallResult{s.code(), s.message()};
}

}  // namespace mlobs::testing
