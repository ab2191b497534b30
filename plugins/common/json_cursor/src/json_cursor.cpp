#include "mlobs/json_cursor/json_cursor.h"

namespace mlobs::json {
namespace {

void append_utf8(uint32_t cp, std::string* out) {
  if (cp < 0x80) {
    out->push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

}  // namespace

JsonCursor::JsonCursor(std::string_view text, size_t max_depth)
    : text_(text), max_depth_(max_depth) {}

void JsonCursor::skip_whitespace() {
  while (pos_ < text_.size()) {
    const char c = text_[pos_];
    if (c != ' ' && c != '\t' && c != '\n' && c != '\r') return;
    ++pos_;
  }
}

bool JsonCursor::fail(const char* what) {
  if (error_.empty()) error_ = std::string(what) + " at offset " + std::to_string(pos_);
  return false;
}

JsonType JsonCursor::peek() {
  if (!ok()) return JsonType::kInvalid;
  skip_whitespace();
  if (pos_ >= text_.size()) return JsonType::kInvalid;
  switch (text_[pos_]) {
    case '{':
      return JsonType::kObject;
    case '[':
      return JsonType::kArray;
    case '"':
      return JsonType::kString;
    case 't':
    case 'f':
      return JsonType::kBool;
    case 'n':
      return JsonType::kNull;
    default:
      return text_[pos_] == '-' || is_digit(text_[pos_]) ? JsonType::kNumber : JsonType::kInvalid;
  }
}

bool JsonCursor::begin_object() {
  if (peek() != JsonType::kObject) return fail("expected an object");
  if (first_.size() >= max_depth_) return fail("nesting too deep");
  ++pos_;
  first_.push_back(true);
  return true;
}

bool JsonCursor::begin_array() {
  if (peek() != JsonType::kArray) return fail("expected an array");
  if (first_.size() >= max_depth_) return fail("nesting too deep");
  ++pos_;
  first_.push_back(true);
  return true;
}

// Takes the closing bracket (false, ok) or the ',' between members (true); the first member
// needs no comma.
bool JsonCursor::next_in_container(char close) {
  if (!ok() || first_.empty()) return fail("not inside a container");
  skip_whitespace();
  if (pos_ >= text_.size()) return fail("unexpected end");
  if (text_[pos_] == close) {
    ++pos_;
    first_.pop_back();
    return false;
  }
  if (first_.back()) {
    first_.back() = false;
    return true;
  }
  if (text_[pos_] != ',') return fail(close == '}' ? "expected ',' or '}'" : "expected ',' or ']'");
  ++pos_;
  return true;
}

bool JsonCursor::next_member(std::string* key) {
  if (!next_in_container('}')) return false;
  if (peek() != JsonType::kString) return fail("expected a member name");
  if (!read_string(key)) return false;
  skip_whitespace();
  if (pos_ >= text_.size() || text_[pos_] != ':') return fail("expected ':'");
  ++pos_;
  return true;
}

bool JsonCursor::next_element() {
  if (!next_in_container(']')) return false;
  skip_whitespace();
  return true;
}

bool JsonCursor::read_hex4(uint32_t* out) {
  if (text_.size() - pos_ < 4) return fail("truncated \\u escape");
  uint32_t v = 0;
  for (int i = 0; i < 4; ++i) {
    const char c = text_[pos_++];
    v <<= 4;
    if (c >= '0' && c <= '9') {
      v |= static_cast<uint32_t>(c - '0');
    } else if (c >= 'a' && c <= 'f') {
      v |= static_cast<uint32_t>(c - 'a' + 10);
    } else if (c >= 'A' && c <= 'F') {
      v |= static_cast<uint32_t>(c - 'A' + 10);
    } else {
      return fail("bad \\u escape");
    }
  }
  *out = v;
  return true;
}

bool JsonCursor::read_string(std::string* out) {
  if (peek() != JsonType::kString) return fail("expected a string");
  ++pos_;
  if (out) out->clear();
  while (true) {
    // Copy the run of plain characters in one go.
    const size_t start = pos_;
    while (pos_ < text_.size()) {
      const auto c = static_cast<unsigned char>(text_[pos_]);
      if (c == '"' || c == '\\' || c < 0x20) break;
      ++pos_;
    }
    if (out) out->append(text_.data() + start, pos_ - start);
    if (pos_ >= text_.size()) return fail("unterminated string");
    const char c = text_[pos_];
    if (c == '"') {
      ++pos_;
      return true;
    }
    if (c != '\\') return fail("control character in string");
    if (++pos_ >= text_.size()) return fail("unterminated string");
    const char e = text_[pos_++];
    if (e == 'u') {
      uint32_t cp = 0;
      if (!read_hex4(&cp)) return false;
      if (cp >= 0xDC00 && cp <= 0xDFFF) return fail("lone low surrogate");
      if (cp >= 0xD800 && cp <= 0xDBFF) {
        uint32_t low = 0;
        if (text_.substr(pos_, 2) != "\\u") return fail("unpaired high surrogate");
        pos_ += 2;
        if (!read_hex4(&low)) return false;
        if (low < 0xDC00 || low > 0xDFFF) return fail("bad low surrogate");
        cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
      }
      if (out) append_utf8(cp, out);
      continue;
    }
    // The one-letter escapes and what they stand for, position by position.
    constexpr std::string_view kLetters = "\"\\/bfnrt";
    constexpr std::string_view kMeanings = "\"\\/\b\f\n\r\t";
    const size_t which = kLetters.find(e);
    if (which == std::string_view::npos) {
      --pos_;
      return fail("bad escape");
    }
    const char plain = kMeanings[which];
    if (out) out->push_back(plain);
  }
}

bool JsonCursor::read_uint64(uint64_t* out) {
  if (peek() != JsonType::kNumber) return fail("expected a number");
  const size_t start = pos_;
  uint64_t v = 0;
  while (pos_ < text_.size() && is_digit(text_[pos_])) {
    const auto d = static_cast<uint64_t>(text_[pos_] - '0');
    if (v > (UINT64_MAX - d) / 10) return fail("integer out of range");
    v = v * 10 + d;
    ++pos_;
  }
  if (pos_ == start) return fail("expected a non-negative integer");
  if (text_[start] == '0' && pos_ - start > 1) return fail("leading zero");
  if (pos_ < text_.size() && (text_[pos_] == '.' || text_[pos_] == 'e' || text_[pos_] == 'E')) {
    return fail("expected an integer");
  }
  *out = v;
  return true;
}

bool JsonCursor::skip_number() {
  if (pos_ < text_.size() && text_[pos_] == '-') ++pos_;
  if (pos_ >= text_.size() || !is_digit(text_[pos_])) return fail("bad number");
  if (text_[pos_] == '0') {
    ++pos_;
  } else {
    while (pos_ < text_.size() && is_digit(text_[pos_])) ++pos_;
  }
  if (pos_ < text_.size() && text_[pos_] == '.') {
    ++pos_;
    if (pos_ >= text_.size() || !is_digit(text_[pos_])) return fail("bad number");
    while (pos_ < text_.size() && is_digit(text_[pos_])) ++pos_;
  }
  if (pos_ < text_.size() && (text_[pos_] == 'e' || text_[pos_] == 'E')) {
    ++pos_;
    if (pos_ < text_.size() && (text_[pos_] == '+' || text_[pos_] == '-')) ++pos_;
    if (pos_ >= text_.size() || !is_digit(text_[pos_])) return fail("bad number");
    while (pos_ < text_.size() && is_digit(text_[pos_])) ++pos_;
  }
  return true;
}

bool JsonCursor::expect_literal(std::string_view word) {
  if (text_.substr(pos_, word.size()) != word) return fail("bad literal");
  pos_ += word.size();
  return true;
}

bool JsonCursor::skip_value() {
  switch (peek()) {
    case JsonType::kObject: {
      if (!begin_object()) return false;
      while (next_member(nullptr)) {
        if (!skip_value()) return false;
      }
      return ok();
    }
    case JsonType::kArray: {
      if (!begin_array()) return false;
      while (next_element()) {
        if (!skip_value()) return false;
      }
      return ok();
    }
    case JsonType::kString:
      return read_string(nullptr);
    case JsonType::kNumber:
      return skip_number();
    case JsonType::kBool:
      return expect_literal(text_[pos_] == 't' ? "true" : "false");
    case JsonType::kNull:
      return expect_literal("null");
    case JsonType::kInvalid:
      break;
  }
  return fail(pos_ >= text_.size() ? "unexpected end" : "unexpected character");
}

bool JsonCursor::at_end() {
  skip_whitespace();
  return ok() && pos_ == text_.size();
}

}  // namespace mlobs::json
