// Broken input is never dropped silently: each bad line lands in the dead-letter file with the
// reason, the file and the line, counts in mlobs_records_rejected_total, and the good lines
// around it still reach the sink.
#include "support/admin_api.h"
#include "support/agent_test.h"
#include "support/config_template.h"
#include "support/json_lines.h"
#include "support/record_checks.h"
#include "support/text_files.h"
#include "support/wait_for.h"

#include <signal.h>

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <string_view>

namespace mlobs::integration {
namespace {

// jsonl_file -> file.
constexpr std::string_view kPipeline = R"(
sources:
  app:
    type: jsonl_file
    paths: [@inputs@]
    kind: app_event
    read_from: beginning
sinks:
  out: { type: file, inputs: [app], path: @out@ }
)";

constexpr int kLines = 20;
// 1-based line numbers of the broken lines, each broken a different way.
const std::map<int, std::string> kBroken = {
    {3, "{\"n\": 2, \"truncated\": "}, {7, "not json at all"}, {15, "{\"n\": 14,, }"}};

class DeadLetterTest : public AgentTest {};

TEST_F(DeadLetterTest, BadLinesGoToTheDeadLetterFileAndGoodOnesToTheSink) {
  const std::filesystem::path input = tmp_ / "in/mixed.jsonl";
  const std::filesystem::path dead_letter = tmp_ / "rejected/dead.jsonl";
  const std::filesystem::path out = tmp_ / "out.jsonl";
  std::string text;
  std::vector<int64_t> good;
  for (int line = 1; line <= kLines; ++line) {
    if (auto it = kBroken.find(line); it != kBroken.end()) {
      text += it->second + "\n";
    } else {
      text += "{\"n\":" + std::to_string(line - 1) + "}\n";
      good.push_back(line - 1);
    }
  }
  write_file(input, text);
  const std::string dead_letter_setting = "  dead_letter: { path: " + quoted(dead_letter) + " }\n";
  const auto config = write_config(
      agent_section(default_plugin_dirs(), dead_letter_setting) +
      fill_template(kPipeline, {{"inputs", quoted(tmp_ / "in/*.jsonl")}, {"out", quoted(out)}}));

  auto agent = start_agent({"run", "--config", config.string()});
  const auto port = wait_for_admin_port(*agent);
  ASSERT_TRUE(port) << agent->describe();

  const int bad = static_cast<int>(kBroken.size());
  std::optional<double> rejected;
  std::optional<double> delivered;
  ASSERT_TRUE(wait_for([&] {
    rejected = scrape_metric(*port, "mlobs_records_rejected_total",
                             {{"component", "app"}, {"reason", "invalid_json"}});
    delivered = scrape_metric(*port, "mlobs_component_records_in_total", {{"component", "out"}});
    return rejected >= bad && delivered >= static_cast<double>(good.size());
  })) << "rejected "
      << rejected.value_or(-1) << ", delivered " << delivered.value_or(-1) << "\n"
      << agent->describe();
  EXPECT_EQ(rejected, bad);
  EXPECT_EQ(delivered, static_cast<double>(good.size()));
  // Nothing else was rejected, for any reason, by any component.
  EXPECT_EQ(scrape_metric(*port, "mlobs_records_rejected_total"), bad);

  ASSERT_TRUE(agent->send_signal(SIGTERM));
  const std::optional<int> code = agent->wait_exit(kDeadline);
  ASSERT_TRUE(code) << agent->describe();
  EXPECT_EQ(*code, 0) << agent->describe();

  const JsonLines entries = parse_json_lines(read_file(dead_letter).value_or(""));
  EXPECT_TRUE(entries.errors.empty()) << entries.errors.front();
  ASSERT_EQ(entries.docs.size(), kBroken.size()) << read_file(dead_letter).value_or("(no file)");
  std::set<int> lines_seen;
  for (const auto& e : entries.docs) {
    EXPECT_EQ(json_string(e, "component"), "app");
    EXPECT_EQ(json_string(e, "reason"), "invalid_json");
    const auto file = json_text(e, "file");
    ASSERT_TRUE(file) << "dead-letter entry without file";
    EXPECT_TRUE(file->ends_with("in/mixed.jsonl")) << *file;
    const auto line = json_text(e, "line");
    ASSERT_TRUE(line) << "dead-letter entry without line";
    lines_seen.insert(std::stoi(*line));
  }
  std::set<int> lines_broken;
  for (const auto& [line, content] : kBroken) lines_broken.insert(line);
  EXPECT_EQ(lines_seen, lines_broken)
      << "the dead-letter entries must name the broken lines (1-based)";

  const IntColumn sink = read_int_column(out, "body.n");
  EXPECT_TRUE(sink.problems.empty()) << sink.problems.front();
  std::vector<int64_t> got = sink.values;
  std::sort(got.begin(), got.end());
  EXPECT_EQ(got, good) << "every good line exactly once";
}

// The built-in agent_events source turns each dead letter, and each component failure, into an
// `error` record a pipeline can route (to a sentry sink; here to a file).
TEST_F(DeadLetterTest, DeadLettersAndFailuresBecomeErrorRecordsOfTheAgentEventsSource) {
  const std::filesystem::path input = tmp_ / "in/mixed.jsonl";
  const std::filesystem::path alerts = tmp_ / "alerts.jsonl";
  write_file(input, "{\"n\": 0}\nnot json at all\n");
  const auto config = write_config(agent_section() + fill_template(R"(
sources:
  app: { type: jsonl_file, paths: [@inputs@], kind: app_event, read_from: beginning }
  agent: { type: agent_events }
sinks:
  out: { type: flaky, inputs: [app], path: @out@, fail_writes: 1 }
  alerts: { type: file, inputs: [agent], path: @alerts@ }
)",
      {{"inputs", quoted(input)}, {"out", quoted(tmp_ / "out.jsonl")}, {"alerts", quoted(alerts)}}));
  auto agent = start_agent({"run", "--config", config.string()});
  ASSERT_TRUE(wait_for_admin_port(*agent)) << agent->describe();

