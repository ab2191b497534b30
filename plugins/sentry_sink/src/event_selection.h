// Which records become Sentry events, and which event each becomes:
// - deployment_health that is degraded (warning) or unhealthy (error); healthy ones are not;
// - check_report with all_passed false (error);
// - error records as they are, split by body.category into dead_letter, plugin_failure and the
//   rest (error), so the `on` setting can pick among them.
// Everything else becomes no event. Pure: the sink hands in the whole record as JSON.
#pragma once

#include "sentry_envelope.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mlobs::sentry_sink {

// The `on` values: the kinds of event a sink may send.
enum class EventSource { kDeploymentHealth, kCheckReport, kError, kDeadLetter, kPluginFailure };

class EventSources {
 public:
  // Every source: the default of `on`.
  static EventSources all();
  // From the `on` list; nullopt and *error naming the allowed values when one is unknown.
  static std::optional<EventSources> parse(const std::vector<std::string>& names,
                                           std::string* error);

  bool contains(EventSource source) const { return (bits_ & bit(source)) != 0; }

 private:
  static unsigned bit(EventSource s) { return 1u << static_cast<unsigned>(s); }
  unsigned bits_ = 0;
};

// The record kinds that can become an event; a sink skips the others without reading them.
bool may_become_event(std::string_view kind);

// Sentry's limits on tags.
inline constexpr size_t kMaxTagKeyBytes = 32;
inline constexpr size_t kMaxTagValueBytes = 200;

// Cuts tag keys and values to Sentry's limits, at a UTF-8 character boundary. Mask secrets
// first: a cut can leave half a credential that no longer looks like one.
void fit_tags(SentryEvent& event);

struct SelectedEvent {
  EventSource source = EventSource::kError;
  // event_id (stable, from the record id), timestamp (the record's observed_at, when it has
  // one), level, message, logger, tags (not yet cut: fit_tags), contexts, fingerprint. The sink
  // adds the rest.
  SentryEvent event;
  std::string throttle_key;  // the fingerprint parts joined: what the throttle counts
};

// The event `record_json` (a whole record: {"kind","id","source","observed_at","body",...})
// becomes, or nullopt when it becomes none (another kind, a healthy deployment, a passed
// report, a source that `on` leaves out, or not a JSON object).
std::optional<SelectedEvent> select_event(std::string_view record_json, const EventSources& on);

}  // namespace mlobs::sentry_sink
