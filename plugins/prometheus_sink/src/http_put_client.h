// One libcurl easy handle that sends HTTP PUTs with a bounded duration. Keeping the handle between
// requests keeps its connection open, so a push every interval does not reconnect each time.
//
// Not thread-safe: one thread at a time (the push thread) may call put().
#pragma once

#include <chrono>
#include <string>

namespace mlobs::prometheus_sink {

class HttpPutClient {
 public:
  // timeout bounds a whole request (connect, send, wait for the answer); the connect phase alone
  // is bounded by the shorter of timeout and 5 s.
  explicit HttpPutClient(std::chrono::milliseconds timeout);
  ~HttpPutClient();
  HttpPutClient(const HttpPutClient&) = delete;
  HttpPutClient& operator=(const HttpPutClient&) = delete;

  // PUTs body to url with the given Content-Type; returns the HTTP status, or -1 when there was no
  // response (refused, unreachable, timed out, or libcurl could not be set up).
  int put(const std::string& url, const std::string& body, const std::string& content_type);

 private:
  void* curl_ = nullptr;  // CURL*, kept out of the header so users need not include curl.h
  std::chrono::milliseconds timeout_;
};

}  // namespace mlobs::prometheus_sink
