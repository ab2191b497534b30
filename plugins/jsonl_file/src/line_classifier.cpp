#include "line_classifier.h"

#include "mlobs/json_cursor/json_cursor.h"

#include <array>

namespace mlobs::jsonl_file {
namespace {

using json::JsonCursor;
using json::JsonType;

// Envelope members the host requires to be strings in a whole record.
constexpr std::array<std::string_view, 4> kEnvelopeStrings = {"id", "source", "observed_at",
                                                              "request_id"};

const char* type_name(JsonType t) {
  switch (t) {
    case JsonType::kArray:
      return "an array";
    case JsonType::kString:
      return "a string";
    case JsonType::kNumber:
      return "a number";
    case JsonType::kBool:
      return "a boolean";
    case JsonType::kNull:
      return "null";
    default:
      return "a value";
  }
}

LineClass invalid(std::string_view reason, std::string error) {
  return LineClass{LineShape::kInvalid, reason, std::move(error)};
}

}  // namespace

LineClass classify_line(std::string_view line) {
  if (line.find_first_not_of(" \t\r\n") == std::string_view::npos) {
    return LineClass{LineShape::kBlank, {}, {}};
  }
  JsonCursor in(line, kMaxNesting);
  const JsonType top = in.peek();
  if (top != JsonType::kObject) {
    if (in.skip_value() && in.at_end()) {
      return invalid("invalid_json", std::string("expected a JSON object, got ") + type_name(top));
    }
    return invalid("invalid_json", in.error().empty() ? "not JSON" : in.error());
  }

  // Only the first occurrence of a member counts, as in the host's parser.
  bool seen_kind = false;
  bool seen_body = false;
  bool kind_is_string = false;
  bool body_is_object = false;
  std::string kind;
  std::array<bool, kEnvelopeStrings.size()> seen_envelope{};
  std::string bad_envelope;
  std::string key;
  in.begin_object();
  while (in.next_member(&key)) {
    const JsonType t = in.peek();
    if (key == "kind" && !seen_kind) {
      seen_kind = true;
      kind_is_string = t == JsonType::kString;
      if (kind_is_string ? !in.read_string(&kind) : !in.skip_value()) break;
      continue;
    }
    if (key == "body" && !seen_body) {
      seen_body = true;
      body_is_object = t == JsonType::kObject;
    } else {
      for (size_t i = 0; i < kEnvelopeStrings.size(); ++i) {
        if (key != kEnvelopeStrings[i] || seen_envelope[i]) continue;
        seen_envelope[i] = true;
        if (t != JsonType::kString && bad_envelope.empty()) bad_envelope = key;
      }
    }
    if (!in.skip_value()) break;
  }
  if (!in.ok()) return invalid("invalid_json", in.error());
  if (!in.at_end()) return invalid("invalid_json", "unexpected text after the JSON object");

  if (!kind_is_string || !body_is_object) return LineClass{LineShape::kBody, {}, {}};
  if (kind.empty()) return invalid("invalid_record", "a record needs a non-empty \"kind\"");
  if (!bad_envelope.empty()) {
    return invalid("invalid_record", "envelope field \"" + bad_envelope + "\" must be a string");
  }
  return LineClass{LineShape::kRecord, {}, {}};
}

}  // namespace mlobs::jsonl_file
