#include "telemetry/logger.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <rapidjson/document.h>
#include <rapidjson/error/en.h>

#include <fcntl.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <regex>
#include <sstream>
#include <thread>
#include <vector>

namespace mlobs::agent {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

// Collects written lines; the logger calls it under its own mutex.
struct Capture {
  std::vector<std::string> lines;
  Logger::Writer writer() {
    return [this](std::string_view line) { lines.emplace_back(line); };
  }
};

// A clock the test moves by hand, so rate-limit windows pass without waiting.
struct FakeClock {
  std::chrono::steady_clock::time_point t{std::chrono::hours(1)};
  std::function<std::chrono::steady_clock::time_point()> fn() {
    return [this] { return t; };
  }
};

rapidjson::Document parse(const std::string& line) {
  rapidjson::Document doc;
  doc.Parse<rapidjson::kParseValidateEncodingFlag>(line.c_str(), line.size());
  EXPECT_FALSE(doc.HasParseError())
      << rapidjson::GetParseError_En(doc.GetParseError()) << " in: " << line;
  return doc;
}

std::vector<std::string> keys_of(const rapidjson::Document& doc) {
  std::vector<std::string> keys;
  if (!doc.IsObject()) return keys;
  for (const auto& m : doc.GetObject())
    keys.emplace_back(m.name.GetString(), m.name.GetStringLength());
  return keys;
}

std::string str(const rapidjson::Document& doc, const char* key) {
  if (!doc.IsObject() || !doc.HasMember(key) || !doc[key].IsString()) return "<missing>";
  return std::string(doc[key].GetString(), doc[key].GetStringLength());
}

TEST(LogLevelTest, ParsesAndNamesEveryLevel) {
  for (LogLevel level : {LogLevel::kDebug, LogLevel::kInfo, LogLevel::kWarn, LogLevel::kError}) {
    LogLevel parsed = LogLevel::kError;
    if (level == LogLevel::kError) parsed = LogLevel::kDebug;
    ASSERT_TRUE(parse_log_level(log_level_name(level), &parsed)) << log_level_name(level);
    EXPECT_EQ(parsed, level);
  }
  LogLevel untouched = LogLevel::kWarn;
  EXPECT_FALSE(parse_log_level("verbose", &untouched));
  EXPECT_FALSE(parse_log_level("", &untouched));
  EXPECT_FALSE(parse_log_level("INFO", &untouched));
  EXPECT_EQ(untouched, LogLevel::kWarn);
}

TEST(LoggerTest, JsonLineHasEnvelopeInOrderThenExtras) {
  Capture cap;
  Logger logger(Logger::Options{}, cap.writer());
  const LogField fields[] = {{"path", "/var/log/x"}, {"count", "3"}};
  logger.log(LogLevel::kWarn, "tail", "file rotated", fields, "req-42");
  ASSERT_EQ(cap.lines.size(), 1u);
  const std::string& line = cap.lines[0];
  EXPECT_EQ(line.find('\n'), std::string::npos);
  rapidjson::Document doc = parse(line);
  EXPECT_EQ(keys_of(doc), (std::vector<std::string>{"ts", "level", "logger", "msg", "request_id",
                                                    "path", "count"}));
  EXPECT_TRUE(std::regex_match(str(doc, "ts"),
                               std::regex(R"(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z)")))
      << str(doc, "ts");
  EXPECT_EQ(str(doc, "level"), "warn");
  EXPECT_EQ(str(doc, "logger"), "tail");
  EXPECT_EQ(str(doc, "msg"), "file rotated");
  EXPECT_EQ(str(doc, "request_id"), "req-42");
  EXPECT_EQ(str(doc, "path"), "/var/log/x");
  EXPECT_EQ(str(doc, "count"), "3");  // extras are strings
}

TEST(LoggerTest, RequestIdOmittedWhenEmpty) {
  Capture cap;
  Logger logger(Logger::Options{}, cap.writer());
  logger.info("agent", "hello", {{"k", "v"}});
  ASSERT_EQ(cap.lines.size(), 1u);
  EXPECT_EQ(keys_of(parse(cap.lines[0])),
            (std::vector<std::string>{"ts", "level", "logger", "msg", "k"}));
}

TEST(LoggerTest, EscapesEverythingAndStaysOneLine) {
  Capture cap;
  Logger logger(Logger::Options{}, cap.writer());
  const std::string nasty = std::string("quote\" backslash\\ nl\n cr\r tab\t bell\x01 nul") +
                            std::string(1, '\0') + " utf8 \xC3\xA9\xE2\x82\xAC";
  const std::string key = "k\"ey\n";
  const LogField fields[] = {{key, nasty}};
  logger.log(LogLevel::kError, "log\"ger", nasty, fields, "id\n");
  ASSERT_EQ(cap.lines.size(), 1u);
  const std::string& line = cap.lines[0];
  EXPECT_EQ(line.find('\n'), std::string::npos);
  EXPECT_EQ(line.find('\r'), std::string::npos);
  EXPECT_EQ(line.find('\x01'), std::string::npos);
  rapidjson::Document doc = parse(line);
  EXPECT_EQ(str(doc, "msg"), nasty);
  EXPECT_EQ(str(doc, "logger"), "log\"ger");
  EXPECT_EQ(str(doc, "request_id"), "id\n");
  EXPECT_EQ(str(doc, key.c_str()), nasty);
}

TEST(LoggerTest, InvalidUtf8IsReplacedSoTheLineStaysValidJson) {
  Capture cap;
  Logger logger(Logger::Options{}, cap.writer());
  // A stray byte, a truncated sequence, an overlong '/' and a UTF-16 surrogate.
  logger.info("x",
              "a\xFF"
              "b\xE2\x82"
              "c\xC0\xAF"
              "d\xED\xA0\x80"
              "e",
              {{"v", "ok\x80"}});
  ASSERT_EQ(cap.lines.size(), 1u);
  rapidjson::Document doc = parse(cap.lines[0]);
  const std::string r = "\xEF\xBF\xBD";
  EXPECT_EQ(str(doc, "msg"), "a" + r + "b" + r + r + "c" + r + r + "d" + r + r + r + "e");
  EXPECT_EQ(str(doc, "v"), "ok" + r);
}

TEST(LoggerTest, FieldsCannotShadowTheEnvelope) {
  Capture cap;
  Logger logger(Logger::Options{}, cap.writer());
  logger.info("real", "real msg", {{"msg", "fake"}, {"level", "debug"}, {"request_id", "r1"}});
  ASSERT_EQ(cap.lines.size(), 1u);
  rapidjson::Document doc = parse(cap.lines[0]);
  EXPECT_EQ(str(doc, "msg"), "real msg");
  EXPECT_EQ(str(doc, "level"), "info");
  EXPECT_EQ(str(doc, "extra.msg"), "fake");
  EXPECT_EQ(str(doc, "extra.level"), "debug");
  // No request_id argument was given, so the field may take that name.
  EXPECT_EQ(str(doc, "request_id"), "r1");
}

TEST(LoggerTest, LevelFilter) {
  Capture cap;
  Logger::Options options;
  options.level = LogLevel::kWarn;
  Logger logger(options, cap.writer());
  EXPECT_FALSE(logger.enabled(LogLevel::kInfo));
  EXPECT_TRUE(logger.enabled(LogLevel::kWarn));
  logger.debug("a", "debug line");
  logger.info("a", "info line");
  logger.warn("a", "warn line");
  logger.error("a", "error line");
  ASSERT_EQ(cap.lines.size(), 2u);
  EXPECT_EQ(str(parse(cap.lines[0]), "msg"), "warn line");
  EXPECT_EQ(str(parse(cap.lines[1]), "level"), "error");

  logger.set_level(LogLevel::kDebug);
  EXPECT_TRUE(logger.enabled(LogLevel::kDebug));
  logger.debug("a", "debug again");
  ASSERT_EQ(cap.lines.size(), 3u);
  EXPECT_EQ(str(parse(cap.lines[2]), "level"), "debug");
}

TEST(LoggerTest, TextFormat) {
  Capture cap;
  Logger::Options options;
  options.json = false;
  Logger logger(options, cap.writer());
  const LogField fields[] = {{"k", "v"}, {"spaced", "a b"}, {"empty", ""}, {"q", "say \"hi\""}};
  logger.log(LogLevel::kWarn, "agent", "two\nlines", fields, "r-1");
  ASSERT_EQ(cap.lines.size(), 1u);
  const std::string& line = cap.lines[0];
  EXPECT_TRUE(std::regex_match(
      line, std::regex(R"(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z WARN agent: .*)")))
      << line;
  EXPECT_THAT(line, HasSubstr(" WARN agent: two\\nlines request_id=r-1 k=v spaced=\"a b\" "
                              "empty=\"\" q=\"say \\\"hi\\\"\""));
  EXPECT_EQ(line.find('\n'), std::string::npos);
}

TEST(LoggerTest, RateLimitSuppressesRepeatsAndSummarisesAfterTheWindow) {
  Capture cap;
  FakeClock clock;
  Logger::Options options;
  options.burst = 3;
  options.window = std::chrono::milliseconds(1000);
  options.now = clock.fn();
  Logger logger(options, cap.writer());

  for (int i = 0; i < 10; ++i) logger.warn("sink", "retrying", {{"attempt", std::to_string(i)}});
  // Another message and another logger with the same message have their own budgets.
  logger.warn("sink", "other");
  logger.warn("source", "retrying");
  ASSERT_EQ(cap.lines.size(), 5u);
  EXPECT_EQ(str(parse(cap.lines[2]), "attempt"), "2");
  EXPECT_EQ(str(parse(cap.lines[3]), "msg"), "other");
  EXPECT_EQ(str(parse(cap.lines[4]), "logger"), "source");

  // Still inside the window: still suppressed.
  clock.t += std::chrono::milliseconds(999);
  logger.warn("sink", "retrying", {{"attempt", "10"}});
  ASSERT_EQ(cap.lines.size(), 5u);

  // The window has passed: a summary of the 8 suppressed lines, then the line itself.
  clock.t += std::chrono::milliseconds(1);
  logger.warn("sink", "retrying", {{"attempt", "11"}});
  ASSERT_EQ(cap.lines.size(), 7u);
  rapidjson::Document summary = parse(cap.lines[5]);
  EXPECT_EQ(str(summary, "logger"), "sink");
  EXPECT_EQ(str(summary, "msg"), "retrying");
  EXPECT_EQ(str(summary, "suppressed_repeats"), "8");
  EXPECT_FALSE(summary.HasMember("attempt"));
  EXPECT_EQ(str(parse(cap.lines[6]), "attempt"), "11");

  // A fresh window: the burst is available again and nothing is summarised twice.
  logger.warn("sink", "retrying");
  logger.warn("sink", "retrying");
  logger.warn("sink", "retrying");
  ASSERT_EQ(cap.lines.size(), 9u);
  clock.t += std::chrono::milliseconds(5000);
  logger.warn("sink", "retrying");
  ASSERT_EQ(cap.lines.size(), 11u);
  EXPECT_EQ(str(parse(cap.lines[9]), "suppressed_repeats"), "1");
}

TEST(LoggerTest, NoSummaryWhenNothingWasSuppressed) {
  Capture cap;
  FakeClock clock;
  Logger::Options options;
  options.burst = 2;
  options.window = std::chrono::milliseconds(100);
  options.now = clock.fn();
  Logger logger(options, cap.writer());
  logger.info("a", "m");
  logger.info("a", "m");
  clock.t += std::chrono::milliseconds(100);
  logger.info("a", "m");
  ASSERT_EQ(cap.lines.size(), 3u);
  for (const auto& line : cap.lines) EXPECT_THAT(line, Not(HasSubstr("suppressed_repeats")));
}

TEST(LoggerTest, SuppressedLinesBelowTheLevelAreNotCounted) {
  Capture cap;
  FakeClock clock;
  Logger::Options options;
  options.level = LogLevel::kInfo;
  options.burst = 1;
  options.now = clock.fn();
  Logger logger(options, cap.writer());
  for (int i = 0; i < 5; ++i) logger.debug("a", "m");
  logger.info("a", "m");
  ASSERT_EQ(cap.lines.size(), 1u);
}

TEST(LoggerTest, BurstZeroDisablesRateLimiting) {
  Capture cap;
  Logger::Options options;
  options.burst = 0;
  Logger logger(options, cap.writer());
  for (int i = 0; i < 100; ++i) logger.info("a", "same");
  EXPECT_EQ(cap.lines.size(), 100u);
}

TEST(LoggerTest, ExpiredKeysArePrunedWithTheirSummaries) {
  Capture cap;
  FakeClock clock;
  Logger::Options options;
  options.burst = 1;
  options.window = std::chrono::milliseconds(10);
  options.now = clock.fn();
  Logger logger(options, cap.writer());
  logger.info("noisy", "repeat");
  logger.info("noisy", "repeat");
  logger.info("noisy", "repeat");
  ASSERT_EQ(cap.lines.size(), 1u);
  clock.t += std::chrono::milliseconds(10);
  // Thousands of distinct messages (say, ids in the text) must not grow the table forever; the
  // expired "repeat" key is dropped on the way and its count is not lost.
  for (int i = 0; i < 5000; ++i) logger.info("noisy", "unique " + std::to_string(i));
  int summaries = 0;
  for (const auto& line : cap.lines) {
    rapidjson::Document doc = parse(line);
    if (!doc.HasMember("suppressed_repeats")) continue;
    ++summaries;
    EXPECT_EQ(str(doc, "msg"), "repeat");
    EXPECT_EQ(str(doc, "suppressed_repeats"), "2");
  }
  EXPECT_EQ(summaries, 1);
  EXPECT_EQ(cap.lines.size(), 1u + 1u + 5000u);
}

TEST(LoggerTest, ConcurrentLoggingWritesWholeLines) {
  Capture cap;
  Logger::Options options;
  options.burst = 0;
  Logger logger(options, cap.writer());
  constexpr int kThreads = 4;
  constexpr int kPerThread = 500;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&logger, t] {
      for (int i = 0; i < kPerThread; ++i) {
        logger.info("t" + std::to_string(t), "line", {{"i", std::to_string(i)}});
      }
    });
  }
  for (auto& th : threads) th.join();
  ASSERT_EQ(cap.lines.size(), static_cast<size_t>(kThreads * kPerThread));
  for (const auto& line : cap.lines) EXPECT_EQ(str(parse(line), "msg"), "line");
}

TEST(LoggerTest, DefaultWriterWritesOneLinePerEntryToStderr) {
  char path[] = "/tmp/logger_test_stderr_XXXXXX";
  const int file = mkstemp(path);
  ASSERT_GE(file, 0);
  std::fflush(stderr);
  const int saved = dup(STDERR_FILENO);
  ASSERT_GE(saved, 0);
  ASSERT_GE(dup2(file, STDERR_FILENO), 0);
  {
    Logger logger(Logger::Options{});
    logger.info("agent", "first");
    logger.error("agent", "second", {{"k", "v"}});
  }
  std::fflush(stderr);
  dup2(saved, STDERR_FILENO);
  close(saved);
  close(file);
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  unlink(path);
  const std::string out = ss.str();
  ASSERT_FALSE(out.empty());
  EXPECT_EQ(out.back(), '\n');
  std::vector<std::string> lines;
  std::istringstream split(out);
  for (std::string line; std::getline(split, line);) lines.push_back(line);
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(str(parse(lines[0]), "msg"), "first");
  EXPECT_EQ(str(parse(lines[1]), "k"), "v");
}

}  // namespace
}  // namespace mlobs::agent
