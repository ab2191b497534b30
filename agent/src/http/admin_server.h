// A small HTTP/1.1 server for the admin endpoints (/metrics, /v1/health/*): GET and POST,
// one request per connection, a thread per server plus a small worker pool. Binds 127.0.0.1
// by default; port 0 picks a free port (see port()). Bodies are capped at 1 MiB (413), each
// connection has a 5 s I/O deadline, and stop() wakes every thread at once through a pipe.
#pragma once

#include "common/status.h"

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace mlobs::agent {

struct HttpRequest {
  std::string method;
  std::string path;   // without the query string
  std::string query;  // after '?', undecoded
  std::map<std::string, std::string> headers;  // lower-case names
  std::string body;
};

struct HttpResponse {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  std::map<std::string, std::string> headers;
};

using HttpHandler = std::function<HttpResponse(const HttpRequest&)>;

class AdminServer {
 public:
  AdminServer();
  ~AdminServer();  // stops
  AdminServer(const AdminServer&) = delete;
  AdminServer& operator=(const AdminServer&) = delete;

  // Exact path match; register before start(). Unknown paths get 404, other methods 405.
  void route(std::string method, std::string path, HttpHandler handler);

  // listen: "host:port" (e.g. "127.0.0.1:9464", "127.0.0.1:0"); host is IPv4 or "localhost".
  Status start(const std::string& listen);
  uint16_t port() const { return port_; }
  // Idempotent; returns once every thread has exited (in-flight requests are abandoned).
  void stop();

 private:
  void accept_loop();
  void worker_loop();
  void serve(int fd);
  void close_fds();

  std::map<std::pair<std::string, std::string>, HttpHandler> routes_;
  int listen_fd_ = -1;
  int wake_fds_[2] = {-1, -1};  // written once by stop(); every poll() watches the read end
  uint16_t port_ = 0;
  std::atomic<bool> running_{false};
  std::thread thread_;
  std::vector<std::thread> workers_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<int> pending_;  // accepted connections waiting for a worker
};

}  // namespace mlobs::agent
