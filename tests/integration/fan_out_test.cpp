// One source feeding two processors that change records and three sinks: sinks share one
// read-only batch, each processor copies before changing, so every consumer sees exactly what
// its inputs made, never another processor's change.
#include "support/agent_test.h"
#include "support/config_template.h"
#include "support/record_checks.h"
#include "support/text_files.h"

#include <string>
#include <string_view>

namespace mlobs::integration {
namespace {

constexpr std::string_view kPipeline = R"(
sources:
  app: { type: jsonl_file, paths: [@inputs@], kind: app_event }
processors:
  a: { type: stamp, inputs: [app], field: a, value: "1" }
  b: { type: stamp, inputs: [app], field: b, value: "2" }
sinks:
  raw: { type: file, inputs: [app], path: @raw@ }
  out_a: { type: file, inputs: [a], path: @out_a@ }
  out_b: { type: file, inputs: [b], path: @out_b@ }
)";

constexpr int kLines = 2000;  // several batches

class FanOutTest : public AgentTest {};

// Every line of `file` holds `present` and none holds `absent`; the n values are 0..kLines-1.
void expect_lines(const std::filesystem::path& file, const std::string& present,
                  const std::string& absent) {
  const IntColumn n = read_int_column(file, "body.n");
  EXPECT_TRUE(n.problems.empty()) << file << ": " << n.problems.front();
  EXPECT_TRUE(each_exactly_once(n.values, 0, kLines)) << file;
  for (const std::string& line : read_lines(file)) {
    if (!present.empty()) {
      ASSERT_NE(line.find(present), std::string::npos) << file << ": " << line;
    }
    ASSERT_EQ(line.find(absent), std::string::npos) << file << ": " << line;
  }
}

TEST_F(FanOutTest, EachConsumerSeesOnlyWhatItsInputsMade) {
  std::string lines;
  for (int n = 0; n < kLines; ++n) lines += "{\"n\":" + std::to_string(n) + "}\n";
  write_file(tmp_ / "in/a.jsonl", lines);
  const auto config = write_config(
      agent_section() + fill_template(kPipeline, {{"inputs", quoted(tmp_ / "in/*.jsonl")},
                                                  {"raw", quoted(tmp_ / "raw.jsonl")},
                                                  {"out_a", quoted(tmp_ / "a.jsonl")},
                                                  {"out_b", quoted(tmp_ / "b.jsonl")}}));
  auto agent = start_agent({"run", "--config", config.string(), "--once"});
  ASSERT_EQ(run_to_exit(*agent), 0) << agent->describe();

  expect_lines(tmp_ / "raw.jsonl", "", "\"a\":");
  expect_lines(tmp_ / "raw.jsonl", "", "\"b\":");
  expect_lines(tmp_ / "a.jsonl", "\"a\":\"1\"", "\"b\":");
  expect_lines(tmp_ / "b.jsonl", "\"b\":\"2\"", "\"a\":");
}

}  // namespace
}  // namespace mlobs::integration
