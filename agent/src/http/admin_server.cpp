#include "http/admin_server.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <exception>
#include <optional>
#include <string_view>
#include <system_error>
#include <utility>

namespace mlobs::agent {
namespace {

using Clock = std::chrono::steady_clock;

constexpr int kWorkers = 4;
constexpr size_t kMaxPending = 64;
constexpr size_t kMaxHeaderBytes = 16 * 1024;
constexpr size_t kMaxBodyBytes = 1024 * 1024;
constexpr auto kIoTimeout = std::chrono::seconds(5);
// After an early error reply, how long unread input is drained so the reply is not lost to a
// reset (closing a socket with unread data sends RST).
constexpr auto kLingerTimeout = std::chrono::seconds(1);
// When out of file descriptors the listening socket stays readable; back off instead of spinning.
constexpr int kAcceptBackoffMs = 100;

std::string errno_text(int err) {
  std::string text = std::system_category().message(err);
  if (!text.empty() && text[0] >= 'A' && text[0] <= 'Z') text[0] = static_cast<char>(text[0] + 32);
  return text;
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
    case 405: return "Method Not Allowed";
    case 408: return "Request Timeout";
    case 409: return "Conflict";
    case 413: return "Content Too Large";
    case 422: return "Unprocessable Content";
    case 429: return "Too Many Requests";
    case 431: return "Request Header Fields Too Large";
    case 500: return "Internal Server Error";
    case 501: return "Not Implemented";
    case 503: return "Service Unavailable";
    case 505: return "HTTP Version Not Supported";
  }
  return status < 400 ? "OK" : "Error";
}

HttpResponse error_response(int status, std::string_view message) {
  HttpResponse r;
  r.status = status;
  r.content_type = "application/json";
  r.body = "{\"error\":\"" + std::string(message) + "\"}";  // messages here are fixed literals
  return r;
}

bool has_crlf(std::string_view s) { return s.find_first_of("\r\n") != std::string_view::npos; }

std::string serialize_response(const HttpResponse& r, bool head) {
  // 1xx, 204 and 304 never carry a body.
  const bool no_body = r.status < 200 || r.status == 204 || r.status == 304;
  std::string out = "HTTP/1.1 " + std::to_string(r.status) + " " + reason_phrase(r.status) + "\r\n";
  if (!no_body) {
    out += "Content-Type: " + (has_crlf(r.content_type) ? "text/plain" : r.content_type) + "\r\n";
    out += "Content-Length: " + std::to_string(r.body.size()) + "\r\n";
  }
  out += "Connection: close\r\n";
  for (const auto& [name, value] : r.headers) {
    std::string lower;
    for (char c : name) lower.push_back(static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c));
    // Framing is ours; a handler's CR or LF would let it split the response.
    if (lower == "content-length" || lower == "connection" || lower == "content-type" ||
        lower == "transfer-encoding" || name.empty() || has_crlf(name) || has_crlf(value)) {
      continue;
    }
    out += name + ": " + value + "\r\n";
  }
  out += "\r\n";
  if (!no_body && !head) out += r.body;
  return out;
}

// One accepted, non-blocking connection with an absolute deadline; every wait also watches the
// stop pipe so stop() never waits on a slow client.
class Connection {
 public:
  Connection(int fd, int wake_fd) : fd_(fd), wake_fd_(wake_fd) {}

  void set_deadline(Clock::time_point deadline) { deadline_ = deadline; }

  // Appends what is available: >0 bytes read, 0 at end of input, -1 on error, timeout or stop.
  ssize_t read_into(std::string* buf, size_t max) {
    char chunk[16384];
    for (;;) {
      const ssize_t n = ::recv(fd_, chunk, std::min(sizeof(chunk), max), 0);
      if (n >= 0) {
        buf->append(chunk, static_cast<size_t>(n));
        return n;
      }
      if (errno == EINTR) continue;
      if ((errno != EAGAIN && errno != EWOULDBLOCK) || !wait(POLLIN)) return -1;
    }
  }

  bool write_all(std::string_view data) {
    while (!data.empty()) {
      const ssize_t n = ::send(fd_, data.data(), data.size(), MSG_NOSIGNAL);
      if (n >= 0) {
        data.remove_prefix(static_cast<size_t>(n));
        continue;
      }
      if (errno == EINTR) continue;
      if ((errno != EAGAIN && errno != EWOULDBLOCK) || !wait(POLLOUT)) return false;
    }
    return true;
  }

