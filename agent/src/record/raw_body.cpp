#include "record/raw_body.h"

#include "record/record_path.h"

#include <rapidjson/error/en.h>
#include <rapidjson/reader.h>
#include <simdjson.h>

#include <cmath>
#include <cstring>

namespace mlobs::agent {

struct RawBodyIndexer : rapidjson::BaseReaderHandler<rapidjson::UTF8<>, RawBodyIndexer> {
  explicit RawBodyIndexer(RawBody* body) : body_(body) {}

  bool Key(const char* s, rapidjson::SizeType n, bool) {
    if (depth_ == 1) key_ = std::string_view(s, n);
    return true;
  }
  bool Null() { return scalar(Json()); }
  bool Bool(bool b) { return scalar(Json(b)); }
  bool Int(int i) { return scalar(Json(i)); }
  bool Uint(unsigned u) { return scalar(Json(u)); }
  bool Int64(int64_t i) { return scalar(Json(i)); }
  bool Uint64(uint64_t u) { return scalar(Json(u)); }
  bool Double(double d) { return scalar(Json(d)); }
  bool String(const char* s, rapidjson::SizeType n, bool) {
    return scalar(Json(rapidjson::StringRef(s, n)));
  }
  bool StartObject() { return open(MLOBS_TYPE_OBJECT); }
  bool EndObject(rapidjson::SizeType) { return close(); }
  bool StartArray() { return open(MLOBS_TYPE_ARRAY); }
  bool EndArray(rapidjson::SizeType) { return close(); }

  bool too_deep() const { return too_deep_; }

 private:
  bool scalar(Json v) {
    if (depth_ == 1) body_->add_member(key_, value_type(v), std::move(v));
    return true;
  }
  bool open(mlobs_value_type type) {
    if (depth_ == 1) body_->add_member(key_, type);
    // The reader recurses once per level: a bound keeps any line from exhausting the stack.
    if (++depth_ > RawBody::kMaxDepth) {
      too_deep_ = true;
      return false;
    }
    return true;
  }
  bool close() {
    --depth_;
    return true;
  }

  RawBody* body_;
  int depth_ = 0;
  bool too_deep_ = false;
  std::string_view key_;
};

std::shared_ptr<const RawBody> RawBody::parse(std::string_view json, Status* error) {
  return parse_with(json, error, /*simdjson_first=*/true);
}

std::shared_ptr<const RawBody> RawBody::parse_reference(std::string_view json, Status* error) {
  return parse_with(json, error, /*simdjson_first=*/false);
}

std::shared_ptr<const RawBody> RawBody::parse_with(std::string_view json, Status* error,
                                                   bool simdjson_first) {
  const size_t first = json.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos || json[first] != '{') {
    *error = Status::InvalidArgument("a record must be a JSON object");
    return nullptr;
  }
  auto body = std::make_shared<RawBody>(Private());
  // simdjson reads up to SIMDJSON_PADDING bytes past the end of its input.
  body->text_.reserve(json.size() + simdjson::SIMDJSON_PADDING);
  body->text_.assign(json);
  if (!(simdjson_first && body->index_with_simdjson()) && !body->index_with_rapidjson(error)) {
    return nullptr;
  }
  body->build_slots();
  return body;
}

// The fast reading: simdjson's validating parser, whose strings are copied into decoded_ (which
// never outgrows the text, so the names and values pointing into it stay put). It gives up, for
// the reading below to decide, on anything RapidJSON might read differently: any error, and -0,
// which it reads as a double where RapidJSON reads an integer.
bool RawBody::index_with_simdjson() {
  thread_local simdjson::dom::parser parser = [] {
    simdjson::dom::parser p;
    // Should this fail, every parse fails too, and the RapidJSON reading takes over.
    const simdjson::error_code allocated = p.allocate(4096, kMaxDepth);
    (void)allocated;
    return p;
  }();
  simdjson::dom::object root;
  if (parser.parse(text_.data(), text_.size(), false).get(root) != simdjson::SUCCESS) return false;
  decoded_.clear();
  decoded_.reserve(text_.size());
  members_.clear();
  members_.reserve(root.size());
  // NUL-terminated like RapidJSON's strings; with its quotes each took more room in the text.
  auto keep = [&](std::string_view s) {
    const size_t at = decoded_.size();
    decoded_.append(s).push_back('\0');
    return std::string_view(decoded_.data() + at, s.size());
  };
  for (const auto field : root) {
    const std::string_view name = keep(field.key);
    const simdjson::dom::element v = field.value;
    switch (v.type()) {
      case simdjson::dom::element_type::OBJECT: add_member(name, MLOBS_TYPE_OBJECT); break;
      case simdjson::dom::element_type::ARRAY: add_member(name, MLOBS_TYPE_ARRAY); break;
      case simdjson::dom::element_type::INT64:
        add_member(name, MLOBS_TYPE_INT, v.get_int64().value_unsafe());
        break;
      case simdjson::dom::element_type::UINT64:
        // Beyond int64: a number readers take as a double, as RapidJSON's reading says.
        add_member(name, MLOBS_TYPE_DOUBLE, v.get_uint64().value_unsafe());
        break;
      case simdjson::dom::element_type::DOUBLE: {
        const double d = v.get_double().value_unsafe();
        if (d == 0 && std::signbit(d)) return false;
        add_member(name, MLOBS_TYPE_DOUBLE, d);
        break;
      }
      case simdjson::dom::element_type::STRING: {
        const std::string_view str = keep(v.get_string().value_unsafe());
        add_member(name, MLOBS_TYPE_STRING,
                   rapidjson::StringRef(str.data(), static_cast<rapidjson::SizeType>(str.size())));
        break;
      }
      case simdjson::dom::element_type::BOOL:
        add_member(name, MLOBS_TYPE_BOOL, v.get_bool().value_unsafe());
        break;
      case simdjson::dom::element_type::NULL_VALUE: add_member(name, MLOBS_TYPE_NULL); break;
    }
  }
  return true;
}

