#include "sentry_sink.h"

#include <mlobs/rfc3339/rfc3339.h>
#include <unistd.h>

#include <map>
#include <utility>

namespace mlobs::sentry_sink {
namespace {

constexpr const char* kClient = "mlobs-sentry/0.1.0";
constexpr int64_t kDefaultThrottleWindowMs = 60000;
constexpr int64_t kDefaultThrottleMaxEvents = 5;

constexpr const char* kResultNames[] = {"sent",          "throttled", "skipped", "rate_limited",
                                        "scrub_dropped", "rejected"};

std::string host_name() {
  char name[256] = {};
  if (::gethostname(name, sizeof name - 1) != 0) return "unknown";
  return name;
}

}  // namespace

Status SentrySink::configure(const Config& config) {
  std::string error;
  const std::optional<SentryDsn> dsn = parse_dsn(config.get_string("dsn"), &error);
  if (!dsn) return Status::InvalidArgument("dsn: " + error);
  dsn_ = *dsn;
  envelope_url_ = dsn_.envelope_url();
  auth_header_ = dsn_.auth_header(kClient);

  environment_ = config.get_string("environment");
  release_ = config.get_string("release");
  server_name_ = config.get_string("server_name");
  if (server_name_.empty()) server_name_ = host_name();

  if (config.has("on")) {
    const std::vector<std::string> on = config.get_list("on");
    if (on.empty()) {
      return Status::InvalidArgument("on: an empty list sends nothing; leave `on` out to send all");
    }
    std::optional<EventSources> sources = EventSources::parse(on, &error);
    if (!sources) return Status::InvalidArgument(error);
    on_ = *sources;
  }

  const int64_t window_ms = config.get_duration_ms("throttle_window", kDefaultThrottleWindowMs);
  if (window_ms <= 0) return Status::InvalidArgument("throttle_window must be greater than 0");
  const int64_t max_events = config.get_int("throttle_max_events", kDefaultThrottleMaxEvents);
  if (max_events < 1) return Status::InvalidArgument("throttle_max_events must be at least 1");

  scrubber_ = std::make_unique<secret_scrubber::SecretScrubber>(config.get_list("scrub_keys"));
  auto clock = [this] { return now_ms(); };
  throttle_ = std::make_unique<FingerprintThrottle>(window_ms, static_cast<size_t>(max_events),
                                                    clock);
  rate_limits_ = std::make_unique<RateLimits>(clock);
  return Status::Ok();
}

Status SentrySink::start() {
  if (started_) return Status::Ok();
  const std::string component(host().component_id());
  const Metric events = host().counter(
      "mlobs_sentry_events_total", "Records by what the sentry sink did with them",
      {"component", "result"});
  for (int r = 0; r < kResultCount; ++r) results_[r] = events.series({component, kResultNames[r]});
  scrub_failed_ = host()
                      .counter("mlobs_sentry_events_dropped_total",
                               "Events not sent because they could not be made safe to send",
                               {"component", "reason"})
                      .series({component, "scrub_failed"});
  started_ = true;
  return Status::Ok();
}

Status SentrySink::write(Batch& batch) {
  if (!started_) return Status::FailedPrecondition("write before start");
  std::unordered_set<std::string> batch_event_ids;
  // Skips are counted once the batch is done with, so a retried batch does not count twice.
  size_t skipped = 0;
  for (size_t i = 0; i < batch.size(); ++i) {
    const RecordRef rec = batch.at(i);
    if (!rec.handle()) continue;
    if (!may_become_event(rec.get_string("kind").value_or(""))) {
      ++skipped;
      continue;
    }
    std::optional<SelectedEvent> selected = select_event(rec.to_json(), on_);
    if (!selected) {
      ++skipped;
      continue;
    }
    const std::string event_id = selected->event.event_id;
    batch_event_ids.insert(event_id);
    if (settled_.count(event_id)) continue;

    if (const int64_t wait = rate_limits_->event_wait_ms(); wait > 0) {
      results_[kRateLimited].add();
      keep_settled_of(batch_event_ids);
      return hold_back(wait, "sentry: rate limited, events held back for " +
                                 std::to_string(wait) + " ms");
    }
    if (!throttle_->allows(selected->throttle_key)) {
      results_[kThrottled].add();
      settled_.insert(event_id);
      continue;
    }
    const Status sent = send(*selected);
    if (sent.code() == MLOBS_UNAVAILABLE || sent.code() == MLOBS_RESOURCE_EXHAUSTED) {
      keep_settled_of(batch_event_ids);
      return sent;
    }
    if (!sent.ok()) {
      // Sentry refused this event for good: it goes to the dead-letter output with the answer,
      // and the rest of the batch is still sent (nor are the ones sent before it rejected).
      host().dead_letter(&rec, "sentry_rejected", {{"error", sent.message()}});
      results_[kRejected].add();
    }
    settled_.insert(event_id);
  }
  settled_.clear();
  results_[kSkipped].add(static_cast<double>(skipped));
  return Status::Ok();
}

Status SentrySink::send(SelectedEvent& selected) {
  SentryEvent& event = selected.event;
  const int64_t now_nanos = host().now_unix_nanos();
  const std::string now = rfc3339::format_utc(now_nanos);
  if (event.timestamp.empty()) event.timestamp = now;
  event.environment = environment_;
  event.release = release_;
  event.server_name = server_name_;

  // Tags are masked before they are cut to Sentry's limits, so no cut hides half a secret.
  std::map<std::string, std::string> masked;
  for (const auto& [k, v] : event.tags) masked.emplace(scrubber_->mask(k), scrubber_->mask(v));
  event.tags = std::move(masked);
  fit_tags(event);

  // Always, and last: nothing reaches Sentry that the scrubber has not passed.
  const std::optional<std::string> payload = scrubber_->scrub_json(event.to_json());
  if (!payload) {
    results_[kScrubDropped].add();
    scrub_failed_.add();
    host().warn("event dropped: the scrubber could not make it safe to send",
                {{"event_id", event.event_id}});
    return Status::Ok();
  }

  HttpRequest request;
  request.url = envelope_url_;
  request.headers = {{"Content-Type", "application/x-sentry-envelope"},
                     {"X-Sentry-Auth", auth_header_}};
  const std::string envelope = event_envelope(event.event_id, now, *payload);
  request.body = envelope;
  const HttpResponse response = host().http_send(request);
  rate_limits_->update(response.status, response.header("x-sentry-rate-limits"),
                       response.header("retry-after"));

  if (response.status >= 200 && response.status < 300) {
    throttle_->count_sent(selected.throttle_key);
    results_[kSent].add();
    return Status::Ok();
  }
  if (response.status == 429) {
    results_[kRateLimited].add();
    return hold_back(rate_limits_->event_wait_ms(),
                     "sentry answered 429: rate limited (" +
                         std::string(response.header("x-sentry-rate-limits").value_or(
                             response.header("retry-after").value_or("no limit given"))) +
                         ")");
  }
  return http_status(response, "sentry");
}

Status SentrySink::hold_back(int64_t wait_ms, std::string why) {
  if (wait_ms > 0) host().retry_after(wait_ms);
  return Status::ResourceExhausted(std::move(why));
}

void SentrySink::keep_settled_of(const std::unordered_set<std::string>& batch_event_ids) {
  for (auto it = settled_.begin(); it != settled_.end();) {
    it = batch_event_ids.count(*it) ? std::next(it) : settled_.erase(it);
  }
}

}  // namespace mlobs::sentry_sink
