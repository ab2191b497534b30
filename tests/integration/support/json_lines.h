// JSON lines (the sinks' output, the dead-letter file, the agent's log) parsed with RapidJSON,
// and typed reads of a dotted path such as "body.n".
#pragma once

#include <rapidjson/document.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mlobs::integration {

struct JsonLines {
  std::vector<rapidjson::Document> docs;  // one per non-empty line that parsed
  std::vector<std::string> errors;        // "line N: why" for each one that did not
};

JsonLines parse_json_lines(std::string_view text);

// nullopt when the text is not one JSON value.
std::optional<rapidjson::Document> parse_json(std::string_view text);

// The value at a dotted path of objects ("body.n"), or nullptr.
const rapidjson::Value* json_at(const rapidjson::Value& v, std::string_view dotted_path);
std::optional<std::string> json_string(const rapidjson::Value& v, std::string_view dotted_path);
std::optional<int64_t> json_int(const rapidjson::Value& v, std::string_view dotted_path);
// A string, or a number written as text (log fields carry numbers either way).
std::optional<std::string> json_text(const rapidjson::Value& v, std::string_view dotted_path);

}  // namespace mlobs::integration