// The reading that decides whatever simdjson gave up on, with RapidJSON's exact verdict and
// error message: one in-situ SAX pass over decoded_.
bool RawBody::index_with_rapidjson(Status* error) {
  // The in-place parse stops at a NUL byte; one inside the text would hide what follows it.
  if (const void* nul = std::memchr(text_.data(), '\0', text_.size())) {
    const auto offset = static_cast<const char*>(nul) - text_.data();
    *error = Status::InvalidArgument("invalid JSON at offset " + std::to_string(offset) +
                                     ": a NUL byte");
    return false;
  }
  decoded_.assign(text_);
  members_.clear();
  members_.reserve(48);
  RawBodyIndexer indexer(this);
  rapidjson::InsituStringStream in(decoded_.data());
  rapidjson::Reader reader;
  const rapidjson::ParseResult ok = reader.Parse<rapidjson::kParseInsituFlag>(in, indexer);
  if (indexer.too_deep()) {
    *error = Status::InvalidArgument("nested deeper than " + std::to_string(kMaxDepth) +
                                     " levels");
    return false;
  }
  if (!ok) {
    *error = Status::InvalidArgument(std::string("invalid JSON at offset ") +
                                     std::to_string(ok.Offset()) + ": " +
                                     rapidjson::GetParseError_En(ok.Code()));
    return false;
  }
  return true;
}

// Runs for every member of every record and every lookup, so it looks at no more than the
// length and the first and last eight bytes; names alike in all three only cost a probe.
uint32_t RawBody::hash(std::string_view key) {
  uint64_t head = 0;
  uint64_t tail = 0;
  if (key.size() >= 8) {
    std::memcpy(&head, key.data(), 8);
    std::memcpy(&tail, key.data() + key.size() - 8, 8);
  } else if (!key.empty()) {
    std::memcpy(&head, key.data(), key.size());
  }
  const uint64_t h = head * 0x9E3779B97F4A7C15ull ^ (tail + key.size()) * 0xC2B2AE3D27D4EB4Full;
  return static_cast<uint32_t>(h >> 32);
}

void RawBody::build_slots() {
  size_t capacity = 16;
  while (capacity < members_.size() * 2) capacity *= 2;
  slots_.assign(capacity, 0);
  const size_t mask = capacity - 1;
  for (size_t i = 0; i < members_.size(); ++i) {
    for (size_t s = hash(members_[i].name) & mask;; s = (s + 1) & mask) {
      if (slots_[s] == 0) {
        slots_[s] = static_cast<uint32_t>(i + 1);
        break;
      }
      if (members_[slots_[s] - 1].name == members_[i].name) break;  // a repeat: first wins
    }
  }
}

RawBody::Lookup RawBody::find(std::string_view key, const Json** out) const {
  const size_t mask = slots_.size() - 1;
  for (size_t s = hash(key) & mask; slots_[s] != 0; s = (s + 1) & mask) {
    const Member& m = members_[slots_[s] - 1];
    if (m.name != key) continue;
    if (m.type == MLOBS_TYPE_OBJECT || m.type == MLOBS_TYPE_ARRAY) return Lookup::kNeedsDom;
    *out = &m.value();
    return Lookup::kFound;
  }
  return Lookup::kAbsent;
}

}  // namespace mlobs::agent
