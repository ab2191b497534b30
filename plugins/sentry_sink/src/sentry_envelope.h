// A Sentry event and the envelope that carries it (https://develop.sentry.dev/sdk/envelopes/):
// a header line, an item header with the payload's exact length, the payload. The payload is
// what the scrubber cleans; the envelope adds nothing from the record.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace mlobs::sentry_sink {

struct SentryEvent {
  std::string event_id;   // 32 lower-case hex digits (new_event_id())
  std::string timestamp;  // RFC 3339
  std::string level;      // fatal | error | warning | info | debug
  std::string message;
  std::string logger;
  std::map<std::string, std::string> tags;
  std::string contexts_json;  // a JSON object, or empty
  std::vector<std::string> fingerprint;  // Sentry groups events by it; empty: Sentry's default
  std::string release;
  std::string environment;
  std::string server_name;

  // The event payload; empty optional fields are left out.
  std::string to_json() const;
};

// 128 random bits as 32 hex digits, as Sentry wants event ids.
std::string new_event_id();

// 32 hex digits that depend only on `key` (two FNV-1a 64-bit hashes): the same record always
// becomes the same event id, so a re-sent event is one event to Sentry, not two.
std::string stable_event_id(std::string_view key);

// The envelope of one event item: {"event_id","sent_at"}\n{"type":"event","length":N}\n<payload>\n
std::string event_envelope(std::string_view event_id, std::string_view sent_at,
                           std::string_view payload);

}  // namespace mlobs::sentry_sink
