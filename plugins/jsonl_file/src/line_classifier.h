// What a JSONL line is, decided before the host parses it: a whole record, the body of a
// record of the configured kind, nothing (blank), or input to dead-letter.
#pragma once

#include <string>
#include <string_view>

namespace mlobs::jsonl_file {

enum class LineShape {
  kRecord,   // {"kind": "<non-empty string>", "body": {...}, ...envelope strings}
  kBody,     // any other JSON object
  kBlank,    // empty or whitespace only: skipped
  kInvalid,  // see reason and error
};

struct LineClass {
  LineShape shape = LineShape::kInvalid;
  std::string_view reason;  // a stable dead-letter label: "invalid_json" or "invalid_record"
  std::string error;        // what is wrong, with the byte offset
};

// Nesting deeper than this is refused here, so no deeper document reaches a recursive parser.
inline constexpr size_t kMaxNesting = 256;

// Validates the whole line (RFC 8259) without building a tree.
LineClass classify_line(std::string_view line);

}  // namespace mlobs::jsonl_file
