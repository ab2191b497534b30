#include "delivery/http_client.h"

#include "record/record.h"

#include <curl/curl.h>
#include <zlib.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <ctime>
#include <stdexcept>

namespace mlobs::agent {
namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' ||
                        s.back() == '\n')) {
    s.remove_suffix(1);
  }
  return s;
}

size_t collect_body(char* data, size_t size, size_t n, void* user) {
  static_cast<std::string*>(user)->append(data, size * n);
  return size * n;
}

// Keeps the headers of the last response only: a 100 Continue or a proxy's answer come first.
size_t collect_header(char* data, size_t size, size_t n, void* user) {
  auto* headers = static_cast<std::vector<std::pair<std::string, std::string>>*>(user);
  const std::string_view line(data, size * n);
  if (line.rfind("HTTP/", 0) == 0) {
    headers->clear();
  } else if (const size_t colon = line.find(':'); colon != std::string_view::npos) {
    headers->emplace_back(lower(trim(line.substr(0, colon))),
                          std::string(trim(line.substr(colon + 1))));
  }
  return size * n;
}

struct HeaderList {
  curl_slist* list = nullptr;
  ~HeaderList() { curl_slist_free_all(list); }
  bool add(const std::string& line) {
    curl_slist* next = curl_slist_append(list, line.c_str());
    if (!next) return false;
    list = next;
    return true;
  }
};

// Header values must not smuggle a second header in.
bool safe_header(std::string_view name, std::string_view value) {
  auto bad = [](char c) { return c == '\r' || c == '\n' || c == '\0'; };
  return !name.empty() && std::none_of(name.begin(), name.end(), bad) &&
         std::none_of(value.begin(), value.end(), bad) &&
         name.find(':') == std::string_view::npos;
}

}  // namespace

std::optional<int64_t> parse_retry_after_ms(std::string_view value, int64_t now_unix_seconds) {
  value = trim(value);
  if (value.empty()) return std::nullopt;
  int64_t seconds = 0;
  auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), seconds);
  if (ec == std::errc() && end == value.data() + value.size()) {
    return std::max<int64_t>(0, seconds) * 1000;
  }
  const time_t at = curl_getdate(std::string(value).c_str(), nullptr);
  if (at < 0) return std::nullopt;
  return std::max<int64_t>(0, static_cast<int64_t>(at) - now_unix_seconds) * 1000;
}

std::string gzip_compress(std::string_view data) {
  z_stream z{};
  // 15 window bits + 16: a gzip header and trailer instead of zlib's.
  if (deflateInit2(&z, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
    throw std::runtime_error("gzip: deflateInit2 failed");
  }
  std::string out(deflateBound(&z, static_cast<uLong>(data.size())), '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  z.avail_in = static_cast<uInt>(data.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  const int rc = deflate(&z, Z_FINISH);
  out.resize(z.total_out);
  deflateEnd(&z);
  if (rc != Z_STREAM_END) throw std::runtime_error("gzip: deflate did not finish");
  return out;
}

HttpClient::HttpClient(HttpSettings settings) : settings_(std::move(settings)) {
  // Reference-counted by libcurl and thread-safe since 7.84; paired with the cleanup below.
  curl_global_init(CURL_GLOBAL_DEFAULT);
}

HttpClient::~HttpClient() {
  if (curl_) curl_easy_cleanup(static_cast<CURL*>(curl_));
  curl_global_cleanup();
}

HttpExchange HttpClient::send(std::string_view method, std::string_view url,
                              std::span<const Header> headers, std::string_view body) {
  HttpExchange out;
  if (!curl_) curl_ = curl_easy_init();
  CURL* curl = static_cast<CURL*>(curl_);
  if (!curl) {
    out.error = "cannot create an HTTP handle";
    return out;
  }
  // reset drops the previous request's options; the connection stays open for reuse.
  curl_easy_reset(curl);

  HeaderList list;
  for (const auto& [name, value] : headers) {
    if (!safe_header(name, value)) {
      out.error = "header " + std::string(name) + " holds a line break or is malformed";
      return out;
    }
    if (lower(name) == "x-request-id") out.request_id = std::string(value);
    if (!list.add(std::string(name) + ": " + std::string(value))) {
      out.error = "out of memory";
      return out;
    }
  }
  if (out.request_id.empty()) {
    out.request_id = random_hex_id();
    list.add("X-Request-ID: " + out.request_id);
  }
  // libcurl would otherwise wait a second for "100 Continue" before large bodies.
  list.add("Expect:");
  std::string compressed;
  if (settings_.gzip && !body.empty()) {
    compressed = gzip_compress(body);
    body = compressed;
    list.add("Content-Encoding: gzip");
  }

  const std::string url_text(url);
  const std::string method_text = method.empty() ? "POST" : std::string(method);
  char error_text[CURL_ERROR_SIZE] = {0};
  curl_easy_setopt(curl, CURLOPT_URL, url_text.c_str());
  curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
  // No redirects: a sink names its endpoint, and a redirect could carry credentials elsewhere.
  curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 0L);
  curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, method_text.c_str());
  if (method_text != "GET" && method_text != "HEAD") {
    curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body.data());
    curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body.size()));
  }
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, list.list);
  curl_easy_setopt(curl, CURLOPT_USERAGENT, "mlobs-agent/" MLOBS_VERSION);
  curl_easy_setopt(curl, CURLOPT_ACCEPT_ENCODING, "");  // whatever libcurl can decode
  curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, static_cast<long>(settings_.timeout_ms));
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS,
                   static_cast<long>(std::min(settings_.connect_timeout_ms, settings_.timeout_ms)));
  // Signals cannot time out a request in a multi-threaded agent.
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl, CURLOPT_SSL_VERIFYPEER, settings_.tls_verify ? 1L : 0L);
  curl_easy_setopt(curl, CURLOPT_SSL_VERIFYHOST, settings_.tls_verify ? 2L : 0L);
  if (!settings_.tls_ca_file.empty()) {
    curl_easy_setopt(curl, CURLOPT_CAINFO, settings_.tls_ca_file.c_str());
  }
  curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, error_text);
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, collect_body);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &out.body);
  curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, collect_header);
  curl_easy_setopt(curl, CURLOPT_HEADERDATA, &out.headers);

  const CURLcode rc = curl_easy_perform(curl);
  if (rc != CURLE_OK) {
    out.error = error_text[0] ? error_text : curl_easy_strerror(rc);
    out.body.clear();
    out.headers.clear();
    return out;
  }
  long status = 0;
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
  out.status = static_cast<int>(status);
  for (const auto& [name, value] : out.headers) {
    if (name == "retry-after") out.retry_after_ms = parse_retry_after_ms(value, std::time(nullptr));
  }
  return out;
}

}  // namespace mlobs::agent
