// A config with several mistakes is refused as a whole, before anything runs: `validate` and
// `run` exit 2 and print every mistake with the file, line and column, so the operator fixes
// them in one pass. Nothing starts: no admin port, no data_dir.
#include "support/agent_log.h"
#include "support/agent_test.h"

#include <string>
#include <vector>

namespace mlobs::integration {
namespace {

struct Mistake {
  std::string token;  // unique in the config text; the diagnostic must point at it
  int line = 0;
  int column = 0;
};

// 1-based line and column of `token`, which must occur once in `text`.
Mistake locate(const std::string& text, const std::string& token) {
  const size_t at = text.find(token);
  EXPECT_NE(at, std::string::npos) << token;
  EXPECT_EQ(text.find(token, at + 1), std::string::npos) << token << " is not unique";
  Mistake m{token, 1, 1};
  for (size_t i = 0; i < at; ++i) {
    if (text[i] == '\n') {
      ++m.line;
      m.column = 1;
    } else {
      ++m.column;
    }
  }
  return m;
}

class BadConfigTest : public AgentTest {
 protected:
  void SetUp() override {
    text_ = agent_section() + R"(
sources:
  events:
    type: jsonl_file
    paths: ["in/*.jsonl"]
    read_form: beginning
processors:
  pass: { type: passthrough, inputs: [evnets] }
sinks:
  out: { type: flie, inputs: [pass], path: out.jsonl }
)";
    config_ = write_config(text_);
    // A key with a typo, an input naming no component, a type no plugin provides.
    mistakes_ = {locate(text_, "read_form"), locate(text_, "evnets"), locate(text_, "flie")};
  }

  // Every mistake has its own "file:line:column: error: ..." line naming the offending token.
  void expect_each_mistake_reported(const std::string& output) const {
    const std::string file = config_.filename().string();
    for (const Mistake& m : mistakes_) {
      const std::string where =
          file + ":" + std::to_string(m.line) + ":" + std::to_string(m.column) + ": error: ";
      bool found = false;
      size_t begin = 0;
      while (begin < output.size() && !found) {
        size_t end = output.find('\n', begin);
        if (end == std::string::npos) end = output.size();
        const std::string line = output.substr(begin, end - begin);
        found = line.find(where) != std::string::npos && line.find(m.token) != std::string::npos;
        begin = end + 1;
      }
      EXPECT_TRUE(found) << "no diagnostic \"" << where << "...\" naming \"" << m.token
                         << "\" in:\n"
                         << output;
    }
  }

  std::string text_;
  std::filesystem::path config_;
  std::vector<Mistake> mistakes_;
};

TEST_F(BadConfigTest, ValidateReportsEveryMistakeWithItsPositionAndExitsTwo) {
  auto agent = start_agent({"validate", "--config", config_.string()});
  EXPECT_EQ(run_to_exit(*agent), 2) << agent->describe();
  expect_each_mistake_reported(agent->stderr_text());
  EXPECT_EQ(agent->stdout_text().find(": ok"), std::string::npos) << agent->stdout_text();
}

TEST_F(BadConfigTest, RunRefusesToStartAndReportsEveryMistake) {
  auto agent = start_agent({"run", "--config", config_.string()});
  EXPECT_EQ(run_to_exit(*agent), 2) << agent->describe();
  expect_each_mistake_reported(agent->stderr_text());
  for (const auto& line : agent->stderr_lines()) {
    EXPECT_FALSE(admin_port(line)) << "the admin server started: " << line;
    EXPECT_FALSE(log_line_is(line, "pipeline starting")) << line;
  }
  EXPECT_FALSE(std::filesystem::exists(data_dir())) << "run touched data_dir before failing";
}

// The control: the same pipeline without the mistakes validates, so the failures above come
// from the mistakes and not from the environment.
TEST_F(BadConfigTest, TheCorrectedConfigValidates) {
  std::string fixed = text_;
  for (const auto& [wrong, right] : {std::pair<std::string, std::string>{"read_form", "read_from"},
                                     {"evnets", "events"},
                                     {"flie", "file"}}) {
    fixed.replace(fixed.find(wrong), wrong.size(), right);
  }
  const auto config = write_config(fixed, "fixed.yaml");
  auto agent = start_agent({"validate", "--config", config.string()});
  EXPECT_EQ(run_to_exit(*agent), 0) << agent->describe();
}

}  // namespace
}  // namespace mlobs::integration
