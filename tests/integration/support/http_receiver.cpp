#include "support/http_receiver.h"
#include "support/loopback.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>
#include <zlib.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <optional>
#include <stdexcept>
#include <string_view>

namespace mlobs::integration {
namespace {

// Far above anything a test sends; a runaway client cannot make the receiver eat the memory.
constexpr size_t kMaxHeaderBytes = 64 * 1024;
constexpr size_t kMaxBodyBytes = 256 * 1024 * 1024;

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

const char* reason_phrase(int status) {
  switch (status) {
    case 100: return "Continue";
    case 200: return "OK";
    case 201: return "Created";
    case 202: return "Accepted";
    case 204: return "No Content";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 408: return "Request Timeout";
    case 413: return "Payload Too Large";
    case 429: return "Too Many Requests";
    case 500: return "Internal Server Error";
    case 502: return "Bad Gateway";
    case 503: return "Service Unavailable";
    case 504: return "Gateway Timeout";
    default: return "Status";
  }
}

bool send_all(int fd, std::string_view data) {
  while (!data.empty()) {
    const ssize_t n = ::send(fd, data.data(), data.size(), MSG_NOSIGNAL);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    data.remove_prefix(static_cast<size_t>(n));
  }
  return true;
}

// The gzip member in `compressed`, inflated; nullopt when it is not valid gzip.
std::optional<std::string> gunzip(std::string_view compressed) {
  z_stream z{};
  if (inflateInit2(&z, 16 + MAX_WBITS) != Z_OK) return std::nullopt;
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(compressed.data()));
  z.avail_in = static_cast<uInt>(compressed.size());
  std::string out;
  char chunk[64 * 1024];
  int rc = Z_OK;
  while (rc == Z_OK) {
    z.next_out = reinterpret_cast<Bytef*>(chunk);
    z.avail_out = sizeof chunk;
    rc = inflate(&z, Z_NO_FLUSH);
    out.append(chunk, sizeof chunk - z.avail_out);
    if (rc == Z_BUF_ERROR && z.avail_in == 0) break;  // truncated input
  }
  inflateEnd(&z);
  if (rc != Z_STREAM_END) return std::nullopt;
  return out;
}

// Buffered reads from one connection's socket.
class SocketReader {
 public:
  explicit SocketReader(int fd) : fd_(fd) {}

  // Reads more into the buffer; false on end of stream or error.
  bool fill() {
    char chunk[16 * 1024];
    while (true) {
      const ssize_t n = ::recv(fd_, chunk, sizeof chunk, 0);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) return false;
      buffer_.append(chunk, static_cast<size_t>(n));
      return true;
    }
  }

  // The text up to (without) `delimiter`, consumed with it; nullopt when the stream ends or the
  // text grows past `limit` first.
  std::optional<std::string> until(std::string_view delimiter, size_t limit) {
    size_t searched = 0;
    while (true) {
      const size_t at = buffer_.find(delimiter, searched);
      if (at != std::string::npos) {
        std::string out = buffer_.substr(0, at);
        buffer_.erase(0, at + delimiter.size());
        return out;
      }
      if (buffer_.size() > limit) return std::nullopt;
      searched = buffer_.size() >= delimiter.size() ? buffer_.size() - delimiter.size() + 1 : 0;
      if (!fill()) return std::nullopt;
    }
  }

  // Exactly `n` bytes, consumed; nullopt when the stream ends first.
  std::optional<std::string> exactly(size_t n) {
    while (buffer_.size() < n) {
      if (!fill()) return std::nullopt;
    }
    std::string out = buffer_.substr(0, n);
    buffer_.erase(0, n);
    return out;
  }

 private:
  int fd_;
  std::string buffer_;
};

// A chunked body (RFC 9112 section 7.1), trailers skipped; nullopt when it is malformed.
std::optional<std::string> read_chunked(SocketReader& reader) {
  std::string body;
  while (true) {
    std::optional<std::string> size_line = reader.until("\r\n", kMaxHeaderBytes);
    if (!size_line) return std::nullopt;
    const std::string_view digits = trim(std::string_view(*size_line).substr(
        0, std::min(size_line->find(';'), size_line->size())));
    if (digits.empty()) return std::nullopt;
    char* end = nullptr;
    const std::string digits_text(digits);
    const unsigned long long size = std::strtoull(digits_text.c_str(), &end, 16);
    if (end != digits_text.c_str() + digits_text.size() || body.size() + size > kMaxBodyBytes) {
      return std::nullopt;
    }
    if (size == 0) break;
    std::optional<std::string> data = reader.exactly(static_cast<size_t>(size));
    std::optional<std::string> crlf = reader.exactly(2);
    if (!data || crlf != "\r\n") return std::nullopt;
    body += *data;
  }
  while (true) {  // trailer fields, up to the empty line
    std::optional<std::string> trailer = reader.until("\r\n", kMaxHeaderBytes);
    if (!trailer) return std::nullopt;
    if (trailer->empty()) return body;
  }
}

