// Edges are bounded queues: while the sink is stuck, the source cannot run ahead of it by more
// than what the queue holds plus the batches in hand, however much it has to read. Checked on
// the agent's own counters while the sink's write() is held on a gate, then the gate opens and
// everything arrives, once.
#include "support/admin_api.h"
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

// counting -> flaky, whose write() waits for the gate file.
constexpr std::string_view kPipeline = R"(
sources:
  numbers: { type: counting, count: @count@ }
sinks:
  out: { type: flaky, inputs: [numbers], path: @out@, write_gate: @gate@ }
)";

constexpr int kRecords = 5000;
constexpr int kBatch = 10;
constexpr int kQueueBatches = 2;

class BackpressureTest : public AgentTest {};

TEST_F(BackpressureTest, StuckSinkHoldsTheSourceBackByTheQueueBound) {
  const std::filesystem::path gate = tmp_ / "gate";
  const std::filesystem::path out = tmp_ / "out.jsonl";
  const std::string pipeline = "  pipeline: { batch_max_records: " + std::to_string(kBatch) +
                               ", queue_capacity: " + std::to_string(kQueueBatches) + " }\n";
  const auto config = write_config(agent_section(default_plugin_dirs(), pipeline) +
                                   fill_template(kPipeline, {{"count", std::to_string(kRecords)},
                                                             {"out", quoted(out)},
                                                             {"gate", quoted(gate)}}));
  auto agent = start_agent({"run", "--config", config.string()});
  const auto port = wait_for_admin_port(*agent);
  ASSERT_TRUE(port) << agent->describe();

  auto sink_queue = [&] {
    return scrape_metric(*port, "mlobs_queue_depth_records", {{"component", "out"}});
  };
  auto source_out = [&] {
    return scrape_metric(*port, "mlobs_component_records_out_total", {{"component", "numbers"}});
  };
  // The sink holds one batch in write(); the queue fills behind it.
  ASSERT_TRUE(wait_for([&] { return sink_queue() >= kQueueBatches * kBatch; }))
      << "queue depth " << sink_queue().value_or(-1) << "\n"
      << agent->describe();
  // Bounds: the queue, plus the batch the source is pushing; the source has sent at most those
  // plus the one in the sink's hands. An unbounded edge would be at thousands by now.
  constexpr double kMaxQueued = (kQueueBatches + 1) * kBatch;
  constexpr double kMaxSent = (kQueueBatches + 2) * kBatch;
  constexpr double kNoAnswer = 1e18;  // a failed scrape must not pass as "small"
  for (int i = 0; i < 20 && !HasFailure(); ++i) {
    EXPECT_LE(sink_queue().value_or(kNoAnswer), kMaxQueued);
    EXPECT_LE(source_out().value_or(kNoAnswer), kMaxSent);
  }
  EXPECT_EQ(scrape_metric(*port, "mlobs_component_records_in_total", {{"component", "out"}}),
            kBatch);

  write_file(gate, "");
  ASSERT_TRUE(wait_for([&] {
    return scrape_metric(*port, "mlobs_component_records_out_total", {{"component", "out"}}) >=
           kRecords;
  })) << agent->describe();
  EXPECT_EQ(sink_queue(), 0);
  ASSERT_TRUE(agent->send_signal(SIGTERM));
  EXPECT_EQ(agent->wait_exit(kDeadline), 0) << agent->describe();

  const IntColumn n = read_int_column(out, "body.n");
  EXPECT_TRUE(n.problems.empty()) << n.problems.front();
  EXPECT_TRUE(each_exactly_once(n.values, 0, kRecords));
}

}  // namespace
}  // namespace mlobs::integration
