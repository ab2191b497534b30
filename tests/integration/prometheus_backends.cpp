#include "prometheus_backends.h"

#include "support/text_files.h"
#include "support/loopback.h"
#include "support/wait_for.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <stdexcept>

namespace mlobs::integration {
namespace {

class Fd {
 public:
  explicit Fd(int fd) : fd_(fd) {}
  ~Fd() {
    if (fd_ >= 0) ::close(fd_);
  }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  int get() const { return fd_; }

 private:
  int fd_;
};

}  // namespace

uint16_t free_loopback_port() {
  Fd sock(::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0));
  sockaddr_in addr = loopback_address(0);
  socklen_t len = sizeof addr;
  if (sock.get() < 0 || ::bind(sock.get(), reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
      ::getsockname(sock.get(), reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
    throw std::runtime_error(std::string("cannot find a free port: ") + std::strerror(errno));
  }
  return ntohs(addr.sin_port);
}

std::optional<std::string> find_executable(std::string_view name) {
  std::string path = "/usr/bin:/usr/sbin";
  if (const char* env = std::getenv("PATH")) path = std::string(env) + ":" + path;
  size_t start = 0;
  while (start <= path.size()) {
    const size_t colon = std::min(path.find(':', start), path.size());
    const std::string dir = path.substr(start, colon - start);
    start = colon + 1;
    if (dir.empty()) continue;
    const std::string candidate = dir + "/" + std::string(name);
    if (::access(candidate.c_str(), X_OK) == 0) return candidate;
  }
  return std::nullopt;
}

SimpleResponse http10_get(uint16_t port, std::string_view path, std::chrono::milliseconds timeout) {
  SimpleResponse out;
  Fd sock(::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0));
  timeval tv{};
  tv.tv_sec = static_cast<time_t>(timeout.count() / 1000);
  tv.tv_usec = static_cast<suseconds_t>((timeout.count() % 1000) * 1000);
  ::setsockopt(sock.get(), SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  ::setsockopt(sock.get(), SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
  sockaddr_in addr = loopback_address(port);
  if (::connect(sock.get(), reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    out.error = std::string("connect: ") + std::strerror(errno);
    return out;
  }
  const std::string request = "GET " + std::string(path) +
                              " HTTP/1.0\r\nHost: 127.0.0.1:" + std::to_string(port) + "\r\n\r\n";
  if (::send(sock.get(), request.data(), request.size(), MSG_NOSIGNAL) !=
      static_cast<ssize_t>(request.size())) {
    out.error = std::string("send: ") + std::strerror(errno);
    return out;
  }
  std::string data;
  std::array<char, 16384> buf;
  while (true) {
    const ssize_t n = ::recv(sock.get(), buf.data(), buf.size(), 0);
    if (n > 0) {
      data.append(buf.data(), static_cast<size_t>(n));
    } else if (n == 0) {
      break;
    } else if (errno != EINTR) {
      out.error = std::string("recv: ") + std::strerror(errno);
      return out;
    }
  }
  const size_t head_end = data.find("\r\n\r\n");
  // "HTTP/1.x NNN ..."
  if (head_end == std::string::npos || data.size() < 12 || data.compare(0, 5, "HTTP/") != 0) {
    out.error = "no complete HTTP response";
    return out;
  }
  out.status = std::atoi(data.c_str() + 9);
  out.body = data.substr(head_end + 4);
  return out;
}

BackendServer::BackendServer(const std::string& binary, std::vector<std::string> args,
                             uint16_t port)
    : BackendServer(ProcessOptions{binary, std::move(args), {}, {}}, port, "/-/ready") {}

BackendServer::BackendServer(ProcessOptions options, uint16_t port, std::string_view ready_path)
    : port_(port) {
  const std::string binary = options.binary;
  process_ = std::make_unique<AgentProcess>(std::move(options));
  // Bounded: a broken install can make every request fail, the readiness check included.
  const bool ready = wait_for([&] {
    return http10_get(port_, ready_path, std::chrono::milliseconds(1000)).status == 200 ||
           process_->wait_exit(std::chrono::milliseconds(0)).has_value();
  });
  if (!ready || process_->wait_exit(std::chrono::milliseconds(0)).has_value()) {
    const std::string what = process_->describe();
    stop();
    throw std::runtime_error(
        binary + " did not become ready on 127.0.0.1:" + std::to_string(port_) + "\n" + what);
  }
}

BackendServer::~BackendServer() { stop(); }

void BackendServer::stop() {
  if (!process_) return;
  process_->send_signal(SIGTERM);
  if (!process_->wait_exit(std::chrono::seconds(10))) {
    process_->send_signal(SIGKILL);
    process_->wait_exit(std::chrono::seconds(5));
  }
  process_.reset();  // reaps (and kills) whatever is left
}

std::unique_ptr<BackendServer> start_prometheus(const std::string& binary,
                                                const std::filesystem::path& dir,
                                                const std::string& target) {
  const std::filesystem::path config = dir / "prometheus.yml";
  write_file(config,
             "global: { scrape_interval: 1s, evaluation_interval: 1s }\n"
             "scrape_configs:\n"
             "  - job_name: mlobs_agent\n"
             "    static_configs: [{ targets: ['" +
                 target + "'] }]\n");
  const uint16_t port = free_loopback_port();
  return std::make_unique<BackendServer>(
      binary,
      std::vector<std::string>{"--config.file=" + config.string(),
                               "--storage.tsdb.path=" + (dir / "data").string(),
                               "--web.listen-address=127.0.0.1:" + std::to_string(port)},
      port);
}

std::unique_ptr<BackendServer> start_pushgateway(const std::string& binary) {
  const uint16_t port = free_loopback_port();
  return std::make_unique<BackendServer>(
      binary,
      std::vector<std::string>{"--web.listen-address=127.0.0.1:" + std::to_string(port),
                               "--persistence.file="},
      port);
}

}  // namespace mlobs::integration
