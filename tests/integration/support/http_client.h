// A tiny blocking HTTP/1.1 client for the agent's admin endpoints on loopback: one GET per
// connection, bounded by a timeout, no redirects, no TLS.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>

namespace mlobs::integration {

struct HttpResult {
  int status = 0;                              // 0: no (complete) response; `error` says why
  std::map<std::string, std::string> headers;  // lower-case names
  std::string body;
  std::string error;
};

HttpResult http_get(uint16_t port, std::string_view path,
                    std::chrono::milliseconds timeout = std::chrono::milliseconds(5000));

}  // namespace mlobs::integration
