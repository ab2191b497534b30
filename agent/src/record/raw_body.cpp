#include "record/raw_body.h"

#include "record/body_blocks.h"
#include "record/record_path.h"

#include <rapidjson/error/en.h>
#include <rapidjson/reader.h>
#include <simdjson.h>

#include <algorithm>
#include <cmath>
#include <cstring>

namespace mlobs::agent {

// The index of one text as a parser read it: names and string values still point into the
// parser's memory until assemble() copies them into the body.
struct BodyIndex {
  std::vector<std::string_view> names;
  std::vector<RawBody::Member> members;
  size_t string_bytes = 0;  // the decoded string values, a NUL after each

  void clear() {
    names.clear();
    members.clear();
    string_bytes = 0;
  }
  // Appends a member of `type` whose value is built in place from `value` (null for objects
  // and arrays).
  template <class... Args>
  void add(mlobs_value_type type, Args&&... value) {
    RawBody::Member& m = members.emplace_back();
    m.type = type;
    const Json* v = new (m.value_storage) Json(std::forward<Args>(value)...);
    if (type == MLOBS_TYPE_STRING) string_bytes += v->GetStringLength() + 1;
  }
};

namespace {

struct RapidJsonIndexer : rapidjson::BaseReaderHandler<rapidjson::UTF8<>, RapidJsonIndexer> {
  explicit RapidJsonIndexer(BodyIndex* index) : index_(index) {}

