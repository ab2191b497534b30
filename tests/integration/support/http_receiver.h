// A real HTTP/1.1 server on 127.0.0.1 standing in for a remote backend (an OpenLineage API, a
// webhook): it records every request and answers what the test's responder says. Keep-alive
// connections, Content-Length and chunked request bodies, gzip request bodies, and
// `Expect: 100-continue` are handled the way libcurl uses them. One thread per connection; every
// thread is joined in stop(), so nothing outlives the receiver.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <utility>
#include <vector>

namespace mlobs::integration {

struct ReceivedRequest {
  std::string method, target;                  // target: "/api/v1/lineage"
  std::map<std::string, std::string> headers;  // lower-case names
  std::string body;                            // decoded when Content-Encoding: gzip
  bool gzip = false;                           // the body came gzip-encoded
};

struct Reply {
  int status = 200;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
};

class HttpReceiver {
 public:
  using Responder = std::function<Reply(const ReceivedRequest&)>;

  // An empty responder answers 200 with body "{}".
  explicit HttpReceiver(Responder responder = {});
  ~HttpReceiver();  // stop()
  HttpReceiver(const HttpReceiver&) = delete;
  HttpReceiver& operator=(const HttpReceiver&) = delete;

  // Listens on 127.0.0.1:port (0: a free port). May be called again after stop(), on the same
  // port (SO_REUSEADDR), to bring the "backend" back. Throws std::runtime_error when it cannot.
  void start(uint16_t port = 0);
  // Closes the listener and every open connection (clients are now refused) and joins every
  // thread. Idempotent.
  void stop();

  uint16_t port() const;
  std::string url() const;  // "http://127.0.0.1:<port>"

  void set_responder(Responder responder);  // thread-safe
  // Every request received (whatever it was answered), in arrival order.
  std::vector<ReceivedRequest> requests() const;
  size_t request_count() const;
  void clear();

 private:
  struct Connection {
    int fd = -1;  // -1 once closed; changed only under mutex_
    std::thread thread;
    bool finished = false;
  };

  void accept_loop(int listen_fd);
  void serve(Connection* connection);
  // Closes the connection's socket under the lock, so stop() never shuts down a reused fd.
  void close_connection(Connection* connection);
  // Joins the threads of connections that ended (called from the accept loop).
  void reap_finished();
  Reply answer(const ReceivedRequest& request);

  mutable std::mutex mutex_;
  Responder responder_;
  std::vector<ReceivedRequest> requests_;
  std::vector<std::unique_ptr<Connection>> connections_;
  int listen_fd_ = -1;
  uint16_t port_ = 0;
  bool running_ = false;
  std::thread acceptor_;
};

}  // namespace mlobs::integration
