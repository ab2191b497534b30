#include "serving_window_parser.h"

#include <rapidjson/error/en.h>
#include <rapidjson/memorystream.h>

#include <charconv>
#include <cstdint>
#include <cstring>
#include <limits>
#include <string>

namespace mlobs::serving_ingest {
namespace {

// SAX events of one line. Only members of the root object are looked at; anything nested
// below a field the contract does not name is skipped.
class Handler : public rapidjson::BaseReaderHandler<rapidjson::UTF8<>, Handler> {
 public:
  explicit Handler(ServingWindow* w) : w_(w) {}

  bool root_not_object() const { return root_not_object_; }
  bool too_deep() const { return too_deep_; }

  bool StartObject() { return open(/*object=*/true); }
  bool EndObject(rapidjson::SizeType) { return close(); }
  bool StartArray() { return open(/*object=*/false); }
  bool EndArray(rapidjson::SizeType) { return close(); }

  bool Key(const char* s, rapidjson::SizeType n, bool) {
    if (depth_ == 1) field_ = field_index(std::string_view(s, n));
    return true;
  }

  bool Null() {
    if (depth_ == 0) return refuse_root();
    if (!at_field()) return true;
    // An optional field set to null is as good as absent; a required one is not.
    if (spec().required) wrong_type();
    w_->present &= ~bit();
    return true;
  }

  bool Bool(bool) {
    if (depth_ == 0) return refuse_root();
    if (at_field()) wrong_type();
    return true;
  }

  bool Int(int i) { return integer(i); }
  bool Uint(unsigned u) { return integer(static_cast<int64_t>(u)); }
  bool Int64(int64_t i) { return integer(i); }
  bool Uint64(uint64_t u) {
    // Beyond int64 is still a non-negative count; clamp rather than wrap.
    constexpr auto kMax = std::numeric_limits<int64_t>::max();
    return integer(u > static_cast<uint64_t>(kMax) ? kMax : static_cast<int64_t>(u));
  }

  bool Double(double d) {
    if (depth_ == 0) return refuse_root();
    if (!at_field()) return true;
    const FieldSpec& f = spec();
    if (f.type == FieldType::kLatency) {
      w_->*f.number = d;
      w_->present |= bit();
    } else {
      wrong_type();  // 1.5, and 1.0 too, is not a count
    }
    return true;
  }

  bool String(const char* s, rapidjson::SizeType n, bool) {
    if (depth_ == 0) return refuse_root();
    if (!at_field()) return true;
    const FieldSpec& f = spec();
    if (f.text == nullptr) {
      wrong_type();
      return true;
    }
    (w_->*f.text).assign(s, n);
    w_->present |= bit();
    return true;
  }

 private:
  bool at_field() const { return depth_ == 1 && field_ >= 0; }
  const FieldSpec& spec() const { return kFields[static_cast<size_t>(field_)]; }
  uint64_t bit() const { return uint64_t{1} << field_; }

  bool refuse_root() {
    root_not_object_ = true;
    return false;
  }

  void wrong_type() {
    if (w_->wrong_type_field < 0) w_->wrong_type_field = field_;
  }

  bool integer(int64_t i) {
    if (depth_ == 0) return refuse_root();
    if (!at_field()) return true;
    const FieldSpec& f = spec();
    switch (f.type) {
      case FieldType::kCount:
        w_->*f.count = i;
        break;
      case FieldType::kLatency:
        w_->*f.number = static_cast<double>(i);
        break;
      case FieldType::kSchemaVersion: {
        char buf[24];
        const auto r = std::to_chars(buf, buf + sizeof(buf), i);
        (w_->*f.text).assign(buf, r.ptr);
        break;
      }
      case FieldType::kString:
      case FieldType::kTimestamp:
        wrong_type();
        return true;
    }
    w_->present |= bit();
    return true;
  }

  bool open(bool object) {
    if (depth_ == 0 && !object) return refuse_root();
    if (at_field()) {
      wrong_type();  // an object or array where the contract wants a scalar
      field_ = -1;
    }
    if (++depth_ > ServingWindowParser::kMaxDepth) {
      too_deep_ = true;
      return false;
    }
    return true;
  }

  bool close() {
    --depth_;
    if (depth_ == 1) field_ = -1;
    return true;
  }

  ServingWindow* w_;
  int depth_ = 0;
  int field_ = -1;
  bool root_not_object_ = false;
  bool too_deep_ = false;
};

// True when every byte is below 0x80. Eight bytes at a time: far cheaper than RapidJSON's
// per-character UTF-8 validation, which then only runs for the rare line that needs it.
bool all_ascii(std::string_view s) {
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

}  // namespace

bool ServingWindowParser::parse(std::string_view line, ServingWindow* w, Violation* v) {
  w->clear();
  // The reader treats NUL as end of input, which would hide anything after it.
  if (line.empty() || std::memchr(line.data(), '\0', line.size()) != nullptr) {
    v->reason = kInvalidJson;
    v->detail = line.empty() ? "empty line" : "NUL byte in line";
    return false;
  }
  Handler handler(w);
  rapidjson::MemoryStream stream(line.data(), line.size());
  // Iterative: nesting costs heap, not stack, so no line can overflow the stack.
  constexpr unsigned kFlags = rapidjson::kParseIterativeFlag;
  const rapidjson::ParseResult result =
      all_ascii(line)
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

}  // namespace mlobs::serving_ingest
