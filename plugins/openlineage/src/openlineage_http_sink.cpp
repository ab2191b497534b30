#include "openlineage_http_sink.h"

#include <cstdlib>
#include <string_view>
#include <utility>

#include "batch_events.h"

namespace mlobs::openlineage {
namespace {

constexpr std::string_view kDefaultEndpoint = "/api/v1/lineage";

bool starts_with(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

std::string event_key(const RunEvent& e) { return e.run_id + "/" + e.event_type; }

}  // namespace

Status OpenLineageHttpSink::configure(const Config& config) {
  if (Status s = read_export_settings(config, &settings_); !s.ok()) return s;

  std::string url = config.get_string("url");
  if (!starts_with(url, "http://") && !starts_with(url, "https://")) {
    return Status::InvalidArgument("\"url\" must start with http:// or https://, not \"" + url +
                                   "\"");
  }
  while (!url.empty() && url.back() == '/') url.pop_back();
  const std::string endpoint = config.get_string("endpoint", kDefaultEndpoint);
  if (!starts_with(endpoint, "/")) {
    return Status::InvalidArgument("\"endpoint\" must start with /, not \"" + endpoint + "\"");
  }
  target_url_ = url + endpoint;

  // The token comes from the environment, never from the config file itself: named by
  // api_key_env, or expanded by the agent into api_key ("${OPENLINEAGE_API_KEY}").
  const std::string api_key_env = config.get_string("api_key_env");
  const std::string api_key = config.get_string("api_key");
  if (!api_key_env.empty() && !api_key.empty()) {
    return Status::InvalidArgument("set \"api_key_env\" or \"api_key\", not both");
  }
  if (!api_key.empty()) authorization_ = "Bearer " + api_key;
  if (!api_key_env.empty()) {
    const char* token = std::getenv(api_key_env.c_str());
    if (!token || !*token) {
      return Status::InvalidArgument("\"api_key_env\" names " + api_key_env +
                                     ", which is not set or empty");
    }
    authorization_ = std::string("Bearer ") + token;
  }

  metrics_.register_with(host());
  return Status::Ok();
}

Status OpenLineageHttpSink::send(const RunEvent& event) {
  HttpRequest request;
  request.url = target_url_;
  request.headers.emplace_back("Content-Type", "application/json");
  if (!authorization_.empty()) request.headers.emplace_back("Authorization", authorization_);
  request.body = event.json;
  const HttpResponse response = host().http_send(request);
  Status status = http_status(response, "openlineage");
  if (!status.ok()) {
    metrics_.failure(host(), response.status == 0 ? "no_response" : std::to_string(response.status));
    host().warn("openlineage backend refused an event",
                {{"url", target_url_},
                 {"event_type", event.event_type},
                 {"run_id", event.run_id},
                 {"request_id", response.request_id},
                 {"error", status.message()}});
  }
  return status;
}

Status OpenLineageHttpSink::write(Batch& batch) {
  const BatchEvents events = collect_events(batch, settings_);
  if (failing_sequence_ != batch.sequence()) accepted_.clear();
  for (const RunEvent& event : events.events) {
    const std::string key = event_key(event);
    if (accepted_.count(key) > 0) continue;
    if (Status s = send(event); !s.ok()) {
      failing_sequence_ = batch.sequence();
      return s;
    }
    accepted_.insert(key);
    metrics_.event_exported(host(), event.event_type);
  }
  failing_sequence_.reset();
  accepted_.clear();
  metrics_.report_skipped(host(), batch, events);
  return Status::Ok();
}

}  // namespace mlobs::openlineage
