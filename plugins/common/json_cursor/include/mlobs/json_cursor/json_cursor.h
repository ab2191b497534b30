// A forward-only, validating reader over JSON text that builds no tree: plugins use it to look
// at a few members of a line (or of their own small state documents) without a JSON library.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace mlobs::json {

enum class JsonType { kNull, kBool, kNumber, kString, kArray, kObject, kInvalid };

// Reads RFC 8259 JSON. Every method returns false on malformed input (and on any call after
// that); error() then says what and where. Nesting deeper than `max_depth` is an error too, so
// hostile input cannot exhaust the stack of skip_value() or of a parser handed the text later.
class JsonCursor {
 public:
  explicit JsonCursor(std::string_view text, size_t max_depth = 128);

  // The type of the next value, from its first character; kInvalid at the end or on an error.
  JsonType peek();

  // Objects: begin_object() takes the '{'; next_member() takes the next key and its ':', or the
  // closing '}' (then returns false with ok() still true).
  bool begin_object();
  bool next_member(std::string* key);
  // Arrays: the same with '[', next_element() and ']'.
  bool begin_array();
  bool next_element();

  // Reads a string value, decoding escapes (\uXXXX to UTF-8). `out` may be null to skip it.
  bool read_string(std::string* out);
  // Reads a non-negative integer that fits in 64 bits (no sign, fraction or exponent).
  bool read_uint64(uint64_t* out);
  // Reads and validates any value.
  bool skip_value();
  // True when only whitespace is left.
  bool at_end();

  bool ok() const { return error_.empty(); }
  // "what at offset N"; empty while ok().
  const std::string& error() const { return error_; }

 private:
  void skip_whitespace();
  bool fail(const char* what);
  bool expect_literal(std::string_view word);
  bool skip_number();
  bool read_hex4(uint32_t* out);
  bool next_in_container(char close);

  std::string_view text_;
  size_t pos_ = 0;
  size_t max_depth_;
  std::vector<bool> first_;  // per open container: no member read yet
  std::string error_;
};

}  // namespace mlobs::json
