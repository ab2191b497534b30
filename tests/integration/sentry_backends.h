// A real Sentry envelope receiver for integration tests: Sentry's Spotlight sidecar (npm
// @spotlightjs/spotlight in tests/node), started through tests/node/spotlight_receiver.mjs on
// 127.0.0.1 and a free port. Spotlight answers 200 even to what it cannot read, so tests read
// back what it captured: one file per request, the decompressed body as it arrived.
#pragma once

#include "prometheus_backends.h"

#include <rapidjson/document.h>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mlobs::integration {

// Why Spotlight cannot be started here (node or the npm package missing, with the fix), or
// nullopt when it can.
std::optional<std::string> spotlight_unavailable();

class SpotlightServer {
 public:
  // Starts the receiver, capturing into `capture_dir`, and waits for GET /health == "OK".
  // Throws std::runtime_error with the receiver's output when it does not get there in time.
  explicit SpotlightServer(std::filesystem::path capture_dir);
  ~SpotlightServer();  // stop()
  SpotlightServer(const SpotlightServer&) = delete;
  SpotlightServer& operator=(const SpotlightServer&) = delete;

  uint16_t port() const { return port_; }
  // A DSN pointing at the receiver (Spotlight ignores the key and the project).
  std::string dsn(std::string_view public_key = "publickey") const;
  // The captured request bodies, oldest first.
  std::vector<std::string> captured() const;
  size_t captured_count() const { return captured().size(); }

  // SIGTERM, then SIGKILL after a deadline; reaped either way. Idempotent.
  void stop();
  std::string describe() const;

 private:
  std::filesystem::path capture_dir_;
  uint16_t port_;
  std::unique_ptr<BackendServer> server_;
};

// One item of an envelope: its header line and its payload.
struct EnvelopeItem {
  rapidjson::Document header;
  std::string payload;
};

// An envelope (https://develop.sentry.dev/sdk/envelopes/): a header line, then items, each a
// header line and a payload of the header's `length` bytes (or up to the next newline).
struct Envelope {
  rapidjson::Document header;
  std::vector<EnvelopeItem> items;
};

// nullopt when the bytes are not an envelope.
std::optional<Envelope> parse_envelope(std::string_view bytes);

}  // namespace mlobs::integration
