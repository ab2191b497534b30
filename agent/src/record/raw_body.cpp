#include "record/raw_body.h"

#include "record/record_path.h"

#include <rapidjson/error/en.h>
#include <rapidjson/reader.h>
#include <simdjson.h>

#include <algorithm>
#include <cmath>
#include <cstring>

namespace mlobs::agent {

struct RawBodyIndexer : rapidjson::BaseReaderHandler<rapidjson::UTF8<>, RawBodyIndexer> {
  RawBodyIndexer(RawBody* body, std::vector<std::string_view>* names)
      : body_(body), names_(names) {}

  bool Key(const char* s, rapidjson::SizeType n, bool) {
    if (depth_ == 1) names_->emplace_back(s, n);
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
    if (depth_ == 1) body_->add_member(value_type(v), std::move(v));
    return true;
  }
  bool open(mlobs_value_type type) {
    if (depth_ == 1) body_->add_member(type);
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
  std::vector<std::string_view>* names_;
  int depth_ = 0;
  bool too_deep_ = false;
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
  // Room for the text, a NUL and the decoded strings, which never outgrow the text (each lost
  // at least its quotes); simdjson reads up to SIMDJSON_PADDING bytes past the end of its input.
  body->buffer_ = std::make_unique_for_overwrite<char[]>(
      std::max(json.size() + simdjson::SIMDJSON_PADDING, 2 * json.size() + 2));
  body->text_size_ = json.size();
  body->keep(json);
  // The names as read, valid until the next parse on this thread, then in a shared table.
  thread_local std::vector<std::string_view> names;
  names.clear();
  if (!(simdjson_first && body->index_with_simdjson(&names))) {
    names.clear();
    if (!body->index_with_rapidjson(&names, error)) return nullptr;
  }
  body->names_ = MemberNames::shared_for(names);
  return body;
}

std::string_view RawBody::keep(std::string_view s) {
  char* at = buffer_.get() + used_;
  std::memcpy(at, s.data(), s.size());
  at[s.size()] = '\0';
  used_ += s.size() + 1;
  return std::string_view(at, s.size());
}

// The fast reading: simdjson's validating parser, whose string values are copied into buffer_
// (names stay in the parser until the shared table is found). It gives up, for the reading
// below to decide, on anything RapidJSON might read differently: any error, and -0, which it
// reads as a double where RapidJSON reads an integer.
bool RawBody::index_with_simdjson(std::vector<std::string_view>* names) {
  thread_local simdjson::dom::parser parser = [] {
    simdjson::dom::parser p;
    // Should this fail, every parse fails too, and the RapidJSON reading takes over.
    const simdjson::error_code allocated = p.allocate(4096, kMaxDepth);
    (void)allocated;
    return p;
  }();
  simdjson::dom::object root;
  if (parser.parse(buffer_.get(), text_size_, false).get(root) != simdjson::SUCCESS) return false;
  members_.clear();
  members_.reserve(root.size());
  for (const auto field : root) {
    names->emplace_back(field.key.data(), field.key.size());
    const simdjson::dom::element v = field.value;
    switch (v.type()) {
      case simdjson::dom::element_type::OBJECT: add_member(MLOBS_TYPE_OBJECT); break;
      case simdjson::dom::element_type::ARRAY: add_member(MLOBS_TYPE_ARRAY); break;
      case simdjson::dom::element_type::INT64:
        add_member(MLOBS_TYPE_INT, v.get_int64().value_unsafe());
        break;
      case simdjson::dom::element_type::UINT64:
        // Beyond int64: a number readers take as a double, as RapidJSON's reading says.
        add_member(MLOBS_TYPE_DOUBLE, v.get_uint64().value_unsafe());
        break;
      case simdjson::dom::element_type::DOUBLE: {
        const double d = v.get_double().value_unsafe();
        if (d == 0 && std::signbit(d)) return false;
        add_member(MLOBS_TYPE_DOUBLE, d);
        break;
      }
      case simdjson::dom::element_type::STRING: {
        const std::string_view str = keep(v.get_string().value_unsafe());
        add_member(MLOBS_TYPE_STRING,
                   rapidjson::StringRef(str.data(), static_cast<rapidjson::SizeType>(str.size())));
        break;
      }
      case simdjson::dom::element_type::BOOL:
        add_member(MLOBS_TYPE_BOOL, v.get_bool().value_unsafe());
        break;
      case simdjson::dom::element_type::NULL_VALUE: add_member(MLOBS_TYPE_NULL); break;
    }
  }
  return true;
}

// The reading that decides whatever simdjson gave up on, with RapidJSON's exact verdict and
// error message: one in-situ SAX pass over a copy of the text after it in buffer_.
bool RawBody::index_with_rapidjson(std::vector<std::string_view>* names, Status* error) {
  // The in-place parse stops at a NUL byte; one inside the text would hide what follows it.
  if (const void* nul = std::memchr(buffer_.get(), '\0', text_size_)) {
    const auto offset = static_cast<const char*>(nul) - buffer_.get();
    *error = Status::InvalidArgument("invalid JSON at offset " + std::to_string(offset) +
                                     ": a NUL byte");
    return false;
  }
  used_ = text_size_ + 1;  // drops what a simdjson reading that gave up kept
  keep(text());            // the copy the reader decodes in place
  members_.clear();
  members_.reserve(48);
  RawBodyIndexer indexer(this, names);
  rapidjson::InsituStringStream in(buffer_.get() + text_size_ + 1);
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

RawBody::Lookup RawBody::find(std::string_view key, const Json** out) const {
  const int64_t i = names_->find(key);
  if (i < 0) return Lookup::kAbsent;
  const Member& m = members_[static_cast<size_t>(i)];
  if (m.type == MLOBS_TYPE_OBJECT || m.type == MLOBS_TYPE_ARRAY) return Lookup::kNeedsDom;
  *out = &m.value();
  return Lookup::kFound;
}

}  // namespace mlobs::agent
