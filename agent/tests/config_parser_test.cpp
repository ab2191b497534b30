#include "config/config.h"

#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <variant>

namespace mlobs::agent {
namespace {

EnvLookup no_env() {
  return [](std::string_view) -> std::optional<std::string> { return std::nullopt; };
}

Diagnostics errors_of(const std::string& yaml) {
  auto parsed = parse_config_text(yaml, "agent.yaml", no_env());
  if (auto* d = std::get_if<Diagnostics>(&parsed)) return *d;
  ADD_FAILURE() << "expected errors for:\n" << yaml;
  return {};
}

ParsedConfig parsed_of(const std::string& yaml) {
  auto parsed = parse_config_text(yaml, "agent.yaml", no_env());
  if (auto* d = std::get_if<Diagnostics>(&parsed)) {
    for (const auto& e : *d) ADD_FAILURE() << e.format();
    return {};
  }
  return std::get<ParsedConfig>(std::move(parsed));
}

void expect_at(const Diagnostic& d, int line, int column) {
  EXPECT_EQ(d.where.file, "agent.yaml");
  EXPECT_EQ(d.where.line, line) << d.format();
  EXPECT_EQ(d.where.column, column) << d.format();
}

TEST(DiagnosticTest, Format) {
  Diagnostic d{{"a.yaml", 3, 7}, "unknown key \"x\"", "did you mean \"y\"?"};
  EXPECT_EQ(d.format(), "a.yaml:3:7: error: unknown key \"x\" (hint: did you mean \"y\"?)");
  d.hint.clear();
  EXPECT_EQ(d.format(), "a.yaml:3:7: error: unknown key \"x\"");
  d.where.line = 0;
  EXPECT_EQ(d.format(), "a.yaml: error: unknown key \"x\"");
}

TEST(ConfigParserTest, DefaultsForAnEmptyAgentSection) {
  ParsedConfig cfg = parsed_of("agent:\nsources:\n");
  EXPECT_EQ(cfg.path, "agent.yaml");
  EXPECT_EQ(cfg.agent.data_dir, "/var/lib/mlobs");
  EXPECT_EQ(cfg.agent.http_listen, "127.0.0.1:9464");
  EXPECT_TRUE(cfg.agent.plugin_dirs.empty());
  EXPECT_EQ(cfg.agent.log_level, "info");
  EXPECT_EQ(cfg.agent.log_format, "json");
  EXPECT_EQ(cfg.agent.dead_letter_path, "/var/lib/mlobs/dead_letter.jsonl");
  EXPECT_EQ(cfg.agent.batch_max_records, 512);
  EXPECT_EQ(cfg.agent.queue_capacity_batches, 8);
  EXPECT_EQ(cfg.agent.poll_interval_ms, 200);
  EXPECT_EQ(cfg.agent.shutdown_timeout_ms, 30000);
  ASSERT_NE(cfg.root, nullptr);
}

TEST(ConfigParserTest, EmptyTextParses) {
  ParsedConfig cfg = parsed_of("");
  ASSERT_NE(cfg.root, nullptr);
  EXPECT_EQ(cfg.agent.data_dir, "/var/lib/mlobs");
  EXPECT_EQ(cfg.agent.dead_letter_path, "/var/lib/mlobs/dead_letter.jsonl");
}

TEST(ConfigParserTest, DefaultsWithoutAnAgentSection) {
  ParsedConfig cfg = parsed_of("sources: {}\n");
  EXPECT_EQ(cfg.agent.http_listen, "127.0.0.1:9464");
  EXPECT_EQ(cfg.agent.dead_letter_path, "/var/lib/mlobs/dead_letter.jsonl");
}

TEST(ConfigParserTest, TypesTheAgentSection) {
  ParsedConfig cfg = parsed_of(
      "agent:\n"
      "  data_dir: /srv/mlobs/\n"
      "  http: { listen: \"[::1]:9000\" }\n"
      "  plugin_dirs: [/a, /b]\n"
      "  log: { level: debug, format: text }\n"
      "  pipeline: { batch_max_records: 64, queue_capacity: 2, poll_interval: 1s,\n"
      "              shutdown_timeout: 1m30s }\n");
  EXPECT_EQ(cfg.agent.data_dir, "/srv/mlobs/");
  EXPECT_EQ(cfg.agent.http_listen, "[::1]:9000");
  EXPECT_EQ(cfg.agent.plugin_dirs, (std::vector<std::string>{"/a", "/b"}));
  EXPECT_EQ(cfg.agent.log_level, "debug");
  EXPECT_EQ(cfg.agent.log_format, "text");
  EXPECT_EQ(cfg.agent.dead_letter_path, "/srv/mlobs/dead_letter.jsonl");
  EXPECT_EQ(cfg.agent.batch_max_records, 64);
  EXPECT_EQ(cfg.agent.queue_capacity_batches, 2);
  EXPECT_EQ(cfg.agent.poll_interval_ms, 1000);
  EXPECT_EQ(cfg.agent.shutdown_timeout_ms, 90000);
}

TEST(ConfigParserTest, ExplicitDeadLetterPathAndDisabledHttp) {
  ParsedConfig cfg = parsed_of(
      "agent:\n"
      "  http: { listen: \"off\" }\n"
      "  plugin_dirs: /one\n"
      "  dead_letter: { path: /tmp/dl.jsonl }\n");
  EXPECT_EQ(cfg.agent.http_listen, "off");
  EXPECT_EQ(cfg.agent.plugin_dirs, (std::vector<std::string>{"/one"}));
  EXPECT_EQ(cfg.agent.dead_letter_path, "/tmp/dl.jsonl");
}

TEST(ConfigParserTest, YamlSyntaxError) {
  Diagnostics d = errors_of(
      "agent:\n"
      "  plugin_dirs: [/a, /b\n"
      "sources: {}\n");
  ASSERT_EQ(d.size(), 1u);
  // yaml-cpp reports where it gave up looking for the `]`.
  expect_at(d[0], 3, 8);
  EXPECT_EQ(d[0].message, "end of sequence flow not found");
}

TEST(ConfigParserTest, YamlSyntaxErrorBadIndentation) {
  Diagnostics d = errors_of("sources:\n  a: 1\n b: 2\n");
  ASSERT_EQ(d.size(), 1u);
  expect_at(d[0], 3, 2);
}

TEST(ConfigParserTest, UnknownTopLevelKey) {
  Diagnostics d = errors_of(
      "agent: {}\n"
      "source:\n"
      "  a: { type: x }\n"
      "extras: 1\n");
  ASSERT_EQ(d.size(), 2u);
  expect_at(d[0], 2, 1);
  EXPECT_EQ(d[0].message, "unknown top-level key \"source\"");
  EXPECT_EQ(d[0].hint, "did you mean \"sources\"?");
  expect_at(d[1], 4, 1);
  EXPECT_EQ(d[1].hint, "the top-level sections are agent, sources, processors, sinks");
}

TEST(ConfigParserTest, UnknownAgentKeyWithHint) {
  Diagnostics d = errors_of(
      "agent:\n"
      "  data_dri: /x\n"
      "  log: { levle: info }\n"
      "  pipeline:\n"
      "    queue_capacty: 3\n");
  ASSERT_EQ(d.size(), 3u);
  expect_at(d[0], 2, 3);
  EXPECT_EQ(d[0].message, "unknown key \"data_dri\" in agent");
  EXPECT_EQ(d[0].hint, "did you mean \"data_dir\"?");
  expect_at(d[1], 3, 10);
  EXPECT_EQ(d[1].message, "unknown key \"levle\" in agent.log");
  EXPECT_EQ(d[1].hint, "did you mean \"level\"?");
  expect_at(d[2], 5, 5);
  EXPECT_EQ(d[2].hint, "did you mean \"queue_capacity\"?");
}

TEST(ConfigParserTest, UnknownAgentKeyWithoutCloseName) {
  Diagnostics d = errors_of("agent:\n  color: blue\n");
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].hint,
            "agent takes the keys data_dir, http, plugin_dirs, log, dead_letter, pipeline");
}