  // Half-closes and reads until the peer closes, so it receives our reply before any reset.
  void linger() {
    ::shutdown(fd_, SHUT_WR);
    set_deadline(Clock::now() + kLingerTimeout);
    std::string discard;
    while (read_into(&discard, 16384) > 0) discard.clear();
  }

 private:
  bool wait(short events) {
    for (;;) {
      const auto left = std::chrono::ceil<std::chrono::milliseconds>(deadline_ - Clock::now());
      if (left.count() <= 0) return false;
      pollfd fds[2] = {{fd_, events, 0}, {wake_fd_, POLLIN, 0}};
      const int rc = ::poll(fds, 2, static_cast<int>(left.count()));
      if (rc < 0 && errno == EINTR) continue;
      if (rc <= 0 || fds[1].revents != 0) return false;
      if (fds[0].revents != 0) return true;
    }
  }

  int fd_;
  int wake_fd_;
  Clock::time_point deadline_ = Clock::now() + kIoTimeout;
};

// Where the header block ends: the index of its terminating blank line's first byte and the
// index where the body starts. Bare LF line ends are accepted, as most servers do.
std::optional<std::pair<size_t, size_t>> find_header_end(std::string_view buf, size_t from) {
  for (size_t i = from; i < buf.size(); ++i) {
    if (buf[i] != '\n') continue;
    if (i + 1 < buf.size() && buf[i + 1] == '\n') return std::make_pair(i + 1, i + 2);
    if (i + 2 < buf.size() && buf[i + 1] == '\r' && buf[i + 2] == '\n') {
      return std::make_pair(i + 1, i + 3);
    }
  }
  return std::nullopt;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

bool is_token_char(char c) {
  if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) return true;
  return std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
}

bool is_token(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (!is_token_char(c)) return false;
  }
  return true;
}

// Parses the request line and headers into *req; 0 on success, else the status to reply with.
int parse_head(std::string_view head, HttpRequest* req) {
  std::vector<std::string_view> lines;
  while (!head.empty()) {
    const size_t nl = head.find('\n');
    std::string_view line = head.substr(0, nl);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    lines.push_back(line);
    head.remove_prefix(nl == std::string_view::npos ? head.size() : nl + 1);
  }
  size_t first = 0;
  while (first < lines.size() && lines[first].empty()) ++first;  // stray CRLFs (RFC 9112 2.2)
  if (first == lines.size()) return 400;

  const std::string_view request_line = lines[first];
  const size_t sp1 = request_line.find(' ');
  const size_t sp2 = sp1 == std::string_view::npos ? sp1 : request_line.find(' ', sp1 + 1);
  if (sp2 == std::string_view::npos) return 400;
  const std::string_view method = request_line.substr(0, sp1);
  std::string_view target = request_line.substr(sp1 + 1, sp2 - sp1 - 1);
  const std::string_view version = request_line.substr(sp2 + 1);
  if (!is_token(method) || target.empty()) return 400;
  if (version != "HTTP/1.1" && version != "HTTP/1.0") {
    return version.starts_with("HTTP/") ? 505 : 400;
  }
  for (std::string_view scheme : {"http://", "https://"}) {
    if (target.starts_with(scheme)) {  // absolute-form: keep only the path
      target.remove_prefix(scheme.size());
      const size_t slash = target.find_first_of("/?");
      target = slash == std::string_view::npos ? "/" : target.substr(slash);
    }
  }
  if (target.front() != '/' && target != "*") return 400;
  for (char c : target) {
    if (static_cast<unsigned char>(c) <= 0x20 || c == 0x7F) return 400;
  }
  req->method = std::string(method);
  const size_t q = target.find('?');
  req->path = std::string(target.substr(0, q));
  req->query = q == std::string_view::npos ? "" : std::string(target.substr(q + 1));

  for (size_t i = first + 1; i < lines.size(); ++i) {
    const std::string_view line = lines[i];
    if (line.empty()) continue;
    const size_t colon = line.find(':');
    // Folded lines and whitespace before the colon are request smuggling vectors: reject.
    if (colon == std::string_view::npos || !is_token(line.substr(0, colon))) return 400;
    std::string name(line.substr(0, colon));
    for (char& c : name) {
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
    }
    const std::string_view value = trim(line.substr(colon + 1));
    auto [it, inserted] = req->headers.try_emplace(std::move(name), value);
    if (inserted) continue;
    if (it->first == "content-length") {
      if (it->second != value) return 400;
    } else {
      it->second.append(", ").append(value);
    }
  }
  return 0;
}

// -1 if not a plain decimal; values above the cap come back as cap + 1.
int64_t parse_content_length(std::string_view s) {
  if (s.empty()) return -1;
  int64_t n = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return -1;
    n = n * 10 + (c - '0');
    if (n > static_cast<int64_t>(kMaxBodyBytes)) return static_cast<int64_t>(kMaxBodyBytes) + 1;
  }
  return n;
}

