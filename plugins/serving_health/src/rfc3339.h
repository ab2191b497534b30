// RFC 3339 timestamps <-> Unix nanoseconds. Window bounds arrive as RFC 3339 strings with any
// offset; the health record writes them back normalised to UTC so its id is stable.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace mlobs::serving_health {

// Parses `YYYY-MM-DDTHH:MM:SS[.fraction](Z|+HH:MM|-HH:MM)` ('t', 'z' and a space separator are
// accepted too). Fractions beyond nanoseconds are truncated. nullopt when malformed, out of
// range, or outside what int64 nanoseconds can hold (years 1678..2262).
std::optional<int64_t> parse_rfc3339_nanos(std::string_view text);

// `YYYY-MM-DDTHH:MM:SS[.fraction]Z`; the fraction only when non-zero, without trailing zeros.
std::string format_rfc3339_utc(int64_t unix_nanos);

}  // namespace mlobs::serving_health
