// The agent as an operator runs it: started, ready, counting on /metrics, stopped with SIGTERM.
// Proves the whole path jsonl_file -> passthrough -> file delivers every record exactly once,
// the admin surface reports it, and SIGTERM drains and exits 0.
#include "support/admin_api.h"
#include "support/agent_log.h"
#include "support/agent_test.h"
#include "support/config_template.h"
#include "support/http_client.h"
#include "support/json_lines.h"
#include "support/record_checks.h"
#include "support/text_files.h"
#include "support/wait_for.h"

#include <signal.h>

#include <string>
#include <string_view>

namespace mlobs::integration {
namespace {

// jsonl_file -> passthrough -> file.
constexpr std::string_view kPipeline = R"(
sources:
  app:
    type: jsonl_file
    paths: [@inputs@]
    kind: app_event
    read_from: beginning
processors:
  pass: { type: passthrough, inputs: [app] }
sinks:
  out: { type: file, inputs: [pass], path: @out@ }
)";

constexpr int kFiles = 3;
constexpr int kLinesPerFile = 1000;
constexpr int kRecords = kFiles * kLinesPerFile;

class RunAndSigtermTest : public AgentTest {
 protected:
  void SetUp() override {
    for (int f = 0; f < kFiles; ++f) {
      std::string lines;
      for (int i = 0; i < kLinesPerFile; ++i) {
        const int n = f * kLinesPerFile + i;
        lines += "{\"file\":" + std::to_string(f) + ",\"n\":" + std::to_string(n) +
                 ",\"msg\":\"event " + std::to_string(n) + "\"}\n";
      }
      write_file(tmp_ / ("in/app-" + std::to_string(f) + ".jsonl"), lines);
    }
    config_ = write_config(
        agent_section() +
        fill_template(kPipeline, {{"inputs", quoted(tmp_ / "in/*.jsonl")}, {"out", quoted(out_)}}));
  }

  std::filesystem::path config_;
  std::filesystem::path out_ = tmp_ / "out.jsonl";
};

TEST_F(RunAndSigtermTest, DeliversEveryRecordOnceAndExitsZeroOnSigterm) {
  auto agent = start_agent({"run", "--config", config_.string()});
  const auto port = wait_for_admin_port(*agent);
  ASSERT_TRUE(port) << agent->describe();

  // Ready is 503 until every component started, then 200 with one ok check per component.
  std::optional<Readiness> ready;
  ASSERT_TRUE(wait_for([&] {
    ready = get_readiness(*port);
    if (ready) {
      EXPECT_TRUE(ready->http_status == 200 || ready->http_status == 503) << ready->body;
    }
    return ready && ready->http_status == 200;
  })) << (ready ? ready->body : "no answer")
      << "\n"
      << agent->describe();
  EXPECT_EQ(ready->status, "ok") << ready->body;
  for (const char* id : {"app", "pass", "out"}) {
    ASSERT_TRUE(ready->checks.count(id)) << id << " missing in " << ready->body;
    EXPECT_EQ(ready->checks[id].status, "ok") << id << ": " << ready->body;
  }
  EXPECT_EQ(http_get(*port, "/v1/health/live").status, 200);

  std::optional<double> sink_in;
  ASSERT_TRUE(wait_for([&] {
    sink_in = scrape_metric(*port, "mlobs_component_records_in_total", {{"component", "out"}});
    return sink_in && *sink_in >= kRecords;
  })) << "sink records_in: "
      << sink_in.value_or(-1) << "\n"
      << agent->describe();
  EXPECT_EQ(*sink_in, kRecords);
  EXPECT_EQ(scrape_metric(*port, "mlobs_component_records_out_total", {{"component", "app"}}),
            kRecords);
  EXPECT_EQ(scrape_metric(*port, "mlobs_component_records_in_total",
                          {{"component", "pass"}, {"type", "passthrough"}}),
            kRecords);
  EXPECT_EQ(scrape_metric(*port, "mlobs_build_info"), 1);

  ASSERT_TRUE(agent->send_signal(SIGTERM));
  const std::optional<int> code = agent->wait_exit(kDeadline);
  ASSERT_TRUE(code) << "no exit after SIGTERM\n" << agent->describe();
  EXPECT_EQ(*code, 0) << agent->describe();
  EXPECT_TRUE(agent->wait_for_stderr_line(
      [](std::string_view l) { return log_line_is(l, "stopped"); }, kDeadline))
      << agent->describe();
  EXPECT_EQ(http_get(*port, "/v1/health/live").status, 0) << "admin server still answering";

  // Every record exactly once, with its envelope and body intact.
  const IntColumn n = read_int_column(out_, "body.n");
  EXPECT_TRUE(n.problems.empty()) << n.problems.front();
  EXPECT_TRUE(each_exactly_once(n.values, 0, kRecords));
  const JsonLines out = parse_json_lines(read_file(out_).value_or(""));
  int mismatched = 0;
  for (const auto& rec : out.docs) {
    const auto num = json_int(rec, "body.n");
    if (json_string(rec, "kind") != "app_event" || !num ||
        json_int(rec, "body.file") != *num / kLinesPerFile ||
        json_string(rec, "body.msg") != "event " + std::to_string(*num)) {
      ++mismatched;
    }
  }
  EXPECT_EQ(mismatched, 0) << "records with a wrong kind or body, e.g. "
                           << read_lines(out_).front();
}

}  // namespace
}  // namespace mlobs::integration
