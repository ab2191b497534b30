#include "http/admin_server.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <mutex>
#include <stdexcept>

namespace mlobs::agent {
namespace {

using ::testing::HasSubstr;
using ::testing::StartsWith;
using Clock = std::chrono::steady_clock;

constexpr auto kClientTimeout = std::chrono::seconds(10);

// A blocking test client on a real socket.
class Client {
 public:
  explicit Client(uint16_t port) {
    fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(port);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    connected_ =
        fd_ >= 0 && ::connect(fd_, reinterpret_cast<const sockaddr*>(&addr), sizeof(addr)) == 0;
  }
  ~Client() {
    if (fd_ >= 0) ::close(fd_);
  }
  Client(const Client&) = delete;
  Client& operator=(const Client&) = delete;

  bool connected() const { return connected_; }

  bool send(std::string_view data) {
    while (!data.empty()) {
      const ssize_t n = ::send(fd_, data.data(), data.size(), MSG_NOSIGNAL);
      if (n <= 0) return false;
      data.remove_prefix(static_cast<size_t>(n));
    }
    return true;
  }

  // Reads until `done` holds for what arrived, the peer closes, or the deadline passes.
  template <class Pred>
  std::string read_until(Pred done) {
    const auto deadline = Clock::now() + kClientTimeout;
    while (!done(buf_)) {
      const auto left =
          std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
      if (left.count() <= 0) break;
      pollfd p{fd_, POLLIN, 0};
      if (::poll(&p, 1, static_cast<int>(left.count())) <= 0) break;
      char chunk[4096];
      const ssize_t n = ::recv(fd_, chunk, sizeof(chunk), 0);
      if (n <= 0) {
        // A reset also means the server closed (it may come with unread input).
        eof_ = n == 0 || errno == ECONNRESET;
        break;
      }
      buf_.append(chunk, static_cast<size_t>(n));
    }
    return buf_;
  }
  std::string read_all() {
    return read_until([](const std::string&) { return false; });
  }
  bool eof() const { return eof_; }

 private:
  int fd_ = -1;
  bool connected_ = false;
  bool eof_ = false;
  std::string buf_;
};

struct Response {
  int status = 0;
  std::string head;
  std::string body;
};

Response parse_response(const std::string& raw) {
  Response r;
  const size_t end = raw.find("\r\n\r\n");
  if (raw.size() < 12 || end == std::string::npos) return r;
  r.status = std::stoi(raw.substr(9, 3));
  r.head = raw.substr(0, end + 2);
  r.body = raw.substr(end + 4);
  return r;
}

Response exchange(uint16_t port, std::string_view request) {
  Client c(port);
  EXPECT_TRUE(c.connected());
  EXPECT_TRUE(c.send(request));
  std::string raw = c.read_all();
  EXPECT_TRUE(c.eof()) << "server did not close the connection";
  return parse_response(raw);
}

class AdminServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    server_.route("GET", "/hello", [](const HttpRequest&) {
      HttpResponse r;
      r.content_type = "text/plain";
      r.body = "hello world";
      r.headers["X-Custom"] = "yes";
      return r;
    });
    server_.route("POST", "/echo", [this](const HttpRequest& req) {
      std::lock_guard<std::mutex> lock(mu_);
      last_ = req;
      HttpResponse r;
      r.status = 201;
      r.body = req.body;
      return r;
    });
    server_.route("GET", "/throws",
                  [](const HttpRequest&) -> HttpResponse { throw std::runtime_error("boom"); });
    Status s = server_.start("127.0.0.1:0");
    ASSERT_TRUE(s.ok()) << s.message();
    ASSERT_NE(server_.port(), 0);
  }

  HttpRequest last() {
    std::lock_guard<std::mutex> lock(mu_);
    return last_;
  }

  AdminServer server_;
  std::mutex mu_;
  HttpRequest last_;  // written by a worker thread
};

