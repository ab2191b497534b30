#include "http_put_client.h"

#include <curl/curl.h>

#include <algorithm>

namespace mlobs::prometheus_sink {
namespace {

constexpr std::chrono::milliseconds kMaxConnectTimeout{5000};

// The gateway's answer body is of no use to us; without a write callback libcurl would print it
// to the agent's stdout.
size_t discard_response(char*, size_t size, size_t nmemb, void*) { return size * nmemb; }

// Frees the header list however put() returns.
struct HeaderList {
  curl_slist* list = nullptr;
  ~HeaderList() { curl_slist_free_all(list); }
};

}  // namespace

HttpPutClient::HttpPutClient(std::chrono::milliseconds timeout) : timeout_(timeout) {
  // Reference-counted by libcurl; thread-safe since 7.84. Paired with the cleanup below.
  curl_global_init(CURL_GLOBAL_DEFAULT);
  curl_ = curl_easy_init();
}

HttpPutClient::~HttpPutClient() {
  if (curl_) curl_easy_cleanup(static_cast<CURL*>(curl_));
  curl_global_cleanup();
}

int HttpPutClient::put(const std::string& url, const std::string& body,
                       const std::string& content_type) {
  CURL* curl = static_cast<CURL*>(curl_);
  if (!curl) return -1;
  // reset clears the previous request's options but keeps the open connection for reuse.
  curl_easy_reset(curl);

  HeaderList headers;
  headers.list = curl_slist_append(nullptr, ("Content-Type: " + content_type).c_str());
  if (!headers.list) return -1;

  const long timeout_ms = static_cast<long>(timeout_.count());
  const long connect_timeout_ms =
      static_cast<long>(std::min(timeout_, kMaxConnectTimeout).count());

  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, "PUT");
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers.list);
  curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body.data());
  curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body.size()));
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, discard_response);
  // Without these a silent peer holds the push thread (and so stop()) for minutes.
  curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, timeout_ms);
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, connect_timeout_ms);
  // Timeouts must not be implemented with signals: the agent is multi-threaded.
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);

  if (curl_easy_perform(curl) != CURLE_OK) return -1;
  long status = 0;
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
  return status > 0 ? static_cast<int>(status) : -1;
}

}  // namespace mlobs::prometheus_sink
