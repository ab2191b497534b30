// A failing component is not the end of the pipeline: a sink that fails to start is restarted
// (with backoff) and shows unhealthy until it recovers; a sink that fails a write permanently
// is restarted and its batch goes to the dead-letter output; a sink that asks to retry gets
// the same batch again. In every case each record ends up in exactly one place.
#include "support/admin_api.h"
#include "support/agent_log.h"
#include "support/agent_test.h"
#include "support/config_template.h"
#include "support/record_checks.h"
#include "support/text_files.h"
#include "support/wait_for.h"

#include <signal.h>

#include <string>
#include <string_view>

namespace mlobs::integration {
namespace {

// counting -> flaky; @flaky_keys@ chooses how the sink fails.
constexpr std::string_view kPipeline = R"(
sources:
  numbers: { type: counting, count: @count@ }
sinks:
  out: { type: flaky, inputs: [numbers], path: @out@, @flaky_keys@ }
)";

constexpr int kRecords = 2000;
constexpr int kBatch = 100;

class RestartWithBackoffTest : public AgentTest {
 protected:
  // counting (kRecords) -> flaky sink with `flaky_keys`.
  std::filesystem::path config_with(const std::string& flaky_keys) {
    const std::string pipeline =
        "  pipeline: { batch_max_records: " + std::to_string(kBatch) + " }\n";
    return write_config(agent_section(default_plugin_dirs(), pipeline) +
                        fill_template(kPipeline, {{"count", std::to_string(kRecords)},
                                                  {"out", quoted(out_)},
                                                  {"flaky_keys", flaky_keys}}));
  }

  std::optional<double> metric(uint16_t port, const char* name) const {
    return scrape_metric(port, name, {{"component", "out"}});
  }

  // Until the sink accepted `accepted` records and its check is ok again.
  ::testing::AssertionResult wait_recovered(uint16_t port, double accepted) const {
    std::optional<Readiness> ready;
    const bool ok = wait_for([&] {
      ready = get_readiness(port);
      return ready && ready->http_status == 200 && ready->checks["out"].status == "ok" &&
             metric(port, "mlobs_component_records_out_total") >= accepted;
    });
    if (!ok)
      return ::testing::AssertionFailure()
             << "never recovered: " << (ready ? ready->body : "no answer");
    const auto out = metric(port, "mlobs_component_records_out_total");
    if (out != accepted) {
      return ::testing::AssertionFailure()
             << "sink accepted " << out.value_or(-1) << ", wanted " << accepted;
    }
    return ::testing::AssertionSuccess();
  }

  static void stop_expecting_exit_zero(AgentProcess& agent) {
    ASSERT_TRUE(agent.send_signal(SIGTERM));
    const std::optional<int> code = agent.wait_exit(kDeadline);
    ASSERT_TRUE(code) << agent.describe();
    EXPECT_EQ(*code, 0) << agent.describe();
  }