TEST_F(AdminServerTest, GetReturnsTheHandlersResponse) {
  Response r = exchange(server_.port(), "GET /hello HTTP/1.1\r\nHost: x\r\n\r\n");
  EXPECT_EQ(r.status, 200);
  EXPECT_THAT(r.head, StartsWith("HTTP/1.1 200 OK\r\n"));
  EXPECT_THAT(r.head, HasSubstr("Content-Type: text/plain\r\n"));
  EXPECT_THAT(r.head, HasSubstr("Content-Length: 11\r\n"));
  EXPECT_THAT(r.head, HasSubstr("Connection: close\r\n"));
  EXPECT_THAT(r.head, HasSubstr("X-Custom: yes\r\n"));
  EXPECT_EQ(r.body, "hello world");
}

TEST_F(AdminServerTest, UnknownPathIs404Json) {
  Response r = exchange(server_.port(), "GET /nope HTTP/1.1\r\n\r\n");
  EXPECT_EQ(r.status, 404);
  EXPECT_THAT(r.head, HasSubstr("Content-Type: application/json\r\n"));
  EXPECT_EQ(r.body, "{\"error\":\"not found\"}");
}

TEST_F(AdminServerTest, KnownPathWithWrongMethodIs405) {
  Response r = exchange(server_.port(), "DELETE /hello HTTP/1.1\r\n\r\n");
  EXPECT_EQ(r.status, 405);
  EXPECT_THAT(r.head, HasSubstr("Allow: GET\r\n"));
  EXPECT_EQ(r.body, "{\"error\":\"method not allowed\"}");
  EXPECT_EQ(exchange(server_.port(), "GET /echo HTTP/1.1\r\n\r\n").status, 405);
}

TEST_F(AdminServerTest, PostWithBodyQueryAndHeaders) {
  const std::string body = "{\"a\":1}";
  Response r = exchange(server_.port(),
                        "POST /echo?x=1&y=%20 HTTP/1.1\r\nHost: localhost\r\n"
                        "Content-Type: application/json\r\nX-Mixed-Case:   padded  \r\n"
                        "Content-Length: " +
                            std::to_string(body.size()) + "\r\n\r\n" + body);
  EXPECT_EQ(r.status, 201);
  EXPECT_THAT(r.head, StartsWith("HTTP/1.1 201 Created\r\n"));
  EXPECT_EQ(r.body, body);
  HttpRequest req = last();
  EXPECT_EQ(req.method, "POST");
  EXPECT_EQ(req.path, "/echo");
  EXPECT_EQ(req.query, "x=1&y=%20");
  EXPECT_EQ(req.body, body);
  EXPECT_EQ(req.headers["x-mixed-case"], "padded");
  EXPECT_EQ(req.headers["content-type"], "application/json");
  EXPECT_EQ(req.headers.count("Content-Type"), 0u);
}

TEST_F(AdminServerTest, BodyArrivingInPiecesIsReassembled) {
  Client c(server_.port());
  ASSERT_TRUE(c.connected());
  ASSERT_TRUE(c.send("POST /echo HTTP/1.1\r\nContent-Le"));
  ASSERT_TRUE(c.send("ngth: 10\r\n\r"));
  ASSERT_TRUE(c.send("\n01234"));
  ASSERT_TRUE(c.send("56789"));
  Response r = parse_response(c.read_all());
  EXPECT_EQ(r.status, 201);
  EXPECT_EQ(r.body, "0123456789");
}

TEST_F(AdminServerTest, ExpectContinueGetsAnInterimResponse) {
  Client c(server_.port());
  ASSERT_TRUE(c.connected());
  ASSERT_TRUE(c.send("POST /echo HTTP/1.1\r\nContent-Length: 4\r\nExpect: 100-continue\r\n\r\n"));
  const std::string interim =
      c.read_until([](const std::string& b) { return b.find("\r\n\r\n") != std::string::npos; });
  EXPECT_EQ(interim, "HTTP/1.1 100 Continue\r\n\r\n");
  ASSERT_TRUE(c.send("ping"));
  const std::string all = c.read_all();
  Response r = parse_response(all.substr(interim.size()));
  EXPECT_EQ(r.status, 201);
  EXPECT_EQ(r.body, "ping");
}

