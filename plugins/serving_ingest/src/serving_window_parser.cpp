#include "serving_window_parser.h"

#include "window_event_handler.h"

#include <rapidjson/error/en.h>
#include <rapidjson/memorystream.h>

#include <cmath>
#include <cstdint>
#include <cstring>
#include <string>

namespace mlobs::serving_ingest {

// Eight bytes at a time: far cheaper than RapidJSON's per-character UTF-8 validation, which then
// only runs for the rare line that needs it.
bool ServingWindowParser::is_ascii(std::string_view s) {
  uint64_t any = 0;
  size_t i = 0;
  for (; i + 8 <= s.size(); i += 8) {
    uint64_t word;
    std::memcpy(&word, s.data() + i, sizeof(word));
    any |= word;
  }
  for (; i < s.size(); ++i) any |= static_cast<unsigned char>(s[i]);
  return (any & 0x8080808080808080ULL) == 0;
}

bool ServingWindowParser::parse(std::string_view line, ServingWindow* w, Violation* v) {
  w->clear();
  // The reader treats NUL as end of input, which would hide anything after it.
  if (line.empty() || std::memchr(line.data(), '\0', line.size()) != nullptr) {
    v->reason = kInvalidJson;
    v->detail = line.empty() ? "empty line" : "NUL byte in line";
    return false;
  }
  w->text_storage.reserve(line.size());
  WindowEventHandler handler(w);
  rapidjson::MemoryStream stream(line.data(), line.size());
  // Iterative: nesting costs heap, not stack, so no line can overflow the stack.
  constexpr unsigned kFlags = rapidjson::kParseIterativeFlag;
  const rapidjson::ParseResult result =
      is_ascii(line)
          ? reader_.Parse<kFlags>(stream, handler)
          : reader_.Parse<kFlags | rapidjson::kParseValidateEncodingFlag>(stream, handler);
  if (result) return true;
  v->reason = kInvalidJson;
  if (handler.root_not_object()) {
    v->detail = "the line is not a JSON object";
  } else if (handler.too_deep()) {
    v->detail = "nested deeper than " + std::to_string(kMaxDepth) + " levels";
  } else {
    v->detail = std::string(rapidjson::GetParseError_En(result.Code())) + " at byte " +
                std::to_string(result.Offset());
  }
  return false;
}

void ServingWindowParser::begin(ServingWindow* w) {
  w->clear();
  members_.emplace(w);
  members_->StartObject();
  members_decidable_ = true;
}

void ServingWindowParser::member(const mlobs_member& m) {
  WindowEventHandler& h = *members_;
  h.Field(m.name_index);
  switch (m.type) {
    case MLOBS_TYPE_NULL: h.Null(); break;
    case MLOBS_TYPE_BOOL: h.Bool(m.int_value != 0); break;
    case MLOBS_TYPE_INT: h.Int64(m.int_value); break;
    case MLOBS_TYPE_DOUBLE:
      // The text may have been an integer too large for int64, which the SAX reader reports as
      // such (a count clamps) and the host as a double (not a count).
      if (std::fabs(m.double_value) >= 9.2e18) members_decidable_ = false;
      h.Double(m.double_value);
      break;
    case MLOBS_TYPE_STRING:
      h.String(m.string_value.data, static_cast<rapidjson::SizeType>(m.string_value.size), false);
      break;
    case MLOBS_TYPE_ARRAY:
      h.StartArray();
      h.EndArray(0);
      break;
    case MLOBS_TYPE_OBJECT:
      h.StartObject();
      h.EndObject(0);
      break;
    default: break;
  }
}

bool ServingWindowParser::end() {
  members_->EndObject(0);
  members_.reset();
  return members_decidable_;
}

}  // namespace mlobs::serving_ingest
