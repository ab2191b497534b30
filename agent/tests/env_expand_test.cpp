#include "config/env_expand.h"

#include "config/config.h"

#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include <map>
#include <variant>

namespace mlobs::agent {
namespace {

EnvLookup fake_env(std::map<std::string, std::string> vars) {
  return [vars = std::move(vars)](std::string_view name) -> std::optional<std::string> {
    auto it = vars.find(std::string(name));
    if (it == vars.end()) return std::nullopt;
    return it->second;
  };
}

TEST(ExpandEnvTest, PlainTextIsUnchanged) {
  EnvExpandResult r = expand_env("just text", fake_env({}));
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.value, "just text");
  EXPECT_FALSE(r.used_environment);
}

TEST(ExpandEnvTest, SubstitutesVariables) {
  EnvExpandResult r =
      expand_env("http://${HOST}:${PORT}/x", fake_env({{"HOST", "h"}, {"PORT", "80"}}));
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.value, "http://h:80/x");
  EXPECT_TRUE(r.used_environment);
}

TEST(ExpandEnvTest, DefaultWhenUnsetOrEmpty) {
  auto env = fake_env({{"EMPTY", ""}, {"SET", "v"}});
  EXPECT_EQ(expand_env("${MISSING:-fallback}", env).value, "fallback");
  EXPECT_EQ(expand_env("${EMPTY:-fallback}", env).value, "fallback");
  EXPECT_EQ(expand_env("${SET:-fallback}", env).value, "v");
  EXPECT_EQ(expand_env("${MISSING:-}", env).value, "");
  EXPECT_EQ(expand_env("${MISSING:-a:-b}", env).value, "a:-b");
  EXPECT_FALSE(expand_env("${MISSING:-x}", env).used_environment);
}

TEST(ExpandEnvTest, SetButEmptyWithoutDefaultIsEmpty) {
  EnvExpandResult r = expand_env("[${EMPTY}]", fake_env({{"EMPTY", ""}}));
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.value, "[]");
}

TEST(ExpandEnvTest, DoubleDollarEscapes) {
  auto env = fake_env({{"X", "x"}});
  EXPECT_EQ(expand_env("cost: $$5", env).value, "cost: $5");
  EXPECT_EQ(expand_env("$${X}", env).value, "${X}");
  EXPECT_EQ(expand_env("$$$${X}", env).value, "$${X}");
  EXPECT_EQ(expand_env("$$${X}", env).value, "$x");
  EXPECT_EQ(expand_env("a$b $ end$", env).value, "a$b $ end$");
}

TEST(ExpandEnvTest, ValuesAreNotReexpanded) {
  EXPECT_EQ(expand_env("${A}", fake_env({{"A", "${B}$$"}, {"B", "no"}})).value, "${B}$$");
}

TEST(ExpandEnvTest, UnsetWithoutDefaultIsAnError) {
  EnvExpandResult r = expand_env("${A}-${B}", fake_env({}));
  ASSERT_EQ(r.errors.size(), 2u);
  EXPECT_EQ(r.errors[0].message, "environment variable \"A\" is not set");
  EXPECT_EQ(r.errors[0].hint, "set it, or give a default: ${A:-value}");
  EXPECT_EQ(r.errors[1].message, "environment variable \"B\" is not set");
}

TEST(ExpandEnvTest, MalformedReferences) {
  auto env = fake_env({});
  EnvExpandResult unterminated = expand_env("${HOME", env);
  ASSERT_EQ(unterminated.errors.size(), 1u);
  EXPECT_EQ(unterminated.errors[0].message, "unterminated \"${\" in value");
  EXPECT_EQ(expand_env("${}", env).errors.size(), 1u);
  EXPECT_EQ(expand_env("${1X}", env).errors.size(), 1u);
  EXPECT_EQ(expand_env("${A B}", env).errors.size(), 1u);
  EXPECT_EQ(expand_env("${:-x}", env).errors.size(), 1u);
}