  bool Key(const char* s, rapidjson::SizeType n, bool) {
    if (depth_ == 1) index_->names.emplace_back(s, n);
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
    if (depth_ == 1) index_->add(value_type(v), std::move(v));
    return true;
  }
  bool open(mlobs_value_type type) {
    if (depth_ == 1) index_->add(type);
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

  BodyIndex* index_;
  int depth_ = 0;
  bool too_deep_ = false;
};

// A copy of the text with room after it: simdjson reads up to SIMDJSON_PADDING bytes past its
// input, and RapidJSON's in-situ reading decodes strings over its own input.
char* padded_copy(std::string_view json) {
  thread_local std::unique_ptr<char[]> bytes;
  thread_local size_t capacity = 0;
  const size_t needed = json.size() + simdjson::SIMDJSON_PADDING;
  if (capacity < needed) {
    capacity = std::max(needed, 2 * capacity);
    bytes = std::make_unique_for_overwrite<char[]>(capacity);
  }
  std::memcpy(bytes.get(), json.data(), json.size());
  std::memset(bytes.get() + json.size(), 0, simdjson::SIMDJSON_PADDING);
  return bytes.get();
}

// The fast reading: simdjson's validating parser. It gives up, for the reading below to decide,
// on anything RapidJSON might read differently: any error, and -0, which it reads as a double
// where RapidJSON reads an integer.
bool index_with_simdjson(std::string_view json, BodyIndex* index) {
  thread_local simdjson::dom::parser parser = [] {
    simdjson::dom::parser p;
    // Should this fail, every parse fails too, and the RapidJSON reading takes over.
    const simdjson::error_code allocated = p.allocate(4096, RawBody::kMaxDepth);
    (void)allocated;
    return p;
  }();
  simdjson::dom::object root;
  if (parser.parse(padded_copy(json), json.size(), false).get(root) != simdjson::SUCCESS) {
    return false;
  }
  index->members.reserve(root.size());
  for (const auto field : root) {
    index->names.emplace_back(field.key.data(), field.key.size());
    const simdjson::dom::element v = field.value;
    switch (v.type()) {
      case simdjson::dom::element_type::OBJECT: index->add(MLOBS_TYPE_OBJECT); break;
      case simdjson::dom::element_type::ARRAY: index->add(MLOBS_TYPE_ARRAY); break;
      case simdjson::dom::element_type::INT64:
        index->add(MLOBS_TYPE_INT, v.get_int64().value_unsafe());
        break;
      case simdjson::dom::element_type::UINT64:
        // Beyond int64: a number readers take as a double, as RapidJSON's reading says.
        index->add(MLOBS_TYPE_DOUBLE, v.get_uint64().value_unsafe());
        break;
      case simdjson::dom::element_type::DOUBLE: {
        const double d = v.get_double().value_unsafe();
        if (d == 0 && std::signbit(d)) return false;
        index->add(MLOBS_TYPE_DOUBLE, d);
        break;
      }
      case simdjson::dom::element_type::STRING: {
        const std::string_view s = v.get_string().value_unsafe();
        index->add(MLOBS_TYPE_STRING,
                   rapidjson::StringRef(s.data(), static_cast<rapidjson::SizeType>(s.size())));
        break;
      }
      case simdjson::dom::element_type::BOOL:
        index->add(MLOBS_TYPE_BOOL, v.get_bool().value_unsafe());
        break;
      case simdjson::dom::element_type::NULL_VALUE: index->add(MLOBS_TYPE_NULL); break;
    }
  }
  return true;
}

// The reading that decides whatever simdjson gave up on, with RapidJSON's exact verdict and
// error message: one in-situ SAX pass over a copy of the text.
bool index_with_rapidjson(std::string_view json, BodyIndex* index, Status* error) {
  // The in-place parse stops at a NUL byte; one inside the text would hide what follows it.
  if (const void* nul = std::memchr(json.data(), '\0', json.size())) {
    const auto offset = static_cast<const char*>(nul) - json.data();
    *error = Status::InvalidArgument("invalid JSON at offset " + std::to_string(offset) +
                                     ": a NUL byte");
    return false;
  }
  RapidJsonIndexer indexer(index);
  rapidjson::InsituStringStream in(padded_copy(json));
  rapidjson::Reader reader;
  // simdjson checks UTF-8 too, so both readings refuse the same texts.
  const rapidjson::ParseResult ok =
      reader.Parse<rapidjson::kParseInsituFlag | rapidjson::kParseValidateEncodingFlag>(in, indexer);
  if (indexer.too_deep()) {
    *error = Status::InvalidArgument("nested deeper than " + std::to_string(RawBody::kMaxDepth) +
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

}  // namespace

RawBodyRef RawBody::parse(std::string_view json, Status* error) {
  return parse_with(json, error, /*simdjson_first=*/true);
}

RawBodyRef RawBody::parse_reference(std::string_view json, Status* error) {
  return parse_with(json, error, /*simdjson_first=*/false);
}

RawBodyRef RawBody::parse_with(std::string_view json, Status* error, bool simdjson_first) {
  const size_t first = json.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos || json[first] != '{') {
    *error = Status::InvalidArgument("a record must be a JSON object");
    return RawBodyRef();
  }
  thread_local BodyIndex index;
  index.clear();
  if (!(simdjson_first && index_with_simdjson(json, &index))) {
    index.clear();
    if (!index_with_rapidjson(json, &index, error)) return RawBodyRef();
  }
  return assemble(json, index);
}

// One carve: this object, the members, the text and a NUL, then each decoded string and a NUL.
RawBodyRef RawBody::assemble(std::string_view json, const BodyIndex& index) {
  auto names = MemberNames::shared_for(index.names);
  const size_t n = index.members.size();
  void* memory =
      body_blocks::allocate(sizeof(RawBody) + n * sizeof(Member) + json.size() + 1 +
                            index.string_bytes);
  auto* members = reinterpret_cast<Member*>(static_cast<RawBody*>(memory) + 1);
  char* text = reinterpret_cast<char*>(members + n);
  std::memcpy(text, json.data(), json.size());
  text[json.size()] = '\0';
  char* strings = text + json.size() + 1;
  for (size_t i = 0; i < n; ++i) {
    const Member& m = index.members[i];
    if (m.type != MLOBS_TYPE_STRING) {
      new (&members[i]) Member(m);
      continue;
    }
    const Json& s = m.value();
    const size_t length = s.GetStringLength();
    std::memcpy(strings, s.GetString(), length);
    strings[length] = '\0';
    members[i].type = MLOBS_TYPE_STRING;
    new (members[i].value_storage)
        Json(rapidjson::StringRef(strings, static_cast<rapidjson::SizeType>(length)));
    strings += length + 1;
  }
  return RawBodyRef(new (memory) RawBody(n, std::move(names), text, json.size()));
}

RawBodyRef::RawBodyRef(const RawBodyRef& other) : body_(other.body_) {
  if (body_) body_->refs_.fetch_add(1, std::memory_order_relaxed);
}

RawBodyRef::~RawBodyRef() {
  if (body_ && body_->refs_.fetch_sub(1, std::memory_order_acq_rel) == 1) {
    auto* body = const_cast<RawBody*>(body_);
    body->~RawBody();
    body_blocks::release(body);
  }
}

RawBody::Lookup RawBody::find(std::string_view key, const Json** out) const {
  const int64_t i = names_->find(key);
  if (i < 0) return Lookup::kAbsent;
  const Member& m = members()[static_cast<size_t>(i)];
  if (m.type == MLOBS_TYPE_OBJECT || m.type == MLOBS_TYPE_ARRAY) return Lookup::kNeedsDom;
  *out = &m.value();
  return Lookup::kFound;
}

}  // namespace mlobs::agent
