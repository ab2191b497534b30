// `mlobs-agent run`: wires the host services, the admin server and the pipeline, and runs until
// SIGINT/SIGTERM (or, with --once, until the sources ran dry and everything drained).
#include "cli/commands.h"
#include "cli/pipeline_loading.h"
#include "host/component_context.h"
#include "http/admin_server.h"
#include "pipeline/dead_letter.h"
#include "pipeline/pipeline.h"
#include "storage/state_store.h"
#include "telemetry/agent_events.h"
#include "telemetry/agent_metrics.h"
#include "telemetry/health.h"
#include "telemetry/logger.h"
#include "telemetry/metrics_registry.h"

#include <algorithm>
#include <atomic>
#include <csignal>
#include <filesystem>
#include <iostream>
#include <thread>

namespace mlobs::agent {
namespace {

// Signals are blocked in every thread and taken synchronously by one watcher thread.
class SignalWatcher {
 public:
  explicit SignalWatcher(Pipeline* pipeline, Logger* logger) {
    sigemptyset(&set_);
    sigaddset(&set_, SIGINT);
    sigaddset(&set_, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &set_, nullptr);
    thread_ = std::thread([this, pipeline, logger] {
      const timespec poll{0, 100 * 1000 * 1000};
      while (!done_) {
        const int sig = sigtimedwait(&set_, nullptr, &poll);
        if (sig == SIGINT || sig == SIGTERM) {
          logger->info("agent", "stopping: draining the pipeline",
                       {{"signal", sig == SIGINT ? "SIGINT" : "SIGTERM"}});
          pipeline->request_stop();
        }
      }
    });
  }
  ~SignalWatcher() {
    done_ = true;
    thread_.join();
  }

 private:
  sigset_t set_;
  std::atomic<bool> done_{false};
  std::thread thread_;
};

HttpResponse text(int status, std::string content_type, std::string body) {
  HttpResponse r;
  r.status = status;
  r.content_type = std::move(content_type);
  r.body = std::move(body);
  return r;
}

}  // namespace

int run_command(const std::string& config_path, bool once) {
  RunOptions options;
  options.once = once;
  return run_pipeline(config_path, options);
}

int run_pipeline(const std::string& config_path, const RunOptions& options) {
  const bool once = options.once;
  // Block the signals before any thread exists, so every thread inherits the mask.
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &set, nullptr);

  auto loaded = load_pipeline(config_path, std::cerr);
  if (!loaded) return 2;
  const AgentSettings& agent = loaded->config.agent;

  Logger::Options log_options;
  LogLevel level = LogLevel::kInfo;
  parse_log_level(agent.log_level, &level);
  log_options.level = level;
  log_options.json = agent.log_format != "text";
  Logger logger(log_options);

  std::error_code ec;
  std::filesystem::create_directories(agent.data_dir, ec);
  if (ec) {
    logger.error("agent", "cannot create data_dir", {{"path", agent.data_dir}, {"error", ec.message()}});
    return 1;
  }

  MetricsRegistry metrics;
  StateStore state(std::filesystem::path(agent.data_dir) / "state");
  HostServices services;
  services.clock = system_clock_unix_nanos;
  DeadLetterOutput dead_letter(agent.dead_letter_path, &metrics, services.clock);
  if (Status s = dead_letter.open(); !s.ok()) {
    logger.error("agent", "cannot open the dead-letter output", {{"error", s.message()}});
    return 1;
  }
  services.logger = &logger;
  services.metrics = &metrics;
  services.state = &state;
  services.dead_letter = &dead_letter;
  // Kept only when a pipeline reads them: nobody else would drain them.
  AgentEvents events;
  const auto& components = loaded->config.components;
  if (std::any_of(components.begin(), components.end(),
                  [](const ComponentConfig& c) { return c.type == "agent_events"; })) {
    services.events = &events;
    dead_letter.set_events(&events);
  }
  AgentMetrics agent_metrics(&metrics);
  HealthRegistry health(MLOBS_VERSION);

  Pipeline pipeline(loaded->config, loaded->catalog, pipeline_options(agent, once), &services,
                    &agent_metrics, &health, &logger);
  if (Status s = pipeline.build(); !s.ok()) {
    logger.error("agent", "pipeline not started", {{"error", s.message()}});
    return 1;
  }

  AdminServer admin;
  if (!agent.http_listen.empty() && agent.http_listen != "off") {
    admin.route("GET", "/metrics", [&](const HttpRequest&) {
      return text(200, "text/plain; version=0.0.4; charset=utf-8", metrics.serialize());
    });
    admin.route("GET", "/v1/health/live",
                [&](const HttpRequest&) { return text(200, "application/json", health.live_json()); });
    admin.route("GET", "/v1/health/ready", [&](const HttpRequest&) {
      return text(health.ready() ? 200 : 503, "application/json", health.to_json());
    });
    if (Status s = admin.start(agent.http_listen); !s.ok()) {
      logger.error("agent", "admin server not started", {{"error", s.message()}});
      return 1;
    }
    const std::string base = "http://" + agent.http_listen.substr(0, agent.http_listen.rfind(':')) +
                             ":" + std::to_string(admin.port());
    logger.info("agent", "admin server listening",
                {{"port", std::to_string(admin.port())},
                 {"metrics", base + "/metrics"},
                 {"ready", base + "/v1/health/ready"}});
    if (options.on_listening) options.on_listening(admin.port());
  }

  logger.info("agent", "pipeline starting",
              {{"config", config_path},
               {"components", std::to_string(loaded->config.components.size())},
               {"mode", once ? "once" : "continuous"}});
  {
    SignalWatcher signals(&pipeline, &logger);
    pipeline.start();
    pipeline.wait();
  }
  dead_letter.flush();
  admin.stop();
  if (options.on_stopped) options.on_stopped(metrics, dead_letter.count());
  logger.info("agent", "stopped", {{"dead_lettered", std::to_string(dead_letter.count())}});
  return 0;
}

}  // namespace mlobs::agent
