#include "pushgateway_pusher.h"

#include <prometheus/text_serializer.h>

#include <cctype>

namespace mlobs::prometheus_sink {
namespace {

// What prometheus::Gateway sends; the Pushgateway parses the body as the text format.
constexpr char kTextFormatContentType[] = "text/plain; version=0.0.4; charset=utf-8";

}  // namespace

bool parse_push_url(const std::string& url, PushTarget* target, std::string* error) {
  const std::string scheme_end = "://";
  const size_t s = url.find(scheme_end);
  if (s == std::string::npos ||
      (url.compare(0, s, "http") != 0 && url.compare(0, s, "https") != 0)) {
    *error = "push.url must start with http:// or https://, got \"" + url + "\"";
    return false;
  }
  std::string rest = url.substr(s + scheme_end.size());
  if (!rest.empty() && rest.back() == '/') rest.pop_back();
  if (rest.empty() || rest.find('/') != std::string::npos) {
    *error = "push.url must be scheme://host[:port] without a path, got \"" + url + "\"";
    return false;
  }
  std::string host = rest;
  std::string port = "9091";
  const size_t colon = rest.rfind(':');
  // An IPv6 literal's colons sit inside [...]; only a colon after "]" (or with no "[") is a port.
  if (colon != std::string::npos && rest.find(']', colon) == std::string::npos) {
    host = rest.substr(0, colon);
    port = rest.substr(colon + 1);
    bool digits = !port.empty() && port.size() <= 5;
    for (char c : port) digits = digits && std::isdigit(static_cast<unsigned char>(c));
    if (!digits || host.empty()) {
      *error = "push.url has a bad host or port: \"" + url + "\"";
      return false;
    }
  }
  target->host = url.substr(0, s + scheme_end.size()) + host;
  target->port = port;
  return true;
}

std::string push_group_url(const PushTarget& target) {
  std::string url = target.host + ":" + target.port + "/metrics/job/" + target.job;
  for (const auto& [name, value] : target.grouping) url += "/" + name + "/" + value;
  return url;
}

PushgatewayPusher::PushgatewayPusher(PushTarget target,
                                     std::shared_ptr<prometheus::Registry> registry,
                                     ResultFn on_result)
    : target_(std::move(target)),
      registry_(std::move(registry)),
      on_result_(std::move(on_result)),
      url_(push_group_url(target_)),
      http_(target_.timeout) {}

PushgatewayPusher::~PushgatewayPusher() { stop(); }

void PushgatewayPusher::start() {
  std::lock_guard<std::mutex> lock(mu_);
  if (thread_.joinable() || stopping_) return;
  thread_ = std::thread([this] { run(); });
}

void PushgatewayPusher::stop() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void PushgatewayPusher::run() {
  std::unique_lock<std::mutex> lock(mu_);
  while (true) {
    // Waiting on the condition variable (not sleeping) lets stop() end the wait at once.
    const bool stopping = wake_.wait_for(lock, target_.interval, [this] { return stopping_; });
    lock.unlock();
    push_once();  // on stop too: the final values reach the gateway
    if (stopping) return;
    lock.lock();
  }
}

void PushgatewayPusher::push_once() {
  int status = -1;
  try {
    const std::string body = prometheus::TextSerializer().Serialize(registry_->Collect());
    status = http_.put(url_, body, kTextFormatContentType);
  } catch (...) {
    status = -1;  // an exception must not end the thread (std::terminate)
  }
  if (on_result_) on_result_(status);
}

}  // namespace mlobs::prometheus_sink
