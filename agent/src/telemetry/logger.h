// Structured JSON logging: one object per line with ts, level, logger, msg, request_id and
// extras. Repeats of the same (logger, msg) beyond a burst within a window are suppressed and
// summarised once the window passes. Thread-safe.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdio>
#include <functional>
#include <initializer_list>
#include <map>
#include <mutex>
#include <span>
#include <string>
#include <string_view>
#include <utility>

namespace mlobs::agent {

enum class LogLevel { kDebug = 0, kInfo = 1, kWarn = 2, kError = 3 };

// "debug" | "info" | "warn" | "error" -> level; false on an unknown name.
bool parse_log_level(std::string_view name, LogLevel* out);
const char* log_level_name(LogLevel level);

using LogField = std::pair<std::string_view, std::string_view>;

class Logger {
 public:
  struct Options {
    LogLevel level = LogLevel::kInfo;
    bool json = true;  // false: human-readable "ts LEVEL logger: msg k=v"
    // Per (logger, msg): at most `burst` lines per `window`; the rest are counted. burst <= 0
    // turns the limit off.
    int burst = 5;
    std::chrono::milliseconds window{10000};
    // The clock for rate limiting; empty means steady_clock (tests inject one).
    std::function<std::chrono::steady_clock::time_point()> now = {};
  };
  using Writer = std::function<void(std::string_view line)>;  // line without '\n'

  // Writes to stderr by default.
  explicit Logger(Options options, Writer writer = {});

  // Atomic so a reload may change the level while other threads log.
  bool enabled(LogLevel level) const { return level >= level_.load(std::memory_order_relaxed); }
  void set_level(LogLevel level) { level_.store(level, std::memory_order_relaxed); }

  void log(LogLevel level, std::string_view logger, std::string_view msg,
           std::span<const LogField> fields = {}, std::string_view request_id = {});

  void debug(std::string_view logger, std::string_view msg, std::initializer_list<LogField> f = {});
  void info(std::string_view logger, std::string_view msg, std::initializer_list<LogField> f = {});
  void warn(std::string_view logger, std::string_view msg, std::initializer_list<LogField> f = {});
  void error(std::string_view logger, std::string_view msg, std::initializer_list<LogField> f = {});

 private:
  struct Repeat {
    std::chrono::steady_clock::time_point window_start;
    int count = 0;
    int suppressed = 0;
    LogLevel level = LogLevel::kInfo;  // of the last suppressed line, for its summary
  };
  std::string format(LogLevel level, std::string_view logger, std::string_view msg,
                     std::span<const LogField> fields, std::string_view request_id) const;

  // Rate limiting, under mu_: true if this line may be written. Writes the summary of an
  // expired window first.
  bool admit(LogLevel level, std::string_view logger, std::string_view msg,
             std::chrono::steady_clock::time_point now);
  // Drops expired keys (writing their summaries) so unique messages cannot grow the map forever.
  void prune(std::chrono::steady_clock::time_point now);
  void write_summary(LogLevel level, std::string_view logger, std::string_view msg,
                     int suppressed);

  Options options_;
  std::atomic<LogLevel> level_;
  Writer writer_;
  std::mutex mu_;
  std::map<std::string, Repeat, std::less<>> repeats_;
};

}  // namespace mlobs::agent