// Through the parser: every scalar value is expanded, keys are not, and marks survive.
TEST(ConfigEnvTest, ExpandsValuesInPlaceKeepingMarks) {
  const char* yaml =
      "agent:\n"
      "  data_dir: ${DATA:-/tmp/d}\n"
      "sinks:\n"
      "  ${KEY}: { type: sentry, dsn: \"${DSN}\", tags: [a, \"${TAG}\"] }\n";
  auto parsed =
      parse_config_text(yaml, "a.yaml", fake_env({{"DSN", "https://secret@x"}, {"TAG", "t"}}));
  ASSERT_TRUE(std::holds_alternative<ParsedConfig>(parsed));
  const ParsedConfig& cfg = std::get<ParsedConfig>(parsed);
  EXPECT_EQ(cfg.agent.data_dir, "/tmp/d");
  const YAML::Node& root = *cfg.root;
  const YAML::Node sink = root["sinks"]["${KEY}"];
  ASSERT_TRUE(sink.IsMap());
  EXPECT_EQ(sink["dsn"].Scalar(), "https://secret@x");
  EXPECT_EQ(sink["dsn"].Mark().line, 3);     // 0-based: line 4
  EXPECT_EQ(sink["dsn"].Mark().column, 31);  // 0-based: column 32
  EXPECT_EQ(sink["tags"][1].Scalar(), "t");
  EXPECT_EQ(sink["tags"][1].Mark().line, 3);
  EXPECT_EQ(sink["tags"][1].Mark().column, 51);
  EXPECT_EQ(root["agent"]["data_dir"].Mark().line, 1);
  EXPECT_EQ(root["agent"]["data_dir"].Mark().column, 12);
}

TEST(ConfigEnvTest, UnsetVariablePointsAtTheScalar) {
  const char* yaml =
      "sinks:\n"
      "  s: { type: sentry, dsn: \"${SENTRY_DSN}\" }\n"
      "  t:\n"
      "    release: v${REL}\n";
  auto parsed = parse_config_text(yaml, "a.yaml", fake_env({}));
  ASSERT_TRUE(std::holds_alternative<Diagnostics>(parsed));
  const Diagnostics& d = std::get<Diagnostics>(parsed);
  ASSERT_EQ(d.size(), 2u);
  EXPECT_EQ(d[0].where.line, 2);
  EXPECT_EQ(d[0].where.column, 27);
  EXPECT_EQ(d[0].format(),
            "a.yaml:2:27: error: environment variable \"SENTRY_DSN\" is not set "
            "(hint: set it, or give a default: ${SENTRY_DSN:-value})");
  EXPECT_EQ(d[1].where.line, 4);
  EXPECT_EQ(d[1].where.column, 14);
}

TEST(ConfigEnvTest, DefaultIsUsedWhenUnset) {
  const char* yaml =
      "agent:\n"
      "  http: { listen: \"127.0.0.1:${PORT:-9500}\" }\n"
      "  log: { level: \"${LEVEL:-warn}\" }\n";
  auto parsed = parse_config_text(yaml, "a.yaml", fake_env({{"LEVEL", "debug"}}));
  ASSERT_TRUE(std::holds_alternative<ParsedConfig>(parsed));
  const ParsedConfig& cfg = std::get<ParsedConfig>(parsed);
  EXPECT_EQ(cfg.agent.http_listen, "127.0.0.1:9500");
  EXPECT_EQ(cfg.agent.log_level, "debug");
  const YAML::Node listen = (*cfg.root)["agent"]["http"]["listen"];
  EXPECT_EQ(listen.Mark().line, 1);
  EXPECT_EQ(listen.Mark().column, 18);
}

TEST(ConfigEnvTest, AliasesExpandOnce) {
  const char* yaml =
      "agent:\n"
      "  data_dir: &d \"/x/$$${A}\"\n"
      "  dead_letter: { path: *d }\n";
  auto parsed = parse_config_text(yaml, "a.yaml", fake_env({{"A", "$$"}}));
  ASSERT_TRUE(std::holds_alternative<ParsedConfig>(parsed));
  EXPECT_EQ(std::get<ParsedConfig>(parsed).agent.data_dir, "/x/$$$");
  EXPECT_EQ(std::get<ParsedConfig>(parsed).agent.dead_letter_path, "/x/$$$");
}

TEST(ConfigEnvTest, ValuesFromTheEnvironmentAreNotEchoed) {
  const char* yaml = "agent:\n  pipeline: { queue_capacity: \"${CAP}\" }\n";
  auto parsed = parse_config_text(yaml, "a.yaml", fake_env({{"CAP", "s3cr3t"}}));
  ASSERT_TRUE(std::holds_alternative<Diagnostics>(parsed));
  const Diagnostics& d = std::get<Diagnostics>(parsed);
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].message,
            "agent.pipeline.queue_capacity must be an integer, got a value from the environment");
  EXPECT_EQ(d[0].format().find("s3cr3t"), std::string::npos);
}

}  // namespace
}  // namespace mlobs::agent
