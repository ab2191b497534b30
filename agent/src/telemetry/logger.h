// Structured JSON logging: one object per line with ts, level, logger, msg, request_id and
// extras. Repeats of the same (logger, msg) beyond a burst within a window are suppressed and
// summarised once the window passes. Thread-safe.
#pragma once

#include <chrono>
#include <cstdio>
#include <functional>
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
    // Per (logger, msg): at most `burst` lines per `window`; the rest are counted.
    int burst = 5;
    std::chrono::milliseconds window{10000};
  };
  using Writer = std::function<void(std::string_view line)>;  // line without '\n'

  // Writes to stderr by default.
  explicit Logger(Options options, Writer writer = {});

  bool enabled(LogLevel level) const { return level >= options_.level; }
  void set_level(LogLevel level) { options_.level = level; }

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
  };
  std::string format(LogLevel level, std::string_view logger, std::string_view msg,
                     std::span<const LogField> fields, std::string_view request_id) const;

  Options options_;
  Writer writer_;
  std::mutex mu_;
  std::map<std::string, Repeat, std::less<>> repeats_;
};

}  // namespace mlobs::agent