struct ParsedHead {
  ReceivedRequest request;
  bool http10 = false;
};

std::optional<ParsedHead> parse_head(std::string_view head) {
  ParsedHead out;
  size_t line_end = head.find("\r\n");
  const std::string_view request_line = head.substr(0, line_end);
  const size_t sp1 = request_line.find(' ');
  const size_t sp2 = request_line.rfind(' ');
  if (sp1 == std::string_view::npos || sp2 == sp1) return std::nullopt;
  out.request.method = std::string(request_line.substr(0, sp1));
  out.request.target = std::string(request_line.substr(sp1 + 1, sp2 - sp1 - 1));
  out.http10 = request_line.substr(sp2 + 1) == "HTTP/1.0";
  while (line_end != std::string_view::npos) {
    const size_t start = line_end + 2;
    line_end = head.find("\r\n", start);
    const std::string_view line = head.substr(start, line_end == std::string_view::npos
                                                         ? std::string_view::npos
                                                         : line_end - start);
    if (line.empty()) continue;
    const size_t colon = line.find(':');
    if (colon == std::string_view::npos) return std::nullopt;
    const std::string name = lower(trim(line.substr(0, colon)));
    const std::string value(trim(line.substr(colon + 1)));
    auto [it, inserted] = out.request.headers.emplace(name, value);
    if (!inserted) it->second += ", " + value;  // repeated fields join as a list
  }
  return out;
}

std::optional<std::string> header(const ReceivedRequest& r, const std::string& name) {
  auto it = r.headers.find(name);
  if (it == r.headers.end()) return std::nullopt;
  return it->second;
}

std::string serialize(const Reply& reply, bool keep_alive) {
  std::string out = "HTTP/1.1 " + std::to_string(reply.status) + " " +
                    reason_phrase(reply.status) + "\r\n";
  bool has_content_type = false;
  for (const auto& [name, value] : reply.headers) {
    const std::string lname = lower(name);
    if (lname == "content-length" || lname == "connection") continue;  // ours below
    if (lname == "content-type") has_content_type = true;
    out += name + ": " + value + "\r\n";
  }
  if (!has_content_type && !reply.body.empty()) out += "Content-Type: application/json\r\n";
  out += "Content-Length: " + std::to_string(reply.body.size()) + "\r\n";
  out += keep_alive ? "Connection: keep-alive\r\n" : "Connection: close\r\n";
  out += "\r\n";
  out += reply.body;
  return out;
}

}  // namespace

HttpReceiver::HttpReceiver(Responder responder) : responder_(std::move(responder)) {}

HttpReceiver::~HttpReceiver() { stop(); }

void HttpReceiver::start(uint16_t port) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (running_) throw std::logic_error("HttpReceiver::start: already running");
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) throw std::runtime_error(std::string("socket: ") + std::strerror(errno));
  const int one = 1;
  ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  sockaddr_in addr = loopback_address(port);
  socklen_t len = sizeof addr;
  if (::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 || ::listen(fd, 64) != 0 ||
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
    const std::string why = std::strerror(errno);
    ::close(fd);
    throw std::runtime_error("cannot listen on 127.0.0.1:" + std::to_string(port) + ": " + why);
  }
  listen_fd_ = fd;
  port_ = ntohs(addr.sin_port);
  running_ = true;
  acceptor_ = std::thread([this, fd] { accept_loop(fd); });
}

void HttpReceiver::stop() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (!running_) return;
    running_ = false;
    // Wakes the blocked accept() (Linux: it returns EINVAL) without closing the fd under it.
    ::shutdown(listen_fd_, SHUT_RDWR);
  }
  acceptor_.join();
  ::close(listen_fd_);
  listen_fd_ = -1;

  // The acceptor is gone, so connections_ changes no more but for fds closing under the lock.
  {
    std::lock_guard<std::mutex> lock(mutex_);
    for (const auto& c : connections_) {
      if (c->fd >= 0) ::shutdown(c->fd, SHUT_RDWR);
    }
  }
  for (const auto& c : connections_) {
    if (c->thread.joinable()) c->thread.join();
  }
  connections_.clear();
}