struct Endpoint {
  std::string host;
  in_addr addr{};
  uint16_t port = 0;
};

Status parse_listen(const std::string& listen, Endpoint* out) {
  const size_t colon = listen.rfind(':');
  if (colon == std::string::npos || colon == 0 || colon + 1 == listen.size()) {
    return Status::InvalidArgument("admin listen address \"" + listen +
                                   "\" is not host:port (e.g. 127.0.0.1:9464)");
  }
  out->host = listen.substr(0, colon);
  if (out->host.find(':') != std::string::npos || out->host.front() == '[') {
    return Status::InvalidArgument("admin listen address \"" + listen +
                                   "\": IPv6 is not supported; use an IPv4 address");
  }
  const std::string port = listen.substr(colon + 1);
  uint32_t p = 0;
  for (char c : port) {
    if (c < '0' || c > '9' || port.size() > 5) {
      return Status::InvalidArgument("admin listen address \"" + listen + "\": bad port");
    }
    p = p * 10 + static_cast<uint32_t>(c - '0');
  }
  if (p > 65535) {
    return Status::InvalidArgument("admin listen address \"" + listen + "\": port above 65535");
  }
  out->port = static_cast<uint16_t>(p);
  const std::string ip = out->host == "localhost" ? "127.0.0.1" : out->host;
  if (::inet_pton(AF_INET, ip.c_str(), &out->addr) != 1) {
    return Status::InvalidArgument("admin listen address \"" + listen +
                                   "\": host must be an IPv4 address or localhost");
  }
  return Status::Ok();
}

void close_fd(int* fd) {
  if (*fd >= 0) ::close(*fd);
  *fd = -1;
}

}  // namespace

AdminServer::AdminServer() = default;

AdminServer::~AdminServer() { stop(); }

void AdminServer::route(std::string method, std::string path, HttpHandler handler) {
  routes_[{std::move(method), std::move(path)}] = std::move(handler);
}

Status AdminServer::start(const std::string& listen) {
  if (running_.load() || thread_.joinable()) {
    return Status::FailedPrecondition("admin server already started");
  }
  Endpoint ep;
  if (Status s = parse_listen(listen, &ep); !s.ok()) return s;

  if (::pipe2(wake_fds_, O_CLOEXEC | O_NONBLOCK) != 0) {
    return Status::Internal("admin server: cannot create a pipe: " + errno_text(errno));
  }
  listen_fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
  if (listen_fd_ < 0) {
    const int err = errno;
    close_fds();
    return Status::Internal("admin server: cannot create a socket: " + errno_text(err));
  }
  // Lets a restarted agent rebind while old connections sit in TIME_WAIT.
  const int one = 1;
  ::setsockopt(listen_fd_, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(ep.port);
  addr.sin_addr = ep.addr;
  if (::bind(listen_fd_, reinterpret_cast<const sockaddr*>(&addr), sizeof(addr)) != 0 ||
      ::listen(listen_fd_, 128) != 0) {
    const int err = errno;
    close_fds();
    return Status::Unavailable("cannot listen on " + listen + ": " + errno_text(err));
  }
  socklen_t len = sizeof(addr);
  if (::getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
    const int err = errno;
    close_fds();
    return Status::Internal("admin server: getsockname failed: " + errno_text(err));
  }
  port_ = ntohs(addr.sin_port);

  running_.store(true);
  thread_ = std::thread([this] { accept_loop(); });
  for (int i = 0; i < kWorkers; ++i) workers_.emplace_back([this] { worker_loop(); });
  return Status::Ok();
}

void AdminServer::stop() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    running_.store(false);
  }
  cv_.notify_all();
  if (wake_fds_[1] >= 0) {
    const char byte = 1;
    // Never drained: the pipe stays readable, so every poll() sees it.
    [[maybe_unused]] ssize_t n = ::write(wake_fds_[1], &byte, 1);
  }
  if (thread_.joinable()) thread_.join();
  for (auto& w : workers_) w.join();
  workers_.clear();
  for (int fd : pending_) ::close(fd);
  pending_.clear();
  close_fds();
}

void AdminServer::close_fds() {
  close_fd(&listen_fd_);
  close_fd(&wake_fds_[0]);
  close_fd(&wake_fds_[1]);
}

