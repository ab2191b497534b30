// kill -9 in the middle of a large serving file, then a restart over the same data_dir: every
// valid window reaches the sink (checkpoints advance only after the sink accepted), and what is
// delivered twice is bounded by the batches in flight and the checkpoint writes under way.
#include "support/agent_test.h"
#include "support/config_template.h"
#include "support/text_files.h"
#include "support/wait_for.h"

#include <csignal>
#include <ctime>
#include <fstream>
#include <set>
#include <string>

namespace mlobs::integration {
namespace {

constexpr int kWindows = 40000;
constexpr int kDeployments = 20;
constexpr int kBatch = 256;
constexpr int kQueue = 4;

constexpr std::string_view kPipeline = R"(
sources:
  serving: { type: serving_ingest, root: @root@ }
sinks:
  out: { type: file, inputs: [serving], path: @out@ }
)";

// One valid window; its id is serving_window:<dep>|/predict|<start>|<end>.
std::string window(int i) {
  const int dep = i % kDeployments;
  const int minute = i / kDeployments;
  const time_t t = 1775556000 + static_cast<time_t>(minute) * 60;  // 2026-04-07T10:00:00Z
  std::tm tm{};
  gmtime_r(&t, &tm);
  char start[32], end[32];
  std::strftime(start, sizeof(start), "%Y-%m-%dT%H:%M:00Z", &tm);
  std::strftime(end, sizeof(end), "%Y-%m-%dT%H:%M:59Z", &tm);
  return std::string("{\"schema_version\":\"1\",\"window_start\":\"") + start +
         "\",\"window_end\":\"" + end + "\",\"deployment_id\":\"dep-" + std::to_string(dep) +
         "\",\"endpoint_name\":\"/predict\",\"model_name\":\"m\",\"model_version\":\"1\"," +
         "\"service_name\":\"s\",\"service_version\":\"1\",\"environment\":\"test\"," +
         "\"request_count\":10,\"success_count\":10,\"failure_count\":0,\"rejected_count\":0," +
         "\"timeout_count\":0,\"latency_p50_ms\":1,\"latency_p95_ms\":2,\"latency_p99_ms\":3," +
         "\"validation_error_count\":0,\"feature_lookup_error_count\":0," +
         "\"model_load_error_count\":0,\"inference_runtime_error_count\":0," +
         "\"dependency_error_count\":0,\"internal_error_count\":0," +
         "\"input_schema_failure_count\":0,\"missing_required_field_count\":0," +
         "\"invalid_type_count\":0,\"domain_violation_count\":0,\"prediction_count\":10," +
         "\"prediction_null_count\":0,\"prediction_non_finite_count\":0," +
         "\"prediction_out_of_range_count\":0,\"fallback_prediction_count\":0}\n";
}

size_t count_lines(const std::filesystem::path& file) {
  std::ifstream in(file);
  size_t n = 0;
  std::string line;
  while (std::getline(in, line)) ++n;
  return n;
}

class ServingRestartTest : public AgentTest {};

TEST_F(ServingRestartTest, KillNineMidFileThenRestartLosesNothing) {
  const auto root = tmp_ / "serving";
  std::string content;
  content.reserve(static_cast<size_t>(kWindows) * 1100);
  for (int i = 0; i < kWindows; ++i) content += window(i);
  write_file(root / "2026-04-07/10/windows.jsonl", content);
  const auto out = tmp_ / "out.jsonl";
  const auto config = write_config(
      agent_section(default_plugin_dirs(),
                    "  pipeline: { batch_max_records: " + std::to_string(kBatch) +
                        ", queue_capacity: " + std::to_string(kQueue) + " }\n") +
      fill_template(kPipeline, {{"root", quoted(root)}, {"out", quoted(out)}}));

  {
    auto agent = start_agent({"run", "--config", config.string()});
    ASSERT_TRUE(wait_for([&] { return count_lines(out) >= kWindows / 10; }))
        << agent->describe();
    ASSERT_TRUE(agent->send_signal(SIGKILL));
    ASSERT_TRUE(agent->wait_exit(kDeadline).has_value());
  }
  const size_t before_restart = count_lines(out);
  ASSERT_LT(before_restart, static_cast<size_t>(kWindows)) << "the kill came after the end";

  auto again = start_agent({"run", "--config", config.string(), "--once"});
  ASSERT_EQ(run_to_exit(*again), 0) << again->describe();

  std::set<std::string> ids;
  size_t lines = 0;
  for (const auto& line : read_lines(out)) {
    ++lines;
    const size_t at = line.find("\"id\":\"");
    ASSERT_NE(at, std::string::npos) << line;
    ids.insert(line.substr(at + 6, line.find('"', at + 6) - at - 6));
  }
  EXPECT_EQ(ids.size(), static_cast<size_t>(kWindows)) << "every valid window, once by id";
  // Re-read after the restart: only what was in flight at the kill, or acknowledged while its
  // checkpoint was still being written (reading runs at most 8 checkpoint writes ahead).
  constexpr size_t kUnstoredAcks = 8;
  EXPECT_LE(lines - ids.size(), static_cast<size_t>(kBatch) * (kQueue + 2 + kUnstoredAcks))
      << "duplicates beyond the batches in flight";
}

}  // namespace
}  // namespace mlobs::integration