uint16_t HttpReceiver::port() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return port_;
}

std::string HttpReceiver::url() const { return "http://127.0.0.1:" + std::to_string(port()); }

void HttpReceiver::set_responder(Responder responder) {
  std::lock_guard<std::mutex> lock(mutex_);
  responder_ = std::move(responder);
}

std::vector<ReceivedRequest> HttpReceiver::requests() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return requests_;
}

size_t HttpReceiver::request_count() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return requests_.size();
}

void HttpReceiver::clear() {
  std::lock_guard<std::mutex> lock(mutex_);
  requests_.clear();
}

void HttpReceiver::accept_loop(int listen_fd) {
  while (true) {
    const int fd = ::accept4(listen_fd, nullptr, nullptr, SOCK_CLOEXEC);
    if (fd < 0) {
      if (errno == EINTR || errno == ECONNABORTED) continue;
      return;  // shut down by stop(), or a listener error: no more clients either way
    }
    reap_finished();
    std::lock_guard<std::mutex> lock(mutex_);
    if (!running_) {
      ::close(fd);
      return;
    }
    auto connection = std::make_unique<Connection>();
    connection->fd = fd;
    Connection* raw = connection.get();
    connections_.push_back(std::move(connection));
    raw->thread = std::thread([this, raw] { serve(raw); });
  }
}

void HttpReceiver::reap_finished() {
  std::vector<std::thread> done;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    auto it = std::remove_if(connections_.begin(), connections_.end(), [&](const auto& c) {
      if (!c->finished) return false;
      done.push_back(std::move(c->thread));
      return true;
    });
    connections_.erase(it, connections_.end());
  }
  for (std::thread& t : done) t.join();
}

void HttpReceiver::close_connection(Connection* connection) {
  std::lock_guard<std::mutex> lock(mutex_);
  ::close(connection->fd);
  connection->fd = -1;
  connection->finished = true;
}

Reply HttpReceiver::answer(const ReceivedRequest& request) {
  Responder responder;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    requests_.push_back(request);  // before the reply, so a client that has it sees the request
    responder = responder_;
  }
  if (!responder) return Reply{200, {}, "{}"};
  return responder(request);
}

void HttpReceiver::serve(Connection* connection) {
  const int fd = connection->fd;  // stays open until close_connection() below
  SocketReader reader(fd);
  while (true) {
    std::optional<std::string> head = reader.until("\r\n\r\n", kMaxHeaderBytes);
    if (!head) break;
    std::optional<ParsedHead> parsed = parse_head(*head);
    if (!parsed) {
      send_all(fd, serialize(Reply{400, {}, "{\"error\":\"malformed request head\"}"}, false));
      break;
    }
    ReceivedRequest& request = parsed->request;

    if (lower(header(request, "expect").value_or("")) == "100-continue" &&
        !send_all(fd, "HTTP/1.1 100 Continue\r\n\r\n")) {
      break;
    }
    std::optional<std::string> body;
    if (lower(header(request, "transfer-encoding").value_or("")).find("chunked") !=
        std::string::npos) {
      body = read_chunked(reader);
    } else {
      const std::string length = header(request, "content-length").value_or("0");
      char* end = nullptr;
      const unsigned long long n = std::strtoull(length.c_str(), &end, 10);
      if (end != length.c_str() + length.size() || n > kMaxBodyBytes) {
        send_all(fd, serialize(Reply{400, {}, "{\"error\":\"bad Content-Length\"}"}, false));
        break;
      }
      body = reader.exactly(static_cast<size_t>(n));
    }
    if (!body) break;

    Reply reply;
    if (lower(header(request, "content-encoding").value_or("")) == "gzip") {
      request.gzip = true;
      std::optional<std::string> inflated = gunzip(*body);
      request.body = inflated ? std::move(*inflated) : std::move(*body);
      reply = answer(request);
      if (!inflated) reply = Reply{400, {}, "{\"error\":\"body is not valid gzip\"}"};  // recorded raw
    } else {
      request.body = std::move(*body);
      reply = answer(request);
    }

    const std::string connection_header = lower(header(request, "connection").value_or(""));
    const bool keep_alive = parsed->http10 ? connection_header == "keep-alive"
                                           : connection_header != "close";
    if (!send_all(fd, serialize(reply, keep_alive)) || !keep_alive) break;
  }
  close_connection(connection);
}

}  // namespace mlobs::integration
