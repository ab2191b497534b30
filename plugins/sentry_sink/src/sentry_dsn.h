// A Sentry DSN, `<scheme>://<public_key>[:<secret_key>]@<host>[:<port>][/<path>]/<project_id>`,
// and what the sink derives from it: the envelope endpoint and the X-Sentry-Auth header.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace mlobs::sentry_sink {

struct SentryDsn {
  std::string scheme;      // http or https
  std::string public_key;
  std::string secret_key;  // legacy; empty in current DSNs
  std::string host;        // with ":port" when the DSN has one
  std::string path;        // "" or "/prefix", for a Sentry behind a path
  std::string project_id;

  // <scheme>://<host><path>/api/<project_id>/envelope/
  std::string envelope_url() const;
  // "Sentry sentry_version=7, sentry_client=<client>, sentry_key=<public_key>[, sentry_secret=...]"
  std::string auth_header(std::string_view client) const;
};

// The DSN, or nullopt with *error saying what is wrong in words (never echoing the keys).
std::optional<SentryDsn> parse_dsn(std::string_view dsn, std::string* error);

}  // namespace mlobs::sentry_sink
