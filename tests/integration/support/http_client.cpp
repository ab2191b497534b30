#include "support/http_client.h"
#include "support/loopback.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <optional>

namespace mlobs::integration {
namespace {

using SteadyClock = std::chrono::steady_clock;

class Socket {
 public:
  Socket() : fd_(::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0)) {}
  ~Socket() {
    if (fd_ >= 0) ::close(fd_);
  }
  Socket(const Socket&) = delete;
  Socket& operator=(const Socket&) = delete;
  int fd() const { return fd_; }

 private:
  int fd_;
};

std::string errno_text(const char* what) { return std::string(what) + ": " + std::strerror(errno); }

// Waits until `fd` is ready for `events` or the deadline passes.
bool wait_ready(int fd, short events, SteadyClock::time_point deadline) {
  while (true) {
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - SteadyClock::now());
    if (left.count() <= 0) return false;
    pollfd p{fd, events, 0};
    const int r = ::poll(&p, 1, static_cast<int>(left.count()));
    if (r > 0) return true;
    if (r < 0 && errno != EINTR) return false;
  }
}

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

// Parses the status line and headers of `head` (without the blank line) into `out`.
bool parse_head(std::string_view head, HttpResult* out) {
  const size_t line_end = head.find("\r\n");
  const std::string_view status_line = head.substr(0, line_end);
  if (status_line.substr(0, 5) != "HTTP/") return false;
  const size_t sp = status_line.find(' ');
  if (sp == std::string_view::npos || status_line.size() < sp + 4) return false;
  out->status = std::atoi(std::string(status_line.substr(sp + 1, 3)).c_str());
  if (line_end == std::string_view::npos) return out->status > 0;
  size_t pos = line_end + 2;
  while (pos < head.size()) {
    size_t end = head.find("\r\n", pos);
    if (end == std::string_view::npos) end = head.size();
    const std::string_view line = head.substr(pos, end - pos);
    const size_t colon = line.find(':');
    if (colon != std::string_view::npos) {
      std::string_view value = line.substr(colon + 1);
      while (!value.empty() && (value.front() == ' ' || value.front() == '\t'))
        value.remove_prefix(1);
      out->headers[lower(std::string(line.substr(0, colon)))] = std::string(value);
    }
    pos = end + 2;
  }
  return out->status > 0;
}

}  // namespace

HttpResult http_get(uint16_t port, std::string_view path, std::chrono::milliseconds timeout) {
  HttpResult result;
  const auto deadline = SteadyClock::now() + timeout;
  Socket sock;
  if (sock.fd() < 0) {
    result.error = errno_text("socket");
    return result;
  }
  const sockaddr_in addr = loopback_address(port);
  if (::connect(sock.fd(), reinterpret_cast<const sockaddr*>(&addr), sizeof addr) != 0) {
    if (errno != EINPROGRESS) {
      result.error = errno_text("connect");
      return result;
    }
    int so_error = 0;
    socklen_t len = sizeof so_error;
    if (!wait_ready(sock.fd(), POLLOUT, deadline)) {
      result.error = "connect: timed out";
      return result;
    }
    ::getsockopt(sock.fd(), SOL_SOCKET, SO_ERROR, &so_error, &len);
    if (so_error != 0) {
      result.error = std::string("connect: ") + std::strerror(so_error);
      return result;
    }
  }

  const std::string request = "GET " + std::string(path) +
                              " HTTP/1.1\r\nHost: 127.0.0.1:" + std::to_string(port) +
                              "\r\nConnection: close\r\n\r\n";
  for (size_t sent = 0; sent < request.size();) {
    const ssize_t n = ::send(sock.fd(), request.data() + sent, request.size() - sent, MSG_NOSIGNAL);
    if (n > 0) {
      sent += static_cast<size_t>(n);
    } else if (n < 0 && (errno == EAGAIN || errno == EINTR)) {
      if (!wait_ready(sock.fd(), POLLOUT, deadline)) {
        result.error = "send: timed out";
        return result;
      }
    } else {
      result.error = errno_text("send");
      return result;
    }
  }

  // Read until the body is complete (Content-Length) or the server closes.
  std::string data;
  std::array<char, 16384> buf;
  size_t head_end = std::string::npos;
  std::optional<size_t> content_length;
  while (true) {
    if (head_end == std::string::npos) {
      head_end = data.find("\r\n\r\n");
      if (head_end != std::string::npos) {
        if (!parse_head(std::string_view(data).substr(0, head_end), &result)) {
          result.status = 0;
          result.error = "malformed response head";
          return result;
        }
        if (auto it = result.headers.find("transfer-encoding"); it != result.headers.end()) {
          result.status = 0;
          result.error = "unsupported transfer-encoding: " + it->second;
          return result;
        }
        if (auto it = result.headers.find("content-length"); it != result.headers.end()) {
          content_length = std::strtoull(it->second.c_str(), nullptr, 10);
        }
      }
    }
    if (head_end != std::string::npos && content_length &&
        data.size() - (head_end + 4) >= *content_length) {
      break;
    }
    const ssize_t n = ::recv(sock.fd(), buf.data(), buf.size(), 0);
    if (n > 0) {
      data.append(buf.data(), static_cast<size_t>(n));
    } else if (n == 0) {
      break;
    } else if (errno == EAGAIN || errno == EINTR) {
      if (!wait_ready(sock.fd(), POLLIN, deadline)) {
        result.status = 0;
        result.error = "recv: timed out";
        return result;
      }
    } else {
      result.status = 0;
      result.error = errno_text("recv");
      return result;
    }
  }
  if (head_end == std::string::npos) {
    result.status = 0;
    result.error = "connection closed before a complete response head";
    return result;
  }
  result.body = data.substr(head_end + 4);
  if (content_length && result.body.size() != *content_length) {
    if (result.body.size() < *content_length) {
      result.status = 0;
      result.error = "connection closed before the whole body arrived";
      return result;
    }
    result.body.resize(*content_length);
  }
  return result;
}

}  // namespace mlobs::integration
