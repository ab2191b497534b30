// The HTTP client the host lends to sinks (mlobs_host_api.http_send): one libcurl handle per
// component, so the connection is kept between requests; the sink's `http:` settings
// (timeouts, TLS verification and CA file, gzip of request bodies); an X-Request-ID on every
// request, so a backend's log line can be matched to ours.
#pragma once

#include "config/delivery_settings.h"

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace mlobs::agent {

struct HttpExchange {
  int status = 0;  // 0: no response; `error` says why
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;  // names lower-case
  std::string error;
  std::string request_id;
  std::optional<int64_t> retry_after_ms;  // from a Retry-After header (seconds or an HTTP date)
};

class HttpClient {
 public:
  using Header = std::pair<std::string_view, std::string_view>;

  explicit HttpClient(HttpSettings settings);
  ~HttpClient();
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;

  // One request. Never throws for a failed request: status 0 and `error` tell it.
  HttpExchange send(std::string_view method, std::string_view url, std::span<const Header> headers,
                    std::string_view body);

 private:
  HttpSettings settings_;
  void* curl_ = nullptr;  // CURL*, created on first use
};

// Retry-After: delay-seconds or an HTTP date, relative to `now_unix_seconds`; nullopt when
// it is neither. Never negative.
std::optional<int64_t> parse_retry_after_ms(std::string_view value, int64_t now_unix_seconds);

// gzip (RFC 1952) of `data`.
std::string gzip_compress(std::string_view data);

}  // namespace mlobs::agent
