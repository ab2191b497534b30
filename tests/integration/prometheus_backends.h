// Real Prometheus-side servers for integration tests: a Prometheus server and a Pushgateway
// (Debian packages `prometheus`, `prometheus-pushgateway`) started on 127.0.0.1 and a free port,
// and stopped by PID (SIGTERM, then SIGKILL after a deadline) when the handle dies.
#pragma once

#include "support/agent_process.h"

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mlobs::integration {

// A port that was free a moment ago on 127.0.0.1 (bound to port 0, read back, closed).
uint16_t free_loopback_port();

// The absolute path of `name` on $PATH (or /usr/bin, /usr/sbin), or nullopt.
std::optional<std::string> find_executable(std::string_view name);

// One HTTP/1.0 GET to 127.0.0.1: the server must close after the body, so there is no chunked
// encoding to undo (Go servers chunk large bodies under HTTP/1.1). Status 0 when no response.
struct SimpleResponse {
  int status = 0;
  std::string body;
  std::string error;
};
SimpleResponse http10_get(uint16_t port, std::string_view path,
                          std::chrono::milliseconds timeout = std::chrono::milliseconds(5000));

// A server process that answers GET /-/ready once it serves.
class BackendServer {
 public:
  // Starts `binary args...` and waits for /-/ready on `port`. Throws std::runtime_error with
  // the server's output when it does not become ready in time.
  BackendServer(const std::string& binary, std::vector<std::string> args, uint16_t port);
  // The same for any process that answers 200 on `ready_path` once it serves.
  BackendServer(ProcessOptions options, uint16_t port, std::string_view ready_path);
  ~BackendServer();  // stop()
  BackendServer(const BackendServer&) = delete;
  BackendServer& operator=(const BackendServer&) = delete;

  uint16_t port() const { return port_; }
  // SIGTERM, wait up to 10 s, then SIGKILL; reaped either way. Idempotent.
  void stop();
  std::string describe() const { return process_ ? process_->describe() : "(stopped)"; }

 private:
  uint16_t port_;
  std::unique_ptr<AgentProcess> process_;
};

// Prometheus scraping `target` ("127.0.0.1:PORT") every second; its config and TSDB in `dir`.
std::unique_ptr<BackendServer> start_prometheus(const std::string& binary,
                                                const std::filesystem::path& dir,
                                                const std::string& target);
// A Pushgateway without persistence, so nothing carries over between runs.
std::unique_ptr<BackendServer> start_pushgateway(const std::string& binary);

}  // namespace mlobs::integration
