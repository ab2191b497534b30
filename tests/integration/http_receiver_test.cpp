// The test HTTP receiver, driven by a raw socket client, so what is checked is the bytes on the
// wire: keep-alive, gzip and chunked request bodies, 100-continue, and stop/start on one port.
#include "support/http_receiver.h"
#include "support/loopback.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>
#include <zlib.h>

#include <gtest/gtest.h>

#include <cerrno>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>

namespace mlobs::integration {
namespace {

// A connected client socket, closed with the object.
class RawClient {
 public:
  explicit RawClient(uint16_t port) : fd_(::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0)) {
    timeval tv{5, 0};  // a broken receiver fails the test instead of hanging it
    ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    const sockaddr_in addr = loopback_address(port);
    connected_ = ::connect(fd_, reinterpret_cast<const sockaddr*>(&addr), sizeof addr) == 0;
    connect_errno_ = connected_ ? 0 : errno;
  }
  ~RawClient() { ::close(fd_); }
  RawClient(const RawClient&) = delete;
  RawClient& operator=(const RawClient&) = delete;

  bool connected() const { return connected_; }
  int connect_errno() const { return connect_errno_; }

  bool send(std::string_view data) {
    return ::send(fd_, data.data(), data.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(data.size());
  }

  // The head of the next response ("HTTP/1.1 200 OK\r\n...") up to the blank line.
  std::optional<std::string> read_head() {
    while (buffer_.find("\r\n\r\n") == std::string::npos) {
      if (!fill()) return std::nullopt;
    }
    const size_t end = buffer_.find("\r\n\r\n");
    std::string head = buffer_.substr(0, end);
    buffer_.erase(0, end + 4);
    return head;
  }

  // The status code and Content-Length body of the next response.
  std::optional<std::pair<int, std::string>> read_response() {
    std::optional<std::string> head = read_head();
    if (!head) return std::nullopt;
    const int status = std::atoi(head->substr(9, 3).c_str());
    size_t length = 0;
    const size_t at = head->find("Content-Length: ");
    if (at != std::string::npos) length = std::strtoul(head->c_str() + at + 16, nullptr, 10);
    while (buffer_.size() < length) {
      if (!fill()) return std::nullopt;
    }
    std::string body = buffer_.substr(0, length);
    buffer_.erase(0, length);
    return std::make_pair(status, body);
  }

  // True when the server closed the connection (a read sees end of stream).
  bool closed_by_peer() {
    char c;
    return ::recv(fd_, &c, 1, 0) == 0;
  }

 private:
  bool fill() {
    char chunk[4096];
    const ssize_t n = ::recv(fd_, chunk, sizeof chunk, 0);
    if (n <= 0) return false;
    buffer_.append(chunk, static_cast<size_t>(n));
    return true;
  }

  int fd_;
  bool connected_ = false;
  int connect_errno_ = 0;
  std::string buffer_;
};

std::string gzip(std::string_view data) {
  z_stream z{};
  EXPECT_EQ(deflateInit2(&z, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 16 + MAX_WBITS, 8,
                         Z_DEFAULT_STRATEGY),
            Z_OK);
  std::string out(deflateBound(&z, static_cast<uLong>(data.size())), '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  z.avail_in = static_cast<uInt>(data.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  EXPECT_EQ(deflate(&z, Z_FINISH), Z_STREAM_END);
  out.resize(z.total_out);
  deflateEnd(&z);
  return out;
}

std::string post(std::string_view target, std::string_view body, std::string_view extra = {}) {
  return "POST " + std::string(target) + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + std::string(extra) +
         "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + std::string(body);
}

TEST(HttpReceiverTest, AnswersTwoRequestsOnOneKeepAliveConnection) {
  HttpReceiver receiver([](const ReceivedRequest& r) {
    return Reply{r.target == "/second" ? 201 : 200, {{"X-Seen", r.method}}, "got " + r.body};
  });
  receiver.start();
  RawClient client(receiver.port());
  ASSERT_TRUE(client.connected());

  ASSERT_TRUE(client.send(post("/first", "one", "Content-Type: application/json\r\n")));
  auto first = client.read_response();
  ASSERT_TRUE(first);
  EXPECT_EQ(first->first, 200);
  EXPECT_EQ(first->second, "got one");
  ASSERT_TRUE(client.send(post("/second", "two")));
  auto second = client.read_response();
  ASSERT_TRUE(second);
  EXPECT_EQ(second->first, 201);
  EXPECT_EQ(second->second, "got two");

  const std::vector<ReceivedRequest> got = receiver.requests();
  ASSERT_EQ(got.size(), 2u);
  EXPECT_EQ(got[0].method, "POST");
  EXPECT_EQ(got[0].target, "/first");
  EXPECT_EQ(got[0].headers.at("content-type"), "application/json");
  EXPECT_EQ(got[0].headers.at("host"), "127.0.0.1");
  EXPECT_EQ(got[0].body, "one");
  EXPECT_FALSE(got[0].gzip);
  EXPECT_EQ(got[1].target, "/second");
  EXPECT_EQ(receiver.request_count(), 2u);
  receiver.clear();
  EXPECT_EQ(receiver.request_count(), 0u);
}

TEST(HttpReceiverTest, EmptyResponderAnswers200WithEmptyObject) {
  HttpReceiver receiver;
  receiver.start();
  EXPECT_EQ(receiver.url(), "http://127.0.0.1:" + std::to_string(receiver.port()));
  RawClient client(receiver.port());
  ASSERT_TRUE(client.send("GET /health HTTP/1.1\r\nHost: x\r\n\r\n"));
  auto response = client.read_response();
  ASSERT_TRUE(response);
  EXPECT_EQ(response->first, 200);
  EXPECT_EQ(response->second, "{}");
  EXPECT_EQ(receiver.requests().at(0).method, "GET");
  EXPECT_EQ(receiver.requests().at(0).body, "");
}

TEST(HttpReceiverTest, DecodesAGzipBody) {
  HttpReceiver receiver;
  receiver.start();
  const std::string json = R"({"eventType":"START","pad":")" + std::string(10000, 'x') + "\"}";
  RawClient client(receiver.port());
  ASSERT_TRUE(client.send(post("/api/v1/lineage", gzip(json), "Content-Encoding: gzip\r\n")));
  auto response = client.read_response();
  ASSERT_TRUE(response);
  EXPECT_EQ(response->first, 200);
  const ReceivedRequest got = receiver.requests().at(0);
  EXPECT_TRUE(got.gzip);
  EXPECT_EQ(got.body, json);
}

TEST(HttpReceiverTest, RefusesABodyThatIsNotGzipWhenItSaysSo) {
  HttpReceiver receiver;
  receiver.start();
  RawClient client(receiver.port());
  ASSERT_TRUE(client.send(post("/x", "plain", "Content-Encoding: gzip\r\n")));
  auto response = client.read_response();
  ASSERT_TRUE(response);
  EXPECT_EQ(response->first, 400);
  EXPECT_EQ(receiver.requests().at(0).body, "plain");
}

TEST(HttpReceiverTest, ReadsAChunkedBody) {
  HttpReceiver receiver;
  receiver.start();
  RawClient client(receiver.port());
  ASSERT_TRUE(client.send(
      "POST /chunks HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
      "5\r\nhello\r\n"
      "7;ext=1\r\n, world\r\n"
      "0\r\nX-Trailer: t\r\n\r\n"));
  auto response = client.read_response();
  ASSERT_TRUE(response);
  EXPECT_EQ(response->first, 200);
  EXPECT_EQ(receiver.requests().at(0).body, "hello, world");
  // The connection is still usable after the trailer.
  ASSERT_TRUE(client.send(post("/after", "ok")));
  ASSERT_TRUE(client.read_response());
  EXPECT_EQ(receiver.requests().at(1).body, "ok");
}

TEST(HttpReceiverTest, AnswersExpectContinueBeforeTheBody) {
  HttpReceiver receiver;
  receiver.start();
  RawClient client(receiver.port());
  ASSERT_TRUE(client.send(
      "POST /big HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 4\r\n\r\n"));
  std::optional<std::string> interim = client.read_head();
  ASSERT_TRUE(interim);
  EXPECT_EQ(*interim, "HTTP/1.1 100 Continue");
  ASSERT_TRUE(client.send("body"));
  auto response = client.read_response();
  ASSERT_TRUE(response);
  EXPECT_EQ(response->first, 200);
  EXPECT_EQ(receiver.requests().at(0).body, "body");
}

TEST(HttpReceiverTest, ClosesAfterConnectionClose) {
  HttpReceiver receiver;
  receiver.start();
  RawClient client(receiver.port());
  ASSERT_TRUE(client.send(post("/x", "", "Connection: close\r\n")));
  ASSERT_TRUE(client.read_response());
  EXPECT_TRUE(client.closed_by_peer());
}

TEST(HttpReceiverTest, RefusesAfterStopAndComesBackOnTheSamePort) {
  HttpReceiver receiver([](const ReceivedRequest&) { return Reply{503, {}, "down"}; });
  receiver.start();
  const uint16_t port = receiver.port();
  RawClient open_connection(port);  // a keep-alive connection stop() must close
  ASSERT_TRUE(open_connection.send(post("/x", "a")));
  auto response = open_connection.read_response();
  ASSERT_TRUE(response);
  EXPECT_EQ(response->first, 503);
  EXPECT_EQ(response->second, "down");

  receiver.stop();
  EXPECT_TRUE(open_connection.closed_by_peer());
  RawClient refused(port);
  EXPECT_FALSE(refused.connected());
  EXPECT_EQ(refused.connect_errno(), ECONNREFUSED);
  receiver.stop();  // idempotent

  receiver.set_responder({});
  receiver.start(port);
  EXPECT_EQ(receiver.port(), port);
  RawClient again(port);
  ASSERT_TRUE(again.connected());
  ASSERT_TRUE(again.send(post("/x", "b")));
  response = again.read_response();
  ASSERT_TRUE(response);
  EXPECT_EQ(response->first, 200);
  EXPECT_EQ(receiver.request_count(), 2u);  // requests survive a restart; clear() drops them
}

}  // namespace
}  // namespace mlobs::integration
