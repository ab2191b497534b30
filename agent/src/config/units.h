// Durations ("250ms", "30s", "5m", "1h", "2d") and sizes ("512", "64KiB", "64MiB", "1GiB",
// "10MB") as operators write them.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace mlobs::agent {

std::optional<int64_t> parse_duration_ms(std::string_view text);
std::optional<int64_t> parse_size_bytes(std::string_view text);

}  // namespace mlobs::agent