  JsonLines entries;
  auto has = [&](std::string_view category) {
    return std::any_of(entries.docs.begin(), entries.docs.end(), [&](const auto& d) {
      return json_string(d, "body.category") == category;
    });
  };
  ASSERT_TRUE(wait_for([&] {
    entries = parse_json_lines(read_file(alerts).value_or(""));
    return has("dead_letter") && has("plugin_failure");
  })) << read_file(alerts).value_or("(no file)") << "\n" << agent->describe();
  // The bad line (from app), the batch the failing write rejected (from out), the failure.
  for (const auto& d : entries.docs) {
    EXPECT_EQ(json_string(d, "kind"), "error");
    if (json_string(d, "body.category") == "dead_letter") {
      EXPECT_EQ(json_string(d, "body.level"), "warning");
      if (json_string(d, "body.component") == "app") {
        EXPECT_EQ(json_string(d, "body.reason"), "invalid_json");
        EXPECT_NE(json_string(d, "body.context.detail").value_or("").find("line=2"),
                  std::string::npos);
      } else {
        EXPECT_EQ(json_string(d, "body.reason"), "sink_rejected");
        EXPECT_EQ(json_string(d, "body.context.record_kind"), "app_event");
      }
    } else {
      EXPECT_EQ(json_string(d, "body.level"), "error");
      EXPECT_EQ(json_string(d, "body.component"), "out");
      EXPECT_EQ(json_string(d, "body.tags.category"), "plugin_failure");
    }
  }
  ASSERT_TRUE(agent->send_signal(SIGTERM));
  EXPECT_EQ(agent->wait_exit(kDeadline), 0) << agent->describe();
}

}  // namespace
}  // namespace mlobs::integration
