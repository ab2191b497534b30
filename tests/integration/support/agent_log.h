// What tests read from the agent's JSON log lines on stderr.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace mlobs::integration {

// The "msg" of a JSON log line; nullopt for a line that is not a JSON object with one.
std::optional<std::string> log_msg(std::string_view line);

// True for a JSON log line whose "msg" is `msg` (and, when given, whose field `field` is `value`).
bool log_line_is(std::string_view line, std::string_view msg, std::string_view field = {},
                 std::string_view value = {});

// The port from the "admin server listening" line, or nullopt for any other line.
std::optional<uint16_t> admin_port(std::string_view line);

}  // namespace mlobs::integration