TEST_F(AdminServerTest, BodyOverOneMebibyteIs413) {
  Client c(server_.port());
  ASSERT_TRUE(c.connected());
  ASSERT_TRUE(c.send("POST /echo HTTP/1.1\r\nContent-Length: 1048577\r\n\r\nsome"));
  Response r = parse_response(c.read_all());
  EXPECT_EQ(r.status, 413);
  EXPECT_THAT(r.body, HasSubstr("\"error\""));
  // Exactly 1 MiB is accepted.
  const std::string mib(1024 * 1024, 'z');
  Response ok =
      exchange(server_.port(), "POST /echo HTTP/1.1\r\nContent-Length: 1048576\r\n\r\n" + mib);
  EXPECT_EQ(ok.status, 201);
  EXPECT_EQ(ok.body.size(), mib.size());
}

TEST_F(AdminServerTest, MalformedRequestsAre400) {
  EXPECT_EQ(exchange(server_.port(), "garbage\r\n\r\n").status, 400);
  EXPECT_EQ(exchange(server_.port(), "GET /hello\r\n\r\n").status, 400);
  EXPECT_EQ(exchange(server_.port(), "GET hello HTTP/1.1\r\n\r\n").status, 400);
  EXPECT_EQ(exchange(server_.port(), "GET /hello HTTP/1.1\r\nNoColon\r\n\r\n").status, 400);
  EXPECT_EQ(exchange(server_.port(), "GET /hello HTTP/1.1\r\nBad Name: x\r\n\r\n").status, 400);
  EXPECT_EQ(exchange(server_.port(), "POST /echo HTTP/1.1\r\nContent-Length: -1\r\n\r\n").status,
            400);
  EXPECT_EQ(exchange(server_.port(),
                     "POST /echo HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab")
                .status,
            400);
  EXPECT_EQ(exchange(server_.port(), "GET /hello HTTP/2.0\r\n\r\n").status, 505);
  EXPECT_EQ(
      exchange(server_.port(), "POST /echo HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n")
          .status,
      501);
}

TEST_F(AdminServerTest, OversizedHeaderIs431) {
  Response r = exchange(server_.port(),
                        "GET /hello HTTP/1.1\r\nX-Big: " + std::string(20000, 'h') + "\r\n\r\n");
  EXPECT_EQ(r.status, 431);
}

TEST_F(AdminServerTest, HeadAndBareLineFeedsAndAbsoluteForm) {
  Response head = exchange(server_.port(), "HEAD /hello HTTP/1.1\r\n\r\n");
  EXPECT_EQ(head.status, 200);
  EXPECT_THAT(head.head, HasSubstr("Content-Length: 11\r\n"));
  EXPECT_EQ(head.body, "");
  EXPECT_EQ(exchange(server_.port(), "GET /hello HTTP/1.0\n\n").body, "hello world");
  EXPECT_EQ(exchange(server_.port(), "GET http://127.0.0.1/hello HTTP/1.1\r\n\r\n").body,
            "hello world");
}

TEST_F(AdminServerTest, HandlerExceptionIs500) {
  Response r = exchange(server_.port(), "GET /throws HTTP/1.1\r\n\r\n");
  EXPECT_EQ(r.status, 500);
  // The server keeps serving.
  EXPECT_EQ(exchange(server_.port(), "GET /hello HTTP/1.1\r\n\r\n").status, 200);
}

TEST_F(AdminServerTest, ClientClosingEarlyDoesNotHurtTheServer) {
  {
    Client c(server_.port());
    ASSERT_TRUE(c.connected());
    ASSERT_TRUE(c.send("POST /echo HTTP/1.1\r\nContent-Length: 100\r\n\r\nonly part"));
  }
  EXPECT_EQ(exchange(server_.port(), "GET /hello HTTP/1.1\r\n\r\n").status, 200);
}

