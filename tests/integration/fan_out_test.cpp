// One source feeding two processors that change records, one that only reads them, and four
// sinks: sinks and the reading processor share one read-only batch, each changing processor
// copies before changing, so every consumer sees exactly what its inputs made, never another
// processor's change.
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
  t: { type: tally, inputs: [app] }
sinks:
  raw: { type: file, inputs: [app], path: @raw@ }
  out_a: { type: file, inputs: [a], path: @out_a@ }
  out_b: { type: file, inputs: [b], path: @out_b@ }
  out_t: { type: file, inputs: [{ id: t, kinds: [app_event] }], path: @out_t@ }
  tallies: { type: file, inputs: [{ id: t, kinds: [tally] }], path: @tallies@ }
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
                                                  {"out_b", quoted(tmp_ / "b.jsonl")},
                                                  {"out_t", quoted(tmp_ / "t.jsonl")},
                                                  {"tallies", quoted(tmp_ / "tallies.jsonl")}}));
  auto agent = start_agent({"run", "--config", config.string(), "--once"});
  ASSERT_EQ(run_to_exit(*agent), 0) << agent->describe();

  expect_lines(tmp_ / "raw.jsonl", "", "\"a\":");
  expect_lines(tmp_ / "raw.jsonl", "", "\"b\":");
  expect_lines(tmp_ / "a.jsonl", "\"a\":\"1\"", "\"b\":");
  expect_lines(tmp_ / "b.jsonl", "\"b\":\"2\"", "\"a\":");
  // The reading processor passes the source's records on as they came: it may neither change
  // them nor add to its batch (it emits instead), and nobody else's change reaches it.
  expect_lines(tmp_ / "t.jsonl", "", "\"a\":");
  expect_lines(tmp_ / "t.jsonl", "", "\"b\":");
  expect_lines(tmp_ / "t.jsonl", "", "\"changed\":");
  const IntColumn seen = read_int_column(tmp_ / "tallies.jsonl", "body.seen");
  ASSERT_TRUE(seen.problems.empty()) << seen.problems.front();
  int64_t total = 0;
  for (int64_t s : seen.values) total += s;
  EXPECT_EQ(total, kLines);
  for (const std::string& line : read_lines(tmp_ / "tallies.jsonl")) {
    EXPECT_NE(line.find("\"change_refused\":true"), std::string::npos) << line;
    EXPECT_NE(line.find("\"append_refused\":true"), std::string::npos) << line;
  }
}

}  // namespace
}  // namespace mlobs::integration
