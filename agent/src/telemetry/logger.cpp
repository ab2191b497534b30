#include "telemetry/logger.h"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <cstdint>
#include <ctime>
#include <vector>

namespace mlobs::agent {
namespace {

// Beyond this many tracked (logger, msg) keys, expired ones are dropped.
constexpr size_t kMaxRepeatKeys = 4096;

// The encoding of an invalid byte, so one bad byte cannot make a whole line unparseable.
constexpr std::string_view kReplacement = "\xEF\xBF\xBD";

// Length of the well-formed UTF-8 sequence at p (RFC 3629), 0 if it is not one.
size_t utf8_sequence(const unsigned char* p, size_t n) {
  const unsigned char c = p[0];
  if (c < 0x80) return 1;
  size_t len;
  unsigned char lo = 0x80, hi = 0xBF;  // bounds of the second byte
  if (c >= 0xC2 && c <= 0xDF) {
    len = 2;
  } else if (c >= 0xE0 && c <= 0xEF) {
    len = 3;
    if (c == 0xE0) lo = 0xA0;  // overlong
    if (c == 0xED) hi = 0x9F;  // surrogates
  } else if (c >= 0xF0 && c <= 0xF4) {
    len = 4;
    if (c == 0xF0) lo = 0x90;  // overlong
    if (c == 0xF4) hi = 0x8F;  // beyond U+10FFFF
  } else {
    return 0;
  }
  if (n < len || p[1] < lo || p[1] > hi) return 0;
  for (size_t i = 2; i < len; ++i) {
    if ((p[i] & 0xC0) != 0x80) return 0;
  }
  return len;
}

// `in` itself when it is valid UTF-8, else a copy in *scratch with bad bytes replaced.
std::string_view valid_utf8(std::string_view in, std::string* scratch) {
  const auto* p = reinterpret_cast<const unsigned char*>(in.data());
  size_t i = 0;
  while (i < in.size()) {
    const size_t len = utf8_sequence(p + i, in.size() - i);
    if (len == 0) break;
    i += len;
  }
  if (i == in.size()) return in;
  scratch->assign(in.substr(0, i));
  while (i < in.size()) {
    const size_t len = utf8_sequence(p + i, in.size() - i);
    if (len == 0) {
      scratch->append(kReplacement);
      ++i;
    } else {
      scratch->append(in.substr(i, len));
      i += len;
    }
  }
  return *scratch;
}

std::string timestamp() {
  const auto now = std::chrono::system_clock::now();
  const auto ms =
      std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count();
  const std::time_t secs = static_cast<std::time_t>(ms / 1000);
  std::tm tm{};
  gmtime_r(&secs, &tm);
  char buf[80];  // the compiler cannot see that every field fits its width
  std::snprintf(buf, sizeof(buf), "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900,
                tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
                static_cast<int>(ms % 1000));
  return buf;
}

const char* upper_level_name(LogLevel level) {
  switch (level) {
    case LogLevel::kDebug: return "DEBUG";
    case LogLevel::kInfo: return "INFO";
    case LogLevel::kWarn: return "WARN";
    case LogLevel::kError: return "ERROR";
  }
  return "INFO";
}

// Text format: control characters are escaped so one entry stays one line.
void append_escaped(std::string* out, std::string_view s) {
  for (char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    switch (c) {
      case '\n': out->append("\\n"); break;
      case '\r': out->append("\\r"); break;
      case '\t': out->append("\\t"); break;
      case '"': out->append("\\\""); break;
      case '\\': out->append("\\\\"); break;
      default:
        if (c < 0x20 || c == 0x7F) {
          char buf[8];
          std::snprintf(buf, sizeof(buf), "\\x%02X", c);
          out->append(buf);
        } else {
          out->push_back(ch);
        }
    }
  }
}

// logfmt-style: values that would be ambiguous are quoted.
void append_text_value(std::string* out, std::string_view v) {
  bool quote = v.empty();
  for (char ch : v) {
    const auto c = static_cast<unsigned char>(ch);
    if (c <= 0x20 || c == '"' || c == '=' || c == '\\' || c == 0x7F) quote = true;
  }
  if (!quote) {
    out->append(v);
    return;
  }
  out->push_back('"');
  append_escaped(out, v);
  out->push_back('"');
}

// Fields may not shadow the envelope: a plugin's "msg" field must not replace our msg.
bool is_reserved(std::string_view key, bool has_request_id) {
  return key == "ts" || key == "level" || key == "logger" || key == "msg" ||
         (has_request_id && key == "request_id");
}

// Length-prefixed, so no (logger, msg) pair can collide with another.
std::string repeat_key(std::string_view logger, std::string_view msg) {
  std::string key = std::to_string(logger.size());
  key.push_back(':');
  key.append(logger);
  key.append(msg);
  return key;
}

void split_repeat_key(std::string_view key, std::string_view* logger, std::string_view* msg) {
  const size_t colon = key.find(':');
  size_t len = 0;
  for (size_t i = 0; i < colon; ++i) len = len * 10 + static_cast<size_t>(key[i] - '0');
  *logger = key.substr(colon + 1, len);
  *msg = key.substr(colon + 1 + len);
}

void write_stderr(std::string_view line) {
  std::string buf;
  buf.reserve(line.size() + 1);
  buf.append(line);
  buf.push_back('\n');
  // One call per line so concurrent writers from other processes interleave whole lines.
  std::fwrite(buf.data(), 1, buf.size(), stderr);
}

}  // namespace

bool parse_log_level(std::string_view name, LogLevel* out) {
  if (name == "debug") {
    *out = LogLevel::kDebug;
  } else if (name == "info") {
    *out = LogLevel::kInfo;
  } else if (name == "warn") {
    *out = LogLevel::kWarn;
  } else if (name == "error") {
    *out = LogLevel::kError;
  } else {
    return false;
  }
  return true;
}

const char* log_level_name(LogLevel level) {
  switch (level) {
    case LogLevel::kDebug: return "debug";
    case LogLevel::kInfo: return "info";
    case LogLevel::kWarn: return "warn";
    case LogLevel::kError: return "error";
  }
  return "info";
}

Logger::Logger(Options options, Writer writer)
    : options_(options), level_(options.level), writer_(std::move(writer)) {
  if (!writer_) writer_ = write_stderr;
}

void Logger::log(LogLevel level, std::string_view logger, std::string_view msg,
                 std::span<const LogField> fields, std::string_view request_id) {
  if (!enabled(level)) return;
  const auto now = options_.now ? options_.now() : std::chrono::steady_clock::now();
  std::lock_guard<std::mutex> lock(mu_);
  if (!admit(level, logger, msg, now)) return;
  writer_(format(level, logger, msg, fields, request_id));
}

void Logger::debug(std::string_view logger, std::string_view msg,
                   std::initializer_list<LogField> f) {
  log(LogLevel::kDebug, logger, msg, std::span<const LogField>(f.begin(), f.size()));
}
void Logger::info(std::string_view logger, std::string_view msg,
                  std::initializer_list<LogField> f) {
  log(LogLevel::kInfo, logger, msg, std::span<const LogField>(f.begin(), f.size()));
}
void Logger::warn(std::string_view logger, std::string_view msg,
                  std::initializer_list<LogField> f) {
  log(LogLevel::kWarn, logger, msg, std::span<const LogField>(f.begin(), f.size()));
}
void Logger::error(std::string_view logger, std::string_view msg,
                   std::initializer_list<LogField> f) {
  log(LogLevel::kError, logger, msg, std::span<const LogField>(f.begin(), f.size()));
}

bool Logger::admit(LogLevel level, std::string_view logger, std::string_view msg,
                   std::chrono::steady_clock::time_point now) {
  if (options_.burst <= 0) return true;
  std::string key = repeat_key(logger, msg);
  auto it = repeats_.find(key);
  if (it == repeats_.end()) {
    if (repeats_.size() >= kMaxRepeatKeys) prune(now);
    // Every key is inside its window: log untracked rather than grow without bound.
    if (repeats_.size() >= kMaxRepeatKeys) return true;
    repeats_.emplace(std::move(key), Repeat{now, 1, 0, level});
    return true;
  }
  Repeat& r = it->second;
  if (now - r.window_start >= options_.window) {
    if (r.suppressed > 0) write_summary(level, logger, msg, r.suppressed);
    r = Repeat{now, 1, 0, level};
    return true;
  }
  if (r.count < options_.burst) {
    ++r.count;
    return true;
  }
  ++r.suppressed;
  r.level = level;
  return false;
}

void Logger::prune(std::chrono::steady_clock::time_point now) {
  for (auto it = repeats_.begin(); it != repeats_.end();) {
    const Repeat& r = it->second;
    if (now - r.window_start < options_.window) {
      ++it;
      continue;
    }
    if (r.suppressed > 0) {
      std::string_view logger, msg;
      split_repeat_key(it->first, &logger, &msg);
      write_summary(r.level, logger, msg, r.suppressed);
    }
    it = repeats_.erase(it);
  }
}

void Logger::write_summary(LogLevel level, std::string_view logger, std::string_view msg,
                           int suppressed) {
  const std::string count = std::to_string(suppressed);
  const LogField field{"suppressed_repeats", count};
  writer_(format(level, logger, msg, std::span<const LogField>(&field, 1), {}));
}

std::string Logger::format(LogLevel level, std::string_view logger, std::string_view msg,
                           std::span<const LogField> fields, std::string_view request_id) const {
  std::string scratch;
  const std::string ts = timestamp();
  const bool has_request_id = !request_id.empty();
  if (!options_.json) {
    std::string out = ts;
    out.push_back(' ');
    out.append(upper_level_name(level));
    out.push_back(' ');
    append_escaped(&out, valid_utf8(logger, &scratch));
    out.append(": ");
    append_escaped(&out, valid_utf8(msg, &scratch));
    if (has_request_id) {
      out.append(" request_id=");
      append_text_value(&out, valid_utf8(request_id, &scratch));
    }
    for (const auto& [key, value] : fields) {
      out.push_back(' ');
      if (is_reserved(key, has_request_id)) out.append("extra.");
      append_escaped(&out, valid_utf8(key, &scratch));
      out.push_back('=');
      append_text_value(&out, valid_utf8(value, &scratch));
    }
    return out;
  }

  rapidjson::StringBuffer buf;
  rapidjson::Writer<rapidjson::StringBuffer> w(buf);
  auto put = [&](std::string_view s) {
    s = valid_utf8(s, &scratch);
    w.String(s.data(), static_cast<rapidjson::SizeType>(s.size()));
  };
  auto key = [&](std::string_view s) {
    s = valid_utf8(s, &scratch);
    w.Key(s.data(), static_cast<rapidjson::SizeType>(s.size()));
  };
  w.StartObject();
  w.Key("ts");
  w.String(ts);
  w.Key("level");
  w.String(log_level_name(level));
  w.Key("logger");
  put(logger);
  w.Key("msg");
  put(msg);
  if (has_request_id) {
    w.Key("request_id");
    put(request_id);
  }
  for (const auto& [name, value] : fields) {
    key(is_reserved(name, has_request_id) ? "extra." + std::string(name) : std::string(name));
    put(value);
  }
  w.EndObject();
  return std::string(buf.GetString(), buf.GetSize());
}

}  // namespace mlobs::agent
