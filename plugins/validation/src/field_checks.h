// Checks of single body fields, shared by the dataset build and training run contracts. Each
// names the field in its detail, so a report reads without the record at hand.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "mlobs/check_report/check_report.h"
#include "field_value.h"

namespace mlobs::validation {

// How a training adapter writes a field it could not find.
inline constexpr std::string_view kUnknown = "unknown";

// A non-empty string; with `unknown_is_missing`, also not "unknown".
CheckResult check_string_present(std::string_view check, std::string_view field,
                                 const FieldValue& value, bool unknown_is_missing);

// A string that parses as RFC 3339.
CheckResult check_timestamp(std::string_view check, std::string_view field,
                            const FieldValue& value);

// Absent, or an integer >= 0 (a number with a fraction is not one).
CheckResult check_count(std::string_view check, std::string_view field, const FieldValue& value);

// The instant a string field holds (Unix nanoseconds), when it parses as RFC 3339.
std::optional<int64_t> parse_time(const FieldValue& value);

// Why a time field cannot be used: "built_at is missing", "... is not an RFC 3339 time".
std::string unusable_time(std::string_view field, const FieldValue& value);

// `text` in double quotes, cut (at a character boundary) past 80 bytes.
std::string in_quotes(std::string_view text);

// "1h2m3s", "45s", "0s".
std::string seconds_in_words(int64_t seconds);

}  // namespace mlobs::validation
