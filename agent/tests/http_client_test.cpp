#include "delivery/http_client.h"

#include <gtest/gtest.h>
#include <zlib.h>

#include <string>

namespace mlobs::agent {
namespace {

std::string gunzip(const std::string& data) {
  z_stream z{};
  EXPECT_EQ(inflateInit2(&z, 15 + 16), Z_OK);
  std::string out(1 << 16, '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  z.avail_in = static_cast<uInt>(data.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  EXPECT_EQ(inflate(&z, Z_FINISH), Z_STREAM_END);
  out.resize(z.total_out);
  inflateEnd(&z);
  return out;
}

TEST(HttpClient, GzipRoundTrips) {
  std::string body;
  for (int i = 0; i < 1000; ++i) body += R"({"eventType":"COMPLETE","n":)" + std::to_string(i) + "}\n";
  const std::string packed = gzip_compress(body);
  EXPECT_LT(packed.size(), body.size() / 5);
  EXPECT_EQ(static_cast<unsigned char>(packed[0]), 0x1f);  // the gzip magic
  EXPECT_EQ(gunzip(packed), body);
}

TEST(HttpClient, RetryAfterInSecondsOrAsADate) {
  const int64_t now = 1784000000;  // 2026-07-14T...Z
  EXPECT_EQ(parse_retry_after_ms("120", now), 120000);
  EXPECT_EQ(parse_retry_after_ms(" 0 ", now), 0);
  EXPECT_EQ(parse_retry_after_ms("Wed, 21 Oct 2015 07:28:00 GMT", now), 0);  // in the past
  EXPECT_EQ(parse_retry_after_ms("Wed, 21 Oct 2015 07:28:00 GMT", 1445412470), 10000);
  EXPECT_FALSE(parse_retry_after_ms("", now));
  EXPECT_FALSE(parse_retry_after_ms("soon", now));
}

TEST(HttpClient, NoServerMeansStatusZeroAndAReason) {
  HttpSettings settings;
  settings.timeout_ms = 2000;
  HttpClient client(settings);
  // Port 1 on loopback: nothing listens there without root.
  const HttpExchange x = client.send("POST", "http://127.0.0.1:1/x", {}, "{}");
  EXPECT_EQ(x.status, 0);
  EXPECT_FALSE(x.error.empty());
  EXPECT_EQ(x.request_id.size(), 32u);
}

TEST(HttpClient, HeadersThatWouldSplitARequestAreRefused) {
  HttpClient client(HttpSettings{});
  const HttpClient::Header bad[] = {{"X-Evil", "a\r\nHost: elsewhere"}};
  const HttpExchange x = client.send("POST", "http://127.0.0.1:1/x", bad, "{}");
  EXPECT_EQ(x.status, 0);
  EXPECT_NE(x.error.find("line break"), std::string::npos) << x.error;
}

}  // namespace
}  // namespace mlobs::agent
