// TLS verification is on by default: a sink cannot deliver to a server whose certificate it
// cannot verify (and says so on /v1/health/ready), and delivers once `http.tls.ca_file` names
// the certificate. The server is node's HTTPS server with a self-signed certificate made by
// openssl for 127.0.0.1.
#include "support/admin_api.h"
#include "support/agent_test.h"
#include "support/build_paths.h"
#include "support/node_runtime.h"
#include "support/config_template.h"
#include "prometheus_backends.h"
#include "support/text_files.h"
#include "support/wait_for.h"

#include <signal.h>

#include <fstream>
#include <string>

namespace mlobs::integration {
namespace {

constexpr std::string_view kPipeline = R"(
sources:
  app: { type: jsonl_file, paths: [@input@], kind: app_event, read_from: beginning }
sinks:
  backend:
    type: http
    inputs: [app]
    url: @url@
    retry: { initial_backoff: 50ms, max_backoff: 200ms }
    http: { timeout: 2s@tls@ }
)";

class TlsTest : public AgentTest {
 protected:
  void SetUp() override {
    const auto openssl = find_executable("openssl");
    const auto node = node_binary();
    if (!openssl || !node) GTEST_SKIP() << "needs openssl and node";
    cert_ = tmp_ / "cert.pem";
    const auto key = tmp_ / "key.pem";
    ProcessOptions make_cert_options;
    make_cert_options.binary = *openssl;
    make_cert_options.args = {"req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
                              "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
                              "-keyout", key.string(), "-out", cert_.string()};
    AgentProcess make_cert(make_cert_options);
    ASSERT_EQ(make_cert.wait_exit(kDeadline), 0) << make_cert.describe();
    ProcessOptions server_options;
    server_options.binary = *node;
    server_options.args = {std::string(kNodeDir) + "/tls_receiver.mjs", cert_.string(), key.string()};
    server_ = std::make_unique<AgentProcess>(server_options);
    ASSERT_TRUE(wait_for([&] { return server_->stdout_text().find("listening ") != std::string::npos; }))
        << server_->describe();
    const std::string out = server_->stdout_text();
    port_ = std::stoi(out.substr(out.find("listening ") + 10));
    write_file(tmp_ / "in.jsonl", "{\"n\":1}\n{\"n\":2}\n");
  }

  void TearDown() override {
    if (server_) {
      server_->send_signal(SIGTERM);
      server_->wait_exit(kDeadline);
    }
  }

  std::filesystem::path config(std::string_view tls) const {
    return write_config(agent_section() +
                        fill_template(kPipeline, {{"input", quoted(tmp_ / "in.jsonl")},
                                                  {"url", "https://127.0.0.1:" + std::to_string(port_) + "/in"},
                                                  {"tls", std::string(tls)}}));
  }

  size_t received() const {
    size_t n = 0;
    const std::string out = server_->stdout_text();
    for (size_t at = out.find("received "); at != std::string::npos; at = out.find("received ", at + 1)) ++n;
    return n;
  }

  std::filesystem::path cert_;
  std::unique_ptr<AgentProcess> server_;
  int port_ = 0;
};

TEST_F(TlsTest, AnUnverifiableCertificateIsRefusedAndSaidSo) {
  auto agent = start_agent({"run", "--config", config("").string()});
  const auto port = wait_for_admin_port(*agent);
  ASSERT_TRUE(port) << agent->describe();
  std::optional<Readiness> ready;
  ASSERT_TRUE(wait_for([&] {
    ready = get_readiness(*port);
    return ready && ready->checks["backend"].status == "degraded";
  })) << agent->describe();
  EXPECT_NE(ready->checks["backend"].detail.find("certificate"), std::string::npos)
      << ready->checks["backend"].detail;
  EXPECT_EQ(received(), 0u);
  EXPECT_EQ(scrape_metric(*port, "mlobs_component_records_out_total", {{"component", "backend"}}), 0);
}

TEST_F(TlsTest, TheConfiguredCaFileIsTrusted) {
  auto agent = start_agent(
      {"run", "--config", config(", tls: { ca_file: " + quoted(cert_) + " }").string()});
  const auto port = wait_for_admin_port(*agent);
  ASSERT_TRUE(port) << agent->describe();
  ASSERT_TRUE(wait_for([&] {
    return scrape_metric(*port, "mlobs_component_records_out_total", {{"component", "backend"}}) == 2;
  })) << agent->describe() << server_->describe();
  EXPECT_EQ(received(), 1u);  // one batch, one request
  ASSERT_TRUE(agent->send_signal(SIGTERM));
  EXPECT_EQ(agent->wait_exit(kDeadline), 0) << agent->describe();
}

}  // namespace
}  // namespace mlobs::integration
