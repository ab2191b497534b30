#include "pipeline/pipeline.h"

#include "delivery/batch_codec.h"
#include "delivery/disk_buffer.h"
#include "delivery/retry_policy.h"
#include "pipeline/bounded_queue.h"
#include "pipeline/component_instance.h"
#include "pipeline/dead_letter.h"
#include "telemetry/agent_events.h"
#include "telemetry/agent_metrics.h"
#include "telemetry/health.h"
#include "telemetry/logger.h"

#include <algorithm>
#include <chrono>
#include <deque>
#include <filesystem>
#include <map>
#include <random>
#include <thread>

#include <pthread.h>

namespace mlobs::agent {

using Clock = std::chrono::steady_clock;

struct Pipeline::Node {
  const ComponentConfig* config = nullptr;
  std::unique_ptr<ComponentInstance> instance;
  ComponentMetrics metrics;
  std::unique_ptr<BoundedQueue<BatchPtr>> input;  // processors and sinks
  struct Edge {
    Node* to;
    std::vector<std::string> kinds;  // empty: all
  };
  std::vector<Edge> outputs;
  std::shared_ptr<AckTracker> acks;  // sources
  std::unique_ptr<DiskBuffer> disk;   // sinks with buffer.type disk
  std::atomic<int64_t> queued_records{0};
  int64_t backoff_ms = 0;
  std::thread thread;
};

namespace {

// Each component's thread carries its id (cut to the kernel's 15 bytes), so `top -H` and a
// profiler say which component spends the time.
void name_this_thread(const std::string& component_id) {
  pthread_setname_np(pthread_self(), component_id.substr(0, 15).c_str());
}

// How many batches a disk buffer writes with one fdatasync at most.
constexpr size_t kGroupCommitBatches = 8;

bool retry_later(const Status& s) {
  return s.code() == MLOBS_UNAVAILABLE || s.code() == MLOBS_RESOURCE_EXHAUSTED;
}

int64_t now_ns() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

bool wants(const std::vector<std::string>& kinds, const Record& rec) {
  return kinds.empty() || std::find(kinds.begin(), kinds.end(), rec.kind) != kinds.end();
}

size_t live_records(const Batch& b) {
  return static_cast<size_t>(std::count_if(b.records.begin(), b.records.end(),
                                           [](const RecordPtr& r) { return r != nullptr; }));
}

// Marks every source batch behind `batch` as not delivered.
void fail_tokens(Batch& batch) {
  for (auto& t : batch.acks) t->fail();
}

}  // namespace

PipelineOptions pipeline_options(const AgentSettings& agent, bool once) {
  PipelineOptions o;
  o.once = once;
  o.batch_max_records = static_cast<size_t>(std::max<int64_t>(1, agent.batch_max_records));
  o.queue_capacity_batches = static_cast<size_t>(std::max<int64_t>(1, agent.queue_capacity_batches));
  o.poll_interval_ms = std::max<int64_t>(1, agent.poll_interval_ms);
  o.shutdown_timeout_ms = std::max<int64_t>(0, agent.shutdown_timeout_ms);
  return o;
}

Pipeline::Pipeline(const PipelineConfig& config, const PluginCatalog& catalog,
                   PipelineOptions options, HostServices* services, AgentMetrics* metrics,
                   HealthRegistry* health, Logger* logger)
    : config_(config),
      catalog_(catalog),
      options_(options),
      services_(services),
      metrics_(metrics),
      health_(health),
      logger_(logger) {}

Pipeline::~Pipeline() {
  request_stop();
  wait();
}

Status Pipeline::build() {
  std::map<std::string, Node*> by_id;
  std::map<std::string, const ComponentConfig*> configs;
  for (const auto& c : config_.components) configs[c.id] = &c;
  for (const auto& id : config_.topological_order) {
    const ComponentConfig* c = configs.at(id);
    const ComponentType* type = catalog_.find(c->type);
    if (!type) return Status::NotFound("component \"" + id + "\": no plugin provides type \"" + c->type + "\"");
    auto node = std::make_unique<Node>();
    node->config = c;
    node->instance = std::make_unique<ComponentInstance>(*type, c->id, services_);
    const bool sink = c->kind == MLOBS_COMPONENT_SINK;
    node->metrics = sink ? metrics_->for_sink(c->id, c->type) : metrics_->for_component(c->id, c->type);
    if (sink) node->instance->set_http_settings(c->delivery.http);
    if (sink && c->delivery.disk_buffer) {
      const auto dir = std::filesystem::path(config_.agent.data_dir) / "buffers" / c->id;
      node->disk = std::make_unique<DiskBuffer>(dir.string(),
                                                static_cast<uint64_t>(c->delivery.buffer_max_size));
      std::string torn;
      Status opened = node->disk->open(&torn);
      if (!opened.ok()) return Status(opened.code(), "sink \"" + id + "\": " + opened.message());
      if (!torn.empty()) {
        logger_->warn("pipeline", "cut a torn tail off the disk buffer (a crash mid-write)",
                      {{"component", id}, {"detail", torn}});
      }
      if (!node->disk->empty()) {
        logger_->info("pipeline", "disk buffer holds undelivered records from before",
                      {{"component", id},
                       {"records", std::to_string(node->disk->pending_records())}});
      }
    }
    Status s = node->instance->create(c->settings_json);
    if (!s.ok()) {
      return Status(s.code(), "component \"" + id + "\" (" + c->type + "): " + s.message());
    }
    if (c->kind == MLOBS_COMPONENT_SOURCE) node->acks = std::make_shared<AckTracker>();
    health_->set(id, ComponentHealth::kStarting, "created");
    by_id[id] = node.get();
    nodes_.push_back(std::move(node));
  }
  // Wire the edges: each consumer has one input queue fed by all of its producers.
  for (auto& node : nodes_) {
    const auto& inputs = node->config->inputs;
    if (node->config->kind == MLOBS_COMPONENT_SOURCE) continue;
    node->input = std::make_unique<BoundedQueue<BatchPtr>>(options_.queue_capacity_batches,
                                                           static_cast<int>(inputs.size()));
    for (const auto& edge : inputs) by_id.at(edge.from)->outputs.push_back({node.get(), edge.kinds});
  }
  return Status::Ok();
}

void Pipeline::start() {
  for (const auto& n : nodes_) {
    if (n->config->kind == MLOBS_COMPONENT_SOURCE && !n->instance->type().reports_on_pipeline) {
      ++data_sources_running_;
    }
  }
  // Sinks first, so the first batches find their consumers running.
  for (auto it = nodes_.rbegin(); it != nodes_.rend(); ++it) {
    Node& n = **it;
    n.thread = std::thread([this, &n] {
      name_this_thread(n.config->id);
      switch (n.config->kind) {
        case MLOBS_COMPONENT_SOURCE: run_source(n); break;
        case MLOBS_COMPONENT_PROCESSOR: run_processor(n); break;
        default: run_sink(n); break;
      }
    });
  }
}

void Pipeline::request_stop() {
  if (stopping_.exchange(true)) return;
  stop_deadline_ns_ = now_ns() + options_.shutdown_timeout_ms * 1000000;
  std::lock_guard<std::mutex> lock(stop_mu_);
  stop_cv_.notify_all();
}

bool Pipeline::interruptible_wait(int64_t ms) {
  std::unique_lock<std::mutex> lock(stop_mu_);
  return !stop_cv_.wait_for(lock, std::chrono::milliseconds(ms), [&] { return stopping_.load(); });
}

// Starts the component, or after a failure restarts it: destroy, wait out an exponential
// backoff, create and start again, until it starts. Returns false when the pipeline is stopping
// and the component should give up.
bool Pipeline::start_or_recover(Node& n, const Status& failure) {
  const std::string& id = n.config->id;
  auto failed = [&](const char* what, const Status& why, const char* log_message) {
    MetricsRegistry::add(n.metrics.errors, 1);
    health_->set(id, ComponentHealth::kUnhealthy, std::string(what) + why.message());
    n.backoff_ms = std::min(std::max(n.backoff_ms * 2, options_.restart_backoff_initial_ms),
                            options_.restart_backoff_max_ms);
    logger_->error("pipeline", log_message,
                   {{"component", id}, {"error", why.message()},
                    {"backoff_ms", std::to_string(n.backoff_ms)}});
    if (services_->events) {
      AgentEvent e;
      e.category = "plugin_failure";
      e.level = "error";
      e.component = id;
      e.reason = "component_failed";
      e.message = std::string(log_message) + ": " + id + " (" + n.config->type + ")";
      e.detail = std::string(what) + why.message();
      e.unix_nanos = services_->clock();
      services_->events->publish(std::move(e));
    }
  };
  bool recreate = !failure.ok();
  if (recreate) failed("", failure, "component failed; restarting");
  while (true) {
    if (recreate) {
      if (!interruptible_wait(n.backoff_ms)) return false;
      MetricsRegistry::add(n.metrics.restarts, 1);
      n.instance->destroy();
      Status created = n.instance->create(n.config->settings_json);
      if (!created.ok()) {
        failed("create failed: ", created, "component failed to start");
        continue;
      }
    }
    Status s = n.instance->start();
    if (s.ok()) {
      health_->set(id, ComponentHealth::kOk, "running");
      return true;
    }
    failed("start failed: ", s, "component failed to start");
    recreate = true;
    if (stopping_) return false;
  }
}

void Pipeline::forward(Node& from, BatchPtr batch) {
  if (!batch->read_only) compact(batch.get());  // a shared batch has no removed slots
  if (batch->records.empty()) return;  // its tokens complete as it goes
  MetricsRegistry::add(from.metrics.records_out, static_cast<double>(batch->records.size()));
  // A single consumer takes the batch as it is. Several share it read-only (filtered edges
  // copy what they take from it): sinks only read, and a processor copies it on its own thread
  // before changing it, so the producer's thread makes no copy for anyone.
  if (from.outputs.size() > 1) freeze(batch.get());
  for (auto& edge : from.outputs) {
    BatchPtr out = batch;
    if (!edge.kinds.empty()) {
      out = std::make_shared<Batch>();
      out->acks = batch->acks;
      out->started_unix_nanos = batch->started_unix_nanos;
      for (const auto& r : batch->records) {
        if (wants(edge.kinds, *r)) out->records.push_back(std::make_unique<Record>(*r));
      }
      if (out->records.empty()) continue;
    }
    if (edge.to->config->kind == MLOBS_COMPONENT_SINK) freeze(out.get());  // one rule for sinks
    const auto n = static_cast<int64_t>(out->records.size());
    edge.to->queued_records += n;
    MetricsRegistry::set(edge.to->metrics.queue_depth, static_cast<double>(edge.to->queued_records));
    if (!edge.to->input->push(out)) fail_tokens(*out);
  }
}

void Pipeline::forward_emitted(Node& from) {
  auto emitted = from.instance->take_emitted();
  if (emitted.empty()) return;
  auto batch = std::make_shared<Batch>();
  batch->records = std::move(emitted);
  batch->started_unix_nanos = now_ns();
  forward(from, std::move(batch));
}

void Pipeline::run_source(Node& n) {
  const bool reports_on_pipeline = n.instance->type().reports_on_pipeline;
  bool running = start_or_recover(n, Status::Ok());
  int64_t next_tick = 0;
  while (running && !stopping_) {
    if (uint64_t seq = n.acks->take_acknowledged()) n.instance->ack(seq);
    const int64_t interval = n.instance->tick_interval_ms();
    if (interval > 0 && now_ns() >= next_tick) {
      next_tick = now_ns() + interval * 1000000;
      Status t = n.instance->tick(services_->clock());
      if (!t.ok()) MetricsRegistry::add(n.metrics.errors, 1);
      forward_emitted(n);
    }
    auto batch = std::make_shared<Batch>();
    batch->capacity = options_.batch_max_records;
    batch->sequence = n.acks->next_sequence();
    batch->started_unix_nanos = now_ns();
    batch->acks.push_back(std::make_shared<AckToken>(n.acks, batch->sequence));
    Status s = n.instance->process(batch.get());
    for (auto& r : n.instance->take_emitted()) batch->records.push_back(std::move(r));
    if (!s.ok()) {
      running = start_or_recover(n, s);
      continue;
    }
    n.backoff_ms = 0;
    const size_t count = live_records(*batch);
    forward(n, std::move(batch));
    if (count == 0) {
      if (options_.once && (!reports_on_pipeline || data_sources_running_ == 0)) break;
      interruptible_wait(options_.poll_interval_ms);
    }
  }
  if (!reports_on_pipeline) --data_sources_running_;
  for (auto& edge : n.outputs) edge.to->input->close_producer();
}

void Pipeline::run_processor(Node& n) {
  bool running = start_or_recover(n, Status::Ok());
  auto next_tick = Clock::now();
  while (true) {
    const int64_t interval = n.instance->tick_interval_ms();
    auto deadline = interval > 0 ? next_tick : Clock::now() + std::chrono::seconds(1);
    BatchPtr batch;
    auto got = n.input->pop_until(deadline, &batch);
    if (got == BoundedQueue<BatchPtr>::PopResult::kEnded) break;
    if (got == BoundedQueue<BatchPtr>::PopResult::kItem) {
      const auto count = static_cast<int64_t>(batch->records.size());
      n.queued_records -= count;
      MetricsRegistry::set(n.metrics.queue_depth, static_cast<double>(n.queued_records));
      MetricsRegistry::add(n.metrics.records_in, static_cast<double>(count));
      // A processor that only reads shares the batch; any other changes a copy of its own.
      if (n.instance->type().reads_only) freeze(batch.get());
      else if (batch->read_only) batch = clone_batch(*batch);
      Status s = running ? n.instance->process(batch.get()) : Status::Unavailable("not running");
      if (!s.ok()) {
        const DeadLetterOutput::Field why[] = {{"error", s.message()}};
        for (const auto& r : batch->records) {
          if (r) services_->dead_letter->write(n.config->id, "processor_failed", r.get(), why);
        }
        if (s.code() == MLOBS_INTERNAL || !running) running = start_or_recover(n, s);
        else MetricsRegistry::add(n.metrics.errors, 1);
        continue;
      }
      n.backoff_ms = 0;
      forward(n, std::move(batch));
      forward_emitted(n);
    }
    if (running && interval > 0 && Clock::now() >= next_tick) {
      next_tick = Clock::now() + std::chrono::milliseconds(interval);
      if (!n.instance->tick(services_->clock()).ok()) MetricsRegistry::add(n.metrics.errors, 1);
      forward_emitted(n);
    }
  }
  if (running) {
    Status f = n.instance->flush();
    if (!f.ok()) MetricsRegistry::add(n.metrics.errors, 1);
    forward_emitted(n);
  }
  for (auto& edge : n.outputs) edge.to->input->close_producer();
}

// A sink's loop: take batches into its buffer, deliver the oldest, retry it with backoff while
// the sink asks to. With a memory buffer the input queue is the buffer: a batch leaves it when
// delivered, and its acknowledgement waits for that. With a disk buffer a batch is written to
// disk first and acknowledged then, so sources advance while the backend is away; delivery
// reads the disk, and whatever is left there on stop is delivered after the next start.
void Pipeline::run_sink(Node& n) {
  bool running = start_or_recover(n, Status::Ok());
  const DeliverySettings& settings = n.config->delivery;
  RetryPolicy retry(settings.retry_initial_backoff_ms, settings.retry_max_backoff_ms,
                    std::random_device{}());
  BatchPtr current;  // being delivered
  std::vector<BatchPtr> held;  // disk: taken from the queue, not yet on disk
  // Disk: copies (without acknowledgement tokens) of the newest entries written, so a sink
  // that keeps up sends them without reading and parsing them back from disk.
  std::deque<BatchPtr> recent;
  bool input_ended = false;
  auto next_attempt = Clock::now();

  auto update_buffer_metrics = [&] {
    double records = static_cast<double>(n.queued_records.load());
    if (n.disk) {
      records += static_cast<double>(n.disk->pending_records());
      MetricsRegistry::set(n.metrics.buffer_bytes, static_cast<double>(n.disk->bytes()));
    } else if (current) {
      records += static_cast<double>(current->records.size());
    }
    for (const auto& b : held) records += static_cast<double>(b->records.size());
    MetricsRegistry::set(n.metrics.buffer_records, records);
  };
  // Accounts for one batch taken from the input queue.
  auto took = [&](const Batch& batch) {
    const auto count = static_cast<int64_t>(batch.records.size());
    n.queued_records -= count;
    MetricsRegistry::set(n.metrics.queue_depth, static_cast<double>(n.queued_records));
    MetricsRegistry::add(n.metrics.records_in, static_cast<double>(count));
  };
  // Writes the held batches that fit to disk with one fdatasync for all of them (a group
  // commit: under load one sync serves several batches); then their sources may advance.
  auto store_held = [&] {
    size_t stored = 0;
    Status s;
    for (; stored < held.size(); ++stored) {
      const std::string entry = encode_batch(*held[stored]);
      if (!n.disk->has_room(entry.size())) break;
      s = n.disk->append(entry, held[stored]->records.size());
      if (!s.ok()) break;
    }
    if (s.ok() && stored > 0) s = n.disk->sync();
    if (!s.ok()) {
      // Not acknowledged: a later try writes them again (an entry may then be there twice,
      // which at-least-once delivery allows). The copies no longer match the newest entries.
      recent.clear();
      MetricsRegistry::add(n.metrics.errors, 1);
      health_->set(n.config->id, ComponentHealth::kDegraded, "disk buffer: " + s.message());
      logger_->error("pipeline", "cannot write the disk buffer; input waits",
                     {{"component", n.config->id}, {"error", s.message()}});
      return;
    }
    for (size_t i = 0; i < stored; ++i) {
      BatchPtr copy = clone_batch(*held[i]);
      copy->acks.clear();
      freeze(copy.get());
      recent.push_back(std::move(copy));
      if (recent.size() > kGroupCommitBatches) recent.pop_front();
    }
    // Dropping them drops their acknowledgement tokens: the batches are durable.
    held.erase(held.begin(), held.begin() + static_cast<std::ptrdiff_t>(stored));
  };
  // The oldest batch on disk, as records again; an entry that cannot be read is dead-lettered.
  auto load_from_disk = [&] {
    // `recent` holds the newest entries: once only those are left, the oldest is its first.
    if (!current && !recent.empty() && n.disk->pending_entries() == recent.size()) {
      current = std::move(recent.front());
      recent.pop_front();
      return;
    }
    while (!current) {
      auto entry = n.disk->front();
      if (!entry) return;
      auto batch = std::make_shared<Batch>();
      Status s = decode_batch(*entry, batch.get());
      if (s.ok()) {
        freeze(batch.get());
        current = std::move(batch);
        return;
      }
      const DeadLetterOutput::Field why[] = {{"error", s.message()}};
      services_->dead_letter->write(n.config->id, "buffer_entry_unreadable", nullptr, why);
      if (!n.disk->pop().ok()) return;
    }
  };
  auto done_with_current = [&] {
    if (n.disk) {
      Status s = n.disk->pop();
      if (!s.ok()) {
        logger_->error("pipeline", "cannot move the disk buffer's cursor",
                       {{"component", n.config->id}, {"error", s.message()}});
      }
    }
    current.reset();
  };

  while (true) {
    if (!held.empty()) store_held();
    if (n.disk) load_from_disk();
    update_buffer_metrics();
    if (!current && held.empty() && input_ended) break;

    // Take input while there is room: a memory buffer holds one batch beside its queue, a disk
    // buffer whatever fits on disk, but a batch due for delivery goes first (else a source
    // faster than the disk would keep the sink writing and never sending).
    const bool due = current && Clock::now() >= next_attempt;
    const bool can_take = !input_ended && held.empty() && (!current || (n.disk && !due));
    if (can_take) {
      const auto deadline = current ? std::max(Clock::now(), next_attempt)
                                    : Clock::now() + std::chrono::seconds(1);
      BatchPtr batch;
      auto got = n.input->pop_until(deadline, &batch);
      if (got == BoundedQueue<BatchPtr>::PopResult::kEnded) {
        input_ended = true;
        continue;
      }
      if (got == BoundedQueue<BatchPtr>::PopResult::kItem) {
        took(*batch);
        if (n.disk) {
          // With whatever else is waiting already, so one sync covers them all.
          held.push_back(std::move(batch));
          while (held.size() < kGroupCommitBatches &&
                 n.input->pop_until(Clock::now(), &batch) ==
                     BoundedQueue<BatchPtr>::PopResult::kItem) {
            took(*batch);
            held.push_back(std::move(batch));
          }
        } else {
          current = std::move(batch);
          next_attempt = Clock::now();
        }
        continue;
      }
    }
    if (!current) {
      if (held.empty()) continue;
      // The disk refused the write (full of other data, or failing): try again shortly; on stop,
      // once the deadline passed, leave the batch unacknowledged so its source reads it again.
      if (stopping_ && now_ns() > stop_deadline_ns_) {
        for (auto& b : held) fail_tokens(*b);
        held.clear();
        continue;
      }
      if (!interruptible_wait(1000)) std::this_thread::sleep_for(std::chrono::milliseconds(100));
      continue;
    }
    if (Clock::now() < next_attempt) {
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(next_attempt -
                                                                              Clock::now());
      if (!interruptible_wait(std::min<int64_t>(left.count() + 1, 1000))) {
        std::this_thread::sleep_for(std::chrono::milliseconds(std::min<int64_t>(left.count() + 1, 100)));
      }
      continue;
    }

    const auto count = static_cast<int64_t>(current->records.size());
    const auto attempt_started = Clock::now();
    Status s = running ? n.instance->process(current.get()) : Status::Unavailable("not running");
    MetricsRegistry::add(n.metrics.send_seconds,
                         std::chrono::duration<double>(Clock::now() - attempt_started).count());
    const int64_t asked_ms = n.instance->take_retry_after_ms();
    if (s.ok()) {
      n.backoff_ms = 0;
      MetricsRegistry::add(n.metrics.records_out, static_cast<double>(count));
      if (retry.failures() > 0) health_->set(n.config->id, ComponentHealth::kOk, "running");
      retry.reset();
      done_with_current();
      continue;
    }
    if (retry_later(s)) {
      MetricsRegistry::add(n.metrics.retries, 1);
      const int64_t delay = retry.next_delay_ms(asked_ms);
      next_attempt = Clock::now() + std::chrono::milliseconds(delay);
      health_->set(n.config->id, ComponentHealth::kDegraded,
                   "retrying (" + std::to_string(retry.failures()) + " failed attempts): " +
                       s.message());
      if (stopping_) {
        if (n.disk && input_ended && held.empty()) {
          logger_->info("pipeline", "backend unavailable at stop; the disk buffer keeps the rest",
                        {{"component", n.config->id},
                         {"records", std::to_string(n.disk->pending_records())}});
          break;
        }
        // Give up only when the shutdown deadline passed; until then retry every 100 ms.
        if (!n.disk && now_ns() > stop_deadline_ns_) {
          fail_tokens(*current);
          logger_->error("pipeline", "shutdown deadline passed; batch not delivered",
                         {{"component", n.config->id}, {"records", std::to_string(count)}});
          current.reset();
          continue;
        }
        next_attempt = std::min(next_attempt, Clock::now() + std::chrono::milliseconds(100));
      }
      if (!running) running = start_or_recover(n, Status::Ok());
      continue;
    }
    // A permanent rejection: the records go to the dead-letter output, which counts as
    // accepted for acknowledgement (nothing is lost, nothing is retried forever).
    const DeadLetterOutput::Field why[] = {{"error", s.message()}};
    for (const auto& r : current->records) {
      if (r) services_->dead_letter->write(n.config->id, "sink_rejected", r.get(), why);
    }
    MetricsRegistry::add(n.metrics.dead_lettered, static_cast<double>(count));
    if (s.code() == MLOBS_INTERNAL) {
      running = start_or_recover(n, s);  // counts the error
    } else {
      MetricsRegistry::add(n.metrics.errors, 1);
    }
    retry.reset();
    done_with_current();
  }
  update_buffer_metrics();
  if (running && !n.instance->flush().ok()) MetricsRegistry::add(n.metrics.errors, 1);
}

void Pipeline::wait() {
  for (auto& n : nodes_) {
    if (n->thread.joinable()) n->thread.join();
  }
  finish();
}

void Pipeline::finish() {
  if (finished_) return;
  finished_ = true;
  for (auto& n : nodes_) {
    if (n->acks) {
      if (uint64_t seq = n->acks->take_acknowledged()) n->instance->ack(seq);
    }
    Status s = n->instance->stop();
    if (!s.ok()) {
      logger_->warn("pipeline", "component stop failed",
                    {{"component", n->config->id}, {"error", s.message()}});
    }
    n->instance->destroy();
    health_->set(n->config->id, ComponentHealth::kStopped, "stopped");
  }
}

}  // namespace mlobs::agent