TEST(ConfigParserTest, BadAgentValueTypes) {
  Diagnostics d = errors_of(
      "agent:\n"
      "  data_dir: [a]\n"
      "  pipeline:\n"
      "    queue_capacity: lots\n"
      "    batch_max_records: 0\n"
      "    poll_interval: soon\n"
      "  http: x\n");
  ASSERT_EQ(d.size(), 5u);
  expect_at(d[0], 2, 13);
  EXPECT_EQ(d[0].message, "agent.data_dir must be a string, got a list");
  expect_at(d[1], 4, 21);
  EXPECT_EQ(d[1].message, "agent.pipeline.queue_capacity must be an integer, got \"lots\"");
  expect_at(d[2], 5, 24);
  EXPECT_EQ(d[2].message, "agent.pipeline.batch_max_records must be at least 1, got \"0\"");
  expect_at(d[3], 6, 20);
  EXPECT_EQ(d[3].message, "agent.pipeline.poll_interval must be a duration, got \"soon\"");
  expect_at(d[4], 7, 9);
  EXPECT_EQ(d[4].message, "agent.http must be a map, got \"x\"");
}

TEST(ConfigParserTest, BadListenAndLogChoices) {
  Diagnostics d = errors_of(
      "agent:\n"
      "  http: { listen: localhost }\n"
      "  log: { level: warning, format: xml }\n");
  ASSERT_EQ(d.size(), 3u);
  expect_at(d[0], 2, 19);
  EXPECT_EQ(d[0].message, "agent.http.listen must be host:port, got \"localhost\"");
  expect_at(d[1], 3, 17);
  EXPECT_EQ(d[1].message, "invalid agent.log.level \"warning\"");
  EXPECT_EQ(d[1].hint, "did you mean \"warn\"?");
  expect_at(d[2], 3, 34);
  EXPECT_EQ(d[2].hint, "use one of json, text");
}

