#include "support/agent_log.h"

#include "support/json_lines.h"

#include <cstdlib>

namespace mlobs::integration {

std::optional<std::string> log_msg(std::string_view line) {
  auto doc = parse_json(line);
  if (!doc || !doc->IsObject()) return std::nullopt;
  return json_string(*doc, "msg");
}

bool log_line_is(std::string_view line, std::string_view msg, std::string_view field,
                 std::string_view value) {
  auto doc = parse_json(line);
  if (!doc || !doc->IsObject() || json_string(*doc, "msg") != msg) return false;
  if (field.empty()) return true;
  const auto actual = json_text(*doc, field);
  return actual && *actual == value;
}

std::optional<uint16_t> admin_port(std::string_view line) {
  auto doc = parse_json(line);
  if (!doc || !doc->IsObject() || json_string(*doc, "msg") != "admin server listening") {
    return std::nullopt;
  }
  const auto text = json_text(*doc, "port");
  if (!text) return std::nullopt;
  const long port = std::strtol(text->c_str(), nullptr, 10);
  if (port <= 0 || port > 65535) return std::nullopt;
  return static_cast<uint16_t>(port);
}

}  // namespace mlobs::integration
