// How the host delivers to one sink: its buffer, its retries and its HTTP client. These are
// host-owned keys every sink accepts without declaring them (`buffer`, `retry`, `http`), so an
// operator sets them the same way for any sink, in-tree or third-party.
#pragma once

#include <cstdint>
#include <string>

namespace mlobs::agent {

struct HttpSettings {
  int64_t timeout_ms = 10000;         // http.timeout: the whole request
  int64_t connect_timeout_ms = 5000;  // http.connect_timeout
  bool gzip = false;                  // http.compression: none | gzip (request bodies)
  bool tls_verify = true;             // http.tls.verify: off only for a lab backend
  std::string tls_ca_file;            // http.tls.ca_file: empty for the system store
};

struct DeliverySettings {
  bool disk_buffer = false;               // buffer.type: memory | disk
  int64_t buffer_max_size = 64ll << 20;   // buffer.max_size: bytes held before backpressure
  int64_t retry_initial_backoff_ms = 100;  // retry.initial_backoff
  int64_t retry_max_backoff_ms = 30000;    // retry.max_backoff
  HttpSettings http;
};

}  // namespace mlobs::agent
