// /v1/health/ready answers 503 until every component started, with one check per component
// saying which one is still starting; /v1/health/live answers 200 all along (the process is
// up). The sink's start() is held on a gate the test opens, so "before" is not a race.
#include "support/admin_api.h"
#include "support/agent_test.h"
#include "support/config_template.h"
#include "support/http_client.h"
#include "support/text_files.h"
#include "support/wait_for.h"

#include <signal.h>

#include <string>
#include <string_view>

namespace mlobs::integration {
namespace {

// counting -> flaky, whose start() waits for the gate file.
constexpr std::string_view kPipeline = R"(
sources:
  numbers: { type: counting, count: 10 }
sinks:
  out: { type: flaky, inputs: [numbers], path: @out@, start_gate: @gate@ }
)";

class HealthReadyTest : public AgentTest {};

TEST_F(HealthReadyTest, NotReadyUntilEveryComponentStarted) {
  const std::filesystem::path gate = tmp_ / "gate";
  const auto config =
      write_config(agent_section() + fill_template(kPipeline, {{"out", quoted(tmp_ / "out.jsonl")},
                                                               {"gate", quoted(gate)}}));
  auto agent = start_agent({"run", "--config", config.string()});
  const auto port = wait_for_admin_port(*agent);
  ASSERT_TRUE(port) << agent->describe();

  std::optional<Readiness> ready = get_readiness(*port);
  ASSERT_TRUE(ready) << agent->describe();
  EXPECT_EQ(ready->http_status, 503) << ready->body;
  EXPECT_NE(ready->status, "ok") << ready->body;
  ASSERT_TRUE(ready->checks.count("out")) << ready->body;
  EXPECT_EQ(ready->checks["out"].status, "starting") << ready->body;
  EXPECT_EQ(http_get(*port, "/v1/health/live").status, 200);
  EXPECT_EQ(scrape_metric(*port, "mlobs_component_records_out_total", {{"component", "out"}}), 0);

  write_file(gate, "");
  ASSERT_TRUE(wait_for([&] {
    ready = get_readiness(*port);
    return ready && ready->http_status == 200;
  })) << (ready ? ready->body : "no answer")
      << "\n"
      << agent->describe();
  EXPECT_EQ(ready->status, "ok") << ready->body;
  EXPECT_EQ(ready->checks["numbers"].status, "ok") << ready->body;
  EXPECT_EQ(ready->checks["out"].status, "ok") << ready->body;
  EXPECT_TRUE(wait_for([&] {
    return scrape_metric(*port, "mlobs_component_records_out_total", {{"component", "out"}}) == 10;
  })) << agent->describe();

  ASSERT_TRUE(agent->send_signal(SIGTERM));
  EXPECT_EQ(agent->wait_exit(kDeadline), 0) << agent->describe();
}

}  // namespace
}  // namespace mlobs::integration
