// The `sentry` sink: turns degraded or unhealthy deployments, failed check reports and error
// records into Sentry events (event_selection.h), scrubs each one (always), throttles repeats
// of one fingerprint, and sends it as an envelope through the host's HTTP client. One write()
// is one attempt: a rate limit or an unreachable Sentry makes the host retry the batch later,
// and the events of the batch that already went out are not sent again.
#pragma once

#include <mlobs/plugin.hpp>
#include <mlobs/secret_scrubber/secret_scrubber.h>

#include "event_selection.h"
#include "fingerprint_throttle.h"
#include "rate_limits.h"
#include "sentry_dsn.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <unordered_set>

namespace mlobs::sentry_sink {

class SentrySink : public Sink {
 public:
  Status configure(const Config& config) override;
  Status start() override;
  Status write(Batch& batch) override;

 private:
  // What became of one record; each has its series of mlobs_sentry_events_total.
  enum Result { kSent, kThrottled, kSkipped, kRateLimited, kScrubDropped, kRejected, kResultCount };

  int64_t now_ms() const { return host().now_unix_nanos() / 1000000; }
  // Sends one event; OK when Sentry took it, else what write() returns.
  Status send(SelectedEvent& selected);
  // A retryable end of write(): the host waits `wait_ms` (when > 0), then retries the batch.
  Status hold_back(int64_t wait_ms, std::string why);
  // Forgets the sent events of batches that are not being retried any more.
  void keep_settled_of(const std::unordered_set<std::string>& batch_event_ids);

  SentryDsn dsn_;
  std::string envelope_url_;
  std::string auth_header_;
  std::string environment_;
  std::string release_;
  std::string server_name_;
  EventSources on_ = EventSources::all();
  std::unique_ptr<secret_scrubber::SecretScrubber> scrubber_;
  std::unique_ptr<FingerprintThrottle> throttle_;
  std::unique_ptr<RateLimits> rate_limits_;

  // Event ids of the batch being delivered that need no more sending (sent, throttled or
  // dropped): a retried batch resumes after them.
  std::unordered_set<std::string> settled_;

  bool started_ = false;
  Series results_[kResultCount];
  Series scrub_failed_;
};

}  // namespace mlobs::sentry_sink