TEST_F(AdminServerTest, SlowClientsDoNotBlockOthers) {
  // Idle connections occupy workers; requests from others are still answered.
  Client idle1(server_.port());
  Client idle2(server_.port());
  ASSERT_TRUE(idle1.send("GET /hel"));
  ASSERT_TRUE(idle2.connected());
  const auto start = Clock::now();
  EXPECT_EQ(exchange(server_.port(), "GET /hello HTTP/1.1\r\n\r\n").status, 200);
  EXPECT_LT(Clock::now() - start, std::chrono::seconds(4));  // well under the I/O timeout
}

TEST_F(AdminServerTest, StopReturnsPromptlyEvenWithAnIdleClient) {
  Client idle(server_.port());
  ASSERT_TRUE(idle.connected());
  ASSERT_TRUE(idle.send("GET /hello HTTP/1.1\r\n"));  // never finishes the header
  // A later connection's full exchange means the server has accepted the idle one too.
  EXPECT_EQ(exchange(server_.port(), "GET /hello HTTP/1.1\r\n\r\n").status, 200);
  const auto start = Clock::now();
  server_.stop();
  EXPECT_LT(Clock::now() - start, std::chrono::seconds(2));  // the I/O timeout is 5 s
  // Closed: the idle client sees the connection end and new connections are refused.
  idle.read_all();
  EXPECT_TRUE(idle.eof());
  Client after(server_.port());
  EXPECT_FALSE(after.connected());
  server_.stop();  // idempotent
}

TEST_F(AdminServerTest, StartTwiceIsAnError) {
  Status s = server_.start("127.0.0.1:0");
  EXPECT_FALSE(s.ok());
  EXPECT_EQ(s.code(), MLOBS_FAILED_PRECONDITION);
}

TEST_F(AdminServerTest, RestartsAfterStop) {
  server_.stop();
  Status s = server_.start("127.0.0.1:0");
  ASSERT_TRUE(s.ok()) << s.message();
  EXPECT_EQ(exchange(server_.port(), "GET /hello HTTP/1.1\r\n\r\n").status, 200);
}

TEST(AdminServerBindTest, PortConflictNamesTheAddress) {
  AdminServer first;
  ASSERT_TRUE(first.start("127.0.0.1:0").ok());
  const std::string addr = "127.0.0.1:" + std::to_string(first.port());
  AdminServer second;
  Status s = second.start(addr);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.code(), MLOBS_UNAVAILABLE);
  EXPECT_THAT(s.message(), HasSubstr(addr));
  EXPECT_THAT(s.message(), HasSubstr("address already in use"));
  second.stop();  // safe after a failed start
}

TEST(AdminServerBindTest, LocalhostIsAccepted) {
  AdminServer server;
  server.route("GET", "/x", [](const HttpRequest&) { return HttpResponse{}; });
  Status s = server.start("localhost:0");
  ASSERT_TRUE(s.ok()) << s.message();
  EXPECT_EQ(exchange(server.port(), "GET /x HTTP/1.1\r\n\r\n").status, 200);
}

TEST(AdminServerBindTest, BadListenAddresses) {
  for (const char* bad : {"", "9464", ":9464", "127.0.0.1:", "127.0.0.1:70000", "127.0.0.1:9x",
                          "example.invalid:80", "[::1]:80", "::1:80"}) {
    AdminServer server;
    Status s = server.start(bad);
    EXPECT_EQ(s.code(), MLOBS_INVALID_ARGUMENT) << bad;
    EXPECT_THAT(s.message(), HasSubstr(bad)) << bad;
  }
}

TEST(AdminServerBindTest, StopWithoutStartIsFine) {
  AdminServer server;
  server.stop();
  server.stop();
}

}  // namespace
}  // namespace mlobs::agent