TEST(ConfigParserTest, ListenAddresses) {
  for (const char* ok : {"127.0.0.1:9464", "0.0.0.0:1", "localhost:65535", "[::1]:80",
                         "127.0.0.1:0"}) {
    auto parsed = parse_config_text(std::string("agent: {http: {listen: \"") + ok + "\"}}",
                                    "a.yaml", no_env());
    EXPECT_TRUE(std::holds_alternative<ParsedConfig>(parsed)) << ok;
  }
  for (const char* bad : {"9464", ":9464", "host:", "host:65536", "host:http", "::1:80",
                          "[::1]80", "[]:80", "h:+80"}) {
    auto parsed = parse_config_text(std::string("agent: {http: {listen: \"") + bad + "\"}}",
                                    "a.yaml", no_env());
    EXPECT_TRUE(std::holds_alternative<Diagnostics>(parsed)) << bad;
  }
}

TEST(ConfigParserTest, SectionsMustBeMaps) {
  Diagnostics d = errors_of("sources: [a, b]\nsinks: x\n");
  ASSERT_EQ(d.size(), 2u);
  expect_at(d[0], 1, 10);
  EXPECT_EQ(d[0].message, "sources must be a map of component ids to their settings, got a list");
  expect_at(d[1], 2, 8);
}

TEST(ConfigParserTest, RootMustBeAMap) {
  Diagnostics d = errors_of("- a\n- b\n");
  ASSERT_EQ(d.size(), 1u);
  expect_at(d[0], 1, 1);
}

TEST(ConfigParserTest, DuplicateKeys) {
  Diagnostics d = errors_of(
      "sources:\n"
      "  a: { type: x }\n"
      "  a: { type: y }\n");
  ASSERT_EQ(d.size(), 1u);
  expect_at(d[0], 3, 3);
  EXPECT_EQ(d[0].message, "duplicate key \"a\"");
  EXPECT_EQ(d[0].hint, "first defined at line 2");
}

TEST(ConfigParserTest, OneDocumentOnly) {
  Diagnostics d = errors_of("agent: {}\n---\nsources: {}\n");
  ASSERT_EQ(d.size(), 1u);
  expect_at(d[0], 3, 1);
}

TEST(ConfigParserTest, AllErrorsAtOnce) {
  Diagnostics d = errors_of(
      "agent:\n"
      "  log: { level: loud }\n"
      "  pipeline: { queue_capacity: -1 }\n"
      "  bogus: 1\n"
      "sinkz: {}\n"
      "sinks:\n"
      "  s: { type: file, path: \"${NOPE}\" }\n");
  ASSERT_EQ(d.size(), 5u);
  expect_at(d[0], 2, 17);
  expect_at(d[1], 3, 31);
  expect_at(d[2], 4, 3);
  expect_at(d[3], 5, 1);
  expect_at(d[4], 7, 26);
}

TEST(ConfigParserTest, ParseConfigFile) {
  const auto path = std::filesystem::temp_directory_path() /
                    ("mlobs_config_parser_test_" + std::to_string(::getpid()) + ".yaml");
  {
    std::ofstream out(path);
    out << "agent:\n  data_dir: ${DIR:-/d}\n";
  }
  auto parsed = parse_config_file(path.string(), no_env());
  std::filesystem::remove(path);
  ASSERT_TRUE(std::holds_alternative<ParsedConfig>(parsed));
  EXPECT_EQ(std::get<ParsedConfig>(parsed).path, path.string());
  EXPECT_EQ(std::get<ParsedConfig>(parsed).agent.data_dir, "/d");
}

TEST(ConfigParserTest, MissingFile) {
  auto parsed = parse_config_file("/nonexistent/mlobs/agent.yaml", no_env());
  ASSERT_TRUE(std::holds_alternative<Diagnostics>(parsed));
  const Diagnostics& d = std::get<Diagnostics>(parsed);
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].where.line, 0);
  EXPECT_EQ(d[0].format(),
            "/nonexistent/mlobs/agent.yaml: error: cannot open config file: "
            "No such file or directory");
}

TEST(ConfigParserTest, ProcessEnvReadsTheEnvironment) {
  ::setenv("MLOBS_CONFIG_PARSER_TEST_VAR", "v", 1);
  EXPECT_EQ(process_env()("MLOBS_CONFIG_PARSER_TEST_VAR"), "v");
  ::unsetenv("MLOBS_CONFIG_PARSER_TEST_VAR");
  EXPECT_EQ(process_env()("MLOBS_CONFIG_PARSER_TEST_VAR"), std::nullopt);
}

}  // namespace
}  // namespace mlobs::agent
