// What the host knows about one component instance: the handle plugins see as mlobs_host_ctx.
#pragma once

#include "delivery/http_client.h"
#include "record/record.h"

#include <mlobs/plugin.h>

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace mlobs::agent {

class Logger;
class MetricsRegistry;
class StateStore;
class DeadLetterOutput;
class AgentEvents;

// Agent-wide services every component reaches through the host API.
struct HostServices {
  Logger* logger = nullptr;
  MetricsRegistry* metrics = nullptr;
  StateStore* state = nullptr;
  DeadLetterOutput* dead_letter = nullptr;
  AgentEvents* events = nullptr;  // what the agent_events source reports; may be null
  std::function<int64_t()> clock;  // Unix nanoseconds
};

int64_t system_clock_unix_nanos();

}  // namespace mlobs::agent

struct mlobs_host_ctx {
  std::string component_id;
  mlobs_component_kind kind = MLOBS_COMPONENT_SOURCE;
  mlobs::agent::HostServices* services = nullptr;

  // Filled by set_error() during a callback; read and cleared by the caller of the callback.
  // Locked: host functions callable from any thread (state_put) may fail on a plugin's own
  // thread while the component's thread runs a callback.
  void set_error(std::string message) {
    std::lock_guard<std::mutex> lock(error_mu_);
    last_error_ = std::move(message);
  }
  // Records emit()ted during a callback, delivered downstream after it returns.
  std::vector<mlobs::agent::RecordPtr> emitted;
  // 0: no tick.
  std::atomic<int64_t> tick_interval_ms{0};
  // When the process() call under way began, 0 outside one: records made during one call share
  // it as their observed_at, so a source reads the clock once per batch, not once per record.
  std::atomic<int64_t> process_started_unix_nanos{0};

  // Sinks: the client http_send lends (made on first use with the sink's `http:` settings),
  // the last answer it handed out (the views of mlobs_http_response point into it), and the
  // wait the sink or a Retry-After asked for before its batch is retried (0: none).
  mlobs::agent::HttpSettings http_settings;
  std::unique_ptr<mlobs::agent::HttpClient> http;
  mlobs::agent::HttpExchange last_http;
  std::vector<mlobs_field> last_http_headers;
  std::atomic<int64_t> retry_after_ms{0};

  std::string take_error() {
    std::lock_guard<std::mutex> lock(error_mu_);
    std::string e = std::move(last_error_);
    last_error_.clear();
    return e;
  }

 private:
  std::mutex error_mu_;
  std::string last_error_;
};