void AdminServer::accept_loop() {
  while (running_.load()) {
    pollfd fds[2] = {{listen_fd_, POLLIN, 0}, {wake_fds_[0], POLLIN, 0}};
    const int rc = ::poll(fds, 2, -1);
    if (rc < 0 && errno != EINTR) return;
    if (fds[1].revents != 0) return;
    if (rc <= 0 || fds[0].revents == 0) continue;
    for (;;) {
      const int fd = ::accept4(listen_fd_, nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC);
      if (fd < 0) {
        if (errno == EINTR || errno == ECONNABORTED) continue;
        if (errno == EMFILE || errno == ENFILE || errno == ENOBUFS || errno == ENOMEM) {
          pollfd wake = {wake_fds_[0], POLLIN, 0};
          ::poll(&wake, 1, kAcceptBackoffMs);
        }
        break;  // EAGAIN: drained
      }
      std::unique_lock<std::mutex> lock(mu_);
      if (pending_.size() < kMaxPending) {
        pending_.push_back(fd);
        lock.unlock();
        cv_.notify_one();
        continue;
      }
      lock.unlock();
      // Every worker is busy and the queue is full: refuse now rather than queue without bound.
      static constexpr std::string_view kBusy =
          "HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/json\r\n"
          "Content-Length: 16\r\nConnection: close\r\n\r\n{\"error\":\"busy\"}";
      [[maybe_unused]] ssize_t n =
          ::send(fd, kBusy.data(), kBusy.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
      ::close(fd);
    }
  }
}

void AdminServer::worker_loop() {
  for (;;) {
    int fd;
    {
      std::unique_lock<std::mutex> lock(mu_);
      cv_.wait(lock, [this] { return !running_.load() || !pending_.empty(); });
      if (!running_.load()) return;
      fd = pending_.front();
      pending_.pop_front();
    }
    serve(fd);
    ::close(fd);
  }
}

void AdminServer::serve(int fd) {
  Connection conn(fd, wake_fds_[0]);
  auto reply_early = [&](int status, std::string_view message) {
    if (conn.write_all(serialize_response(error_response(status, message), false))) conn.linger();
  };

  std::string buf;
  std::optional<std::pair<size_t, size_t>> end;
  size_t scanned = 0;
  while (!(end = find_header_end(buf, scanned))) {
    scanned = buf.size() < 2 ? 0 : buf.size() - 2;
    if (buf.size() > kMaxHeaderBytes) return reply_early(431, "request header too large");
    if (conn.read_into(&buf, 16384) <= 0) return;
  }
  if (end->first > kMaxHeaderBytes) return reply_early(431, "request header too large");

  HttpRequest req;
  if (int status = parse_head(std::string_view(buf).substr(0, end->first), &req); status != 0) {
    return reply_early(status, status == 505 ? "http version not supported" : "bad request");
  }
  if (req.headers.count("transfer-encoding")) {
    return reply_early(501, "transfer-encoding is not supported; send content-length");
  }
  int64_t length = 0;
  if (auto it = req.headers.find("content-length"); it != req.headers.end()) {
    length = parse_content_length(it->second);
    if (length < 0) return reply_early(400, "bad content-length");
    if (length > static_cast<int64_t>(kMaxBodyBytes)) {
      return reply_early(413, "request body larger than 1 MiB");
    }
  }
  const size_t want = static_cast<size_t>(length);
  req.body = buf.substr(end->second);
  if (req.body.size() < want) {
    auto expect = req.headers.find("expect");
    if (expect != req.headers.end() && expect->second == "100-continue" &&
        !conn.write_all("HTTP/1.1 100 Continue\r\n\r\n")) {
      return;
    }
    while (req.body.size() < want) {
      if (conn.read_into(&req.body, want - req.body.size()) <= 0) return;
    }
  }
  req.body.resize(want);  // anything after the body would be a second request: not served

  const bool head = req.method == "HEAD";
  auto it = routes_.find({req.method, req.path});
  if (it == routes_.end() && head) it = routes_.find({"GET", req.path});
  HttpResponse resp;
  if (it != routes_.end()) {
    try {
      resp = it->second(req);
    } catch (const std::exception&) {
      resp = error_response(500, "internal error");
    } catch (...) {
      resp = error_response(500, "internal error");
    }
  } else {
    std::string allow;
    for (const auto& [key, handler] : routes_) {
      if (key.second != req.path) continue;
      if (!allow.empty()) allow += ", ";
      allow += key.first;
    }
    if (allow.empty()) {
      resp = error_response(404, "not found");
    } else {
      resp = error_response(405, "method not allowed");
      resp.headers["Allow"] = allow;
    }
  }
  conn.write_all(serialize_response(resp, head));
}

}  // namespace mlobs::agent
