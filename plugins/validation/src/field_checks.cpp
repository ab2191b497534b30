#include "field_checks.h"

#include <cmath>
#include <cstdio>

#include "mlobs/rfc3339/rfc3339.h"

namespace mlobs::validation {

namespace {

std::string number_text(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", v);
  return buf;
}

}  // namespace

std::string in_quotes(std::string_view text) {
  constexpr size_t kMaxBytes = 80;
  if (text.size() <= kMaxBytes) return "\"" + std::string(text) + "\"";
  size_t cut = kMaxBytes;
  // Never inside a UTF-8 sequence: back off over continuation bytes.
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return "\"" + std::string(text.substr(0, cut)) + "...\"";
}

std::string seconds_in_words(int64_t seconds) {
  if (seconds <= 0) return "0s";
  std::string out;
  const int64_t h = seconds / 3600;
  const int64_t m = seconds / 60 % 60;
  const int64_t s = seconds % 60;
  if (h > 0) out += std::to_string(h) + "h";
  if (m > 0) out += std::to_string(m) + "m";
  if (s > 0) out += std::to_string(s) + "s";
  return out;
}

CheckResult check_string_present(std::string_view check, std::string_view field,
                                 const FieldValue& value, bool unknown_is_missing) {
  const std::string name(field);
  if (value.type == MLOBS_TYPE_ABSENT) return CheckResult::fail(check, name + " is missing");
  if (!value.is_string()) {
    return CheckResult::fail(check, name + " is " + describe_type(value.type) + ", not a string");
  }
  if (value.text.empty()) return CheckResult::fail(check, name + " is empty");
  if (unknown_is_missing && value.text == kUnknown) {
    return CheckResult::fail(check, name + " is \"unknown\": the upstream metadata does not say");
  }
  return CheckResult::pass(check);
}

std::optional<int64_t> parse_time(const FieldValue& value) {
  if (!value.is_string()) return std::nullopt;
  return rfc3339::parse_unix_nanos(value.text);
}

std::string unusable_time(std::string_view field, const FieldValue& value) {
  const std::string name(field);
  if (value.type == MLOBS_TYPE_ABSENT) return name + " is missing";
  if (!value.is_string()) return name + " is " + describe_type(value.type) + ", not a string";
  if (value.text == kUnknown) return name + " is \"unknown\": the upstream metadata does not say";
  return name + " " + in_quotes(value.text) + " is not an RFC 3339 time";
}

CheckResult check_timestamp(std::string_view check, std::string_view field,
                            const FieldValue& value) {
  if (parse_time(value)) return CheckResult::pass(check);
  return CheckResult::fail(check, unusable_time(field, value));
}

CheckResult check_count(std::string_view check, std::string_view field, const FieldValue& value) {
  const std::string name(field);
  switch (value.type) {
    case MLOBS_TYPE_ABSENT:
      return CheckResult::pass(check);
    case MLOBS_TYPE_INT:
      if (value.integer >= 0) return CheckResult::pass(check);
      return CheckResult::fail(check, name + " is " + std::to_string(value.integer) + ", below 0");
    case MLOBS_TYPE_DOUBLE:
      // A whole number written as 12.0 counts, as the record getters read it.
      if (std::isfinite(value.number) && value.number == std::floor(value.number)) {
        if (value.number >= 0) return CheckResult::pass(check);
        return CheckResult::fail(check, name + " is " + number_text(value.number) + ", below 0");
      }
      return CheckResult::fail(check,
                               name + " is " + number_text(value.number) + ", not an integer");
    default:
      return CheckResult::fail(check,
                               name + " is " + describe_type(value.type) + ", not an integer");
  }
}

}  // namespace mlobs::validation
