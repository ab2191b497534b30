// The http sink: each batch as one POST of JSON lines (or one JSON array) to a URL, through the
// host's HTTP client, so buffering, retries, timeouts, TLS and gzip are the agent's, set with
// the host-owned `buffer`, `retry` and `http` keys. A webhook, a log intake, a generic
// collector endpoint.
#pragma once

#include <mlobs/plugin.hpp>

#include <string>
#include <utility>
#include <vector>

namespace mlobs::http_sink {

class HttpSink : public Sink {
 public:
  Status configure(const Config& config) override;
  Status write(Batch& batch) override;

 private:
  std::string url_;
  std::string method_;
  bool json_array_ = false;
  std::vector<std::pair<std::string, std::string>> headers_;
  std::string body_;
};

}  // namespace mlobs::http_sink
