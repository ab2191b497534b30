// `run --once` reads what the sources have, drains every sink and exits 0 by itself; the
// sources' checkpoints in data_dir carry over, so a rerun emits only what is new.
#include "support/agent_test.h"
#include "support/config_template.h"
#include "support/record_checks.h"
#include "support/text_files.h"

#include <string>
#include <string_view>

namespace mlobs::integration {
namespace {

// jsonl_file -> passthrough -> file; the sink path comes from the environment
// (${...} expansion), so each run writes its own file.
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
  out: { type: file, inputs: [pass], path: "${MLOBS_IT_OUT}" }
)";

std::string numbered_lines(int first, int count) {
  std::string lines;
  for (int n = first; n < first + count; ++n) {
    lines += "{\"n\":" + std::to_string(n) + ",\"stage\":\"train\"}\n";
  }
  return lines;
}

class OnceModeTest : public AgentTest {
 protected:
  void SetUp() override {
    write_file(tmp_ / "in/a.jsonl", numbered_lines(0, 50));
    write_file(tmp_ / "in/b.jsonl", numbered_lines(50, 50));
    config_ = write_config(agent_section() +
                           fill_template(kPipeline, {{"inputs", quoted(tmp_ / "in/*.jsonl")}}));
  }

  // Runs `run --once` writing to out-<run>.jsonl; returns what the sink wrote (body.n values).
  IntColumn run_once(const std::string& run) {
    const std::filesystem::path out = tmp_ / ("out-" + run + ".jsonl");
    auto agent = start_agent({"run", "--config", config_.string(), "--once"},
                             {{"MLOBS_IT_OUT", out.string()}});
    const std::optional<int> code = run_to_exit(*agent);
    EXPECT_EQ(code, 0) << "run " << run << "\n" << agent->describe();
    IntColumn column = read_int_column(out, "body.n");
    EXPECT_TRUE(column.problems.empty()) << "run " << run << ": " << column.problems.front();
    return column;
  }

  std::filesystem::path config_;
};

TEST_F(OnceModeTest, ExitsByItselfAndResumesFromCheckpoints) {
  const IntColumn first = run_once("1");
  EXPECT_TRUE(each_exactly_once(first.values, 0, 100)) << "first run";

  const IntColumn second = run_once("2");
  EXPECT_TRUE(second.values.empty())
      << "a rerun over the same data_dir emitted " << second.values.size() << " records again";

  append_file(tmp_ / "in/a.jsonl", numbered_lines(100, 10));
  const IntColumn third = run_once("3");
  EXPECT_TRUE(each_exactly_once(third.values, 100, 10)) << "after appending 10 lines";
}

}  // namespace
}  // namespace mlobs::integration