  std::filesystem::path out_ = tmp_ / "out.jsonl";
};

TEST_F(RestartWithBackoffTest, SinkThatCannotStartIsUnhealthyAndRestartedUntilItRecovers) {
  const std::filesystem::path healed = tmp_ / "healed";
  const auto config = config_with("start_fails_until: " + quoted(healed));
  auto agent = start_agent({"run", "--config", config.string()});
  const auto port = wait_for_admin_port(*agent);
  ASSERT_TRUE(port) << agent->describe();

  // While it keeps failing: not ready, the sink's check says why, and it is being restarted.
  std::optional<Readiness> ready;
  ASSERT_TRUE(wait_for([&] {
    ready = get_readiness(*port);
    return ready && ready->checks["out"].status == "unhealthy";
  })) << (ready ? ready->body : "no answer")
      << "\n"
      << agent->describe();
  EXPECT_EQ(ready->http_status, 503) << ready->body;
  EXPECT_NE(ready->checks["out"].detail.find("injected start failure"), std::string::npos)
      << ready->body;
  ASSERT_TRUE(wait_for([&] { return metric(*port, "mlobs_component_restarts_total") >= 1; }))
      << agent->describe();
  EXPECT_GE(metric(*port, "mlobs_plugin_errors_total"), 1);
  EXPECT_EQ(metric(*port, "mlobs_component_records_out_total"), 0);
  EXPECT_TRUE(agent->wait_for_stderr_line(
      [](std::string_view l) {
        return log_line_is(l, "component failed to start", "component", "out");
      },
      kDeadline))
      << agent->describe();

  write_file(healed, "");
  EXPECT_TRUE(wait_recovered(*port, kRecords)) << agent->describe();
  stop_expecting_exit_zero(*agent);
  // Nothing was lost while the sink was down: the source waited for it.
  const IntColumn n = read_int_column(out_, "body.n");
  EXPECT_TRUE(n.problems.empty()) << n.problems.front();
  EXPECT_TRUE(each_exactly_once(n.values, 0, kRecords));
}

TEST_F(RestartWithBackoffTest, EachFailedStartIsOneRestart) {
  auto agent = start_agent({"run", "--config", config_with("fail_starts: 2").string()});
  const auto port = wait_for_admin_port(*agent);
  ASSERT_TRUE(port) << agent->describe();
  ASSERT_TRUE(wait_recovered(*port, kRecords)) << agent->describe();
  // Two failed starts: two restarts (each after a backoff), two plugin errors, two log lines.
  EXPECT_EQ(metric(*port, "mlobs_component_restarts_total"), 2);
  EXPECT_EQ(metric(*port, "mlobs_plugin_errors_total"), 2);
  stop_expecting_exit_zero(*agent);
  const IntColumn n = read_int_column(out_, "body.n");
  EXPECT_TRUE(each_exactly_once(n.values, 0, kRecords));
  std::size_t failed_start_lines = 0;
  for (const auto& line : agent->stderr_lines()) {
    failed_start_lines += log_line_is(line, "component failed to start", "component", "out");
  }
  EXPECT_EQ(failed_start_lines, 2u) << agent->describe();
}

TEST_F(RestartWithBackoffTest, PermanentWriteFailureRestartsTheSinkAndDeadLettersTheBatch) {
  auto agent = start_agent({"run", "--config", config_with("fail_writes: 1").string()});
  const auto port = wait_for_admin_port(*agent);
  ASSERT_TRUE(port) << agent->describe();

  ASSERT_TRUE(wait_for([&] { return metric(*port, "mlobs_component_restarts_total") >= 1; }))
      << agent->describe();
  EXPECT_EQ(scrape_metric(*port, "mlobs_records_rejected_total",
                          {{"component", "out"}, {"reason", "sink_rejected"}}),
            kBatch);
  EXPECT_TRUE(wait_recovered(*port, kRecords - kBatch)) << agent->describe();
  EXPECT_EQ(metric(*port, "mlobs_component_restarts_total"), 1);
  stop_expecting_exit_zero(*agent);

  // The rejected batch is in the dead-letter output, the rest in the sink: each record once.
  const IntColumn sunk = read_int_column(out_, "body.n");
  const IntColumn rejected = read_int_column(data_dir() / "dead_letter.jsonl", "record.body.n");
  EXPECT_TRUE(sunk.problems.empty()) << sunk.problems.front();
  EXPECT_TRUE(rejected.problems.empty()) << rejected.problems.front();
  EXPECT_EQ(rejected.values.size(), static_cast<size_t>(kBatch));
  std::vector<int64_t> all = sunk.values;
  all.insert(all.end(), rejected.values.begin(), rejected.values.end());
  EXPECT_TRUE(each_exactly_once(all, 0, kRecords));
}

TEST_F(RestartWithBackoffTest, RetryLaterFailuresAreRetriedWithoutLoss) {
  auto agent = start_agent(
      {"run", "--config", config_with("fail_writes: 3, failure: unavailable").string()});
  const auto port = wait_for_admin_port(*agent);
  ASSERT_TRUE(port) << agent->describe();

  ASSERT_TRUE(wait_for([&] { return metric(*port, "mlobs_sink_retries_total") >= 3; }))
      << agent->describe();
  EXPECT_EQ(metric(*port, "mlobs_sink_retries_total"), 3);
  EXPECT_TRUE(wait_recovered(*port, kRecords)) << agent->describe();
  EXPECT_EQ(metric(*port, "mlobs_component_restarts_total"), 0) << "retry-later must not restart";
  EXPECT_EQ(metric(*port, "mlobs_sink_retries_total"), 3);
  stop_expecting_exit_zero(*agent);

  const IntColumn n = read_int_column(out_, "body.n");
  EXPECT_TRUE(n.problems.empty()) << n.problems.front();
  EXPECT_TRUE(each_exactly_once(n.values, 0, kRecords));
  EXPECT_TRUE(read_lines(data_dir() / "dead_letter.jsonl").empty());
}

}  // namespace
}  // namespace mlobs::integration
