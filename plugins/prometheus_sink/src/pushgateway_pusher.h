// Pushes the plugin's own registry to a Pushgateway from a background thread on an interval, and
// once more on stop, so the last values reach the gateway when the agent shuts down. write()
// never waits on the network: it only updates metrics, which the thread reads.
//
// Push (HTTP PUT) replaces the whole group (job plus grouping labels) each time, so series
// that disappear from the registry also disappear from the gateway. Every push is bounded by
// PushTarget::timeout, so a silent gateway cannot hold up stop() for longer than that.
#pragma once

#include <prometheus/labels.h>
#include <prometheus/registry.h>

#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "http_put_client.h"

namespace mlobs::prometheus_sink {

struct PushTarget {
  std::string host;  // scheme and host: "http://127.0.0.1"
  std::string port;  // "9091"
  std::string job;
  prometheus::Labels grouping;
  std::chrono::milliseconds interval{15000};
  std::chrono::milliseconds timeout{10000};  // bound of one push, connect included
};

// <host>:<port>/metrics/job/<job>[/<label>/<value>...], built as prometheus::Gateway 1.0.1 builds
// it (segments as they are, not escaped), so the gateway sees the same group as before.
std::string push_group_url(const PushTarget& target);

// Splits "http://host:port" (port defaults to 9091, a trailing "/" is allowed). Returns false
// with *error for anything else: a path would be silently glued in front of "/metrics/job/".
bool parse_push_url(const std::string& url, PushTarget* target, std::string* error);

class PushgatewayPusher {
 public:
  // Called on the push thread after every attempt with the HTTP status (or -1 when no response,
  // a timeout included).
  using ResultFn = std::function<void(int http_status)>;

  PushgatewayPusher(PushTarget target, std::shared_ptr<prometheus::Registry> registry,
                    ResultFn on_result);
  ~PushgatewayPusher();
  PushgatewayPusher(const PushgatewayPusher&) = delete;
  PushgatewayPusher& operator=(const PushgatewayPusher&) = delete;

  void start();
  // Wakes the thread, which pushes one last time and exits; joins it. Idempotent.
  void stop();

 private:
  void run();
  void push_once();

  PushTarget target_;
  std::shared_ptr<prometheus::Registry> registry_;
  ResultFn on_result_;
  const std::string url_;
  HttpPutClient http_;  // used only on the push thread

  std::mutex mu_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace mlobs::prometheus_sink
