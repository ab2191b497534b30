#include "record/record.h"

#include "record/raw_body.h"

#include <rapidjson/error/en.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <random>

namespace mlobs::agent {

JsonAllocator& json_allocator() {
  static JsonAllocator allocator;
  return allocator;
}

namespace {

Json parse_body_text(std::string_view text) {
  JsonDocument doc;
  doc.Parse<rapidjson::kParseIterativeFlag>(text.data(), text.size());
  // The text was checked when it was kept; an object is all it can be.
  return doc.IsObject() ? Json(std::move(static_cast<Json&>(doc))) : Json(rapidjson::kObjectType);
}

}  // namespace

Record::Record() = default;
// No reader can race a destructor: a plain load, not the exchange's full barrier per record.
Record::~Record() { delete built_.load(std::memory_order_acquire); }

Record::Record(const Record& other)
    : kind(other.kind),
      id(other.id),
      source(other.source),
      observed_at(other.observed_at),
      request_id(other.request_id),
      body_(other.body_, json_allocator()),
      raw_(other.raw_) {}

Record::Record(Record&& other) noexcept
    : kind(std::move(other.kind)),
      id(std::move(other.id)),
      source(std::move(other.source)),
      observed_at(std::move(other.observed_at)),
      request_id(std::move(other.request_id)),
      read_only(other.read_only),
      body_(std::move(other.body_)),
      raw_(std::move(other.raw_)),
      built_(other.take_built()) {}

Record& Record::operator=(Record&& other) noexcept {
  if (this != &other) {
    kind = std::move(other.kind);
    id = std::move(other.id);
    source = std::move(other.source);
    observed_at = std::move(other.observed_at);
    request_id = std::move(other.request_id);
    read_only = other.read_only;
    body_ = std::move(other.body_);
    raw_ = std::move(other.raw_);
    delete take_built();
    built_.store(other.take_built(), std::memory_order_release);
  }
  return *this;
}

Json* Record::take_built() { return built_.exchange(nullptr, std::memory_order_acq_rel); }

const Json& Record::body() const {
  if (!raw_) return body_;
  if (Json* built = built_.load(std::memory_order_acquire)) return *built;
  auto fresh = std::make_unique<Json>(parse_body_text(raw_->text()));
  Json* expected = nullptr;
  // Two readers may both build it; the first to publish wins and the other's copy is dropped.
  if (built_.compare_exchange_strong(expected, fresh.get(), std::memory_order_acq_rel)) {
    return *fresh.release();
  }
  return *expected;
}

Json& Record::body() {
  if (raw_) {
    std::unique_ptr<Json> built(take_built());
    body_ = built ? std::move(*built) : parse_body_text(raw_->text());
    raw_.reset();  // copies of this record that still share the text keep it
  }
  return body_;
}

Status Record::set_raw_body(std::string_view json) {
  Status error;
  auto raw = RawBody::parse(json, &error);
  if (!raw) return error;
  raw_ = std::move(raw);
  // A record being filled was never shared: no exchange (a full barrier) on the common path.
  if (built_.load(std::memory_order_relaxed)) delete take_built();
  body_.SetObject();
  return Status::Ok();
}

const Json* Record::find_raw_member(std::string_view key, bool* needs_body) const {
  *needs_body = true;
  if (!raw_) return nullptr;
  const Json* value = nullptr;
  switch (raw_->find(key, &value)) {
    case RawBody::Lookup::kFound: *needs_body = false; return value;
    case RawBody::Lookup::kAbsent: *needs_body = false; return nullptr;
    case RawBody::Lookup::kNeedsDom: return nullptr;
  }
  return nullptr;
}

Record& Record::operator=(const Record& other) {
  if (this != &other) {
    Record copy(other);
    *this = std::move(copy);
  }
  return *this;
}

namespace {

// Appends into a std::string without an intermediate buffer.
struct StringOut {
  using Ch = char;
  std::string* s;
  void Put(char c) { s->push_back(c); }
  void Flush() {}
};

using Writer = rapidjson::Writer<StringOut, rapidjson::UTF8<>, rapidjson::UTF8<>, JsonAllocator>;

// True when `s` holds no byte JSON must escape (a control character, '"' or '\\'). Every
// envelope string of every record written passes through here, so eight bytes are checked at
// a time; a word that might hold one is looked at byte by byte.
bool needs_no_escape(std::string_view s) {
  constexpr uint64_t kOnes = 0x0101010101010101ULL;
  constexpr uint64_t kHigh = 0x8080808080808080ULL;
  auto plain = [](unsigned char c) { return c >= 0x20 && c != '"' && c != '\\'; };
  size_t i = 0;
  for (; i + 8 <= s.size(); i += 8) {
    uint64_t w;
    std::memcpy(&w, s.data() + i, sizeof(w));
    const uint64_t quote = w ^ (kOnes * '"');
    const uint64_t backslash = w ^ (kOnes * '\\');
    // Nonzero when some byte is below 0x20, or zero after the xor (the classic "has zero byte").
    const uint64_t suspect = ((w - kOnes * 0x20) & ~w) | ((quote - kOnes) & ~quote) |
                             ((backslash - kOnes) & ~backslash);
    if ((suspect & kHigh) != 0) {
      for (size_t j = i; j < i + 8; ++j) {
        if (!plain(static_cast<unsigned char>(s[j]))) return false;
      }
    }
  }
  for (; i < s.size(); ++i) {
    if (!plain(static_cast<unsigned char>(s[i]))) return false;
  }
  return true;
}

// Appends `key` (already written as JSON, with what comes before it) and the value as a JSON
// string: directly when it needs no escaping (the common case on the hot path), else through
// the writer.
void append_envelope(std::string* out, std::string_view key, const std::string& value) {
  out->append(key);
  if (needs_no_escape(value)) {
    out->push_back('"');
    out->append(value);
    out->push_back('"');
    return;
  }
  StringOut os{out};
  Writer w(os);
  w.String(value.data(), static_cast<rapidjson::SizeType>(value.size()));
}

bool take_string(JsonDocument& doc, const char* key, std::string* out, std::string* error) {
  auto it = doc.FindMember(key);
  if (it == doc.MemberEnd()) return true;
  if (!it->value.IsString()) {
    *error = std::string("envelope field \"") + key + "\" must be a string";
    return false;
  }
  out->assign(it->value.GetString(), it->value.GetStringLength());
  return true;
}

}  // namespace

void append_json(const Json& value, std::string* out) {
  StringOut os{out};
  Writer w(os);
  value.Accept(w);
}

void Record::append_json(std::string* out) const {
  out->reserve(out->size() + (raw_ ? raw_->text().size() : 0) + 160);
  append_envelope(out, "{\"kind\":", kind);
  append_envelope(out, ",\"id\":", id);
  append_envelope(out, ",\"source\":", source);
  append_envelope(out, ",\"observed_at\":", observed_at);
  append_envelope(out, ",\"request_id\":", request_id);
  out->append(",\"body\":", 8);
  append_body_json(out);
  out->push_back('}');
}

void Record::append_body_json(std::string* out) const {
  if (raw_) {
    out->append(raw_->text());
  } else {
    mlobs::agent::append_json(body_, out);
  }
}

std::string Record::to_json() const {
  std::string out;
  append_json(&out);
  return out;
}

Status parse_record(std::string_view kind, std::string_view json, Record* out) {
  // A bare body on one line: checked now, built only when a component needs a value in it.
  // (Text with line breaks is built at once, so a JSON-lines sink never writes one.)
  const bool one_line = std::memchr(json.data(), '\n', json.size()) == nullptr &&
                        std::memchr(json.data(), '\r', json.size()) == nullptr;
  if (!kind.empty() && one_line) {
    Status s = out->set_raw_body(json);
    if (s.ok()) out->kind.assign(kind);
    return s;
  }
  JsonDocument doc;
  doc.Parse<rapidjson::kParseIterativeFlag | rapidjson::kParseValidateEncodingFlag>(json.data(),
                                                                                   json.size());
  if (doc.HasParseError()) {
    return Status::InvalidArgument(std::string("invalid JSON at offset ") +
                                   std::to_string(doc.GetErrorOffset()) + ": " +
                                   rapidjson::GetParseError_En(doc.GetParseError()));
  }
  if (!doc.IsObject()) return Status::InvalidArgument("a record must be a JSON object");
  if (!kind.empty()) {
    out->kind.assign(kind);
    out->body() = Json(std::move(static_cast<Json&>(doc)));
    return Status::Ok();
  }
  std::string error;
  if (!take_string(doc, "kind", &out->kind, &error) ||
      !take_string(doc, "id", &out->id, &error) ||
      !take_string(doc, "source", &out->source, &error) ||
      !take_string(doc, "observed_at", &out->observed_at, &error) ||
      !take_string(doc, "request_id", &out->request_id, &error)) {
    return Status::InvalidArgument(error);
  }
  if (out->kind.empty()) return Status::InvalidArgument("a record needs a non-empty \"kind\"");
  auto body = doc.FindMember("body");
  if (body == doc.MemberEnd()) {
    out->body().SetObject();
  } else if (!body->value.IsObject()) {
    return Status::InvalidArgument("\"body\" must be a JSON object");
  } else {
    out->body() = Json(std::move(body->value));
  }
  return Status::Ok();
}

namespace {

// Days since 1970-01-01 -> proleptic Gregorian year, month, day (eras of 400 years).
void civil_from_days(int64_t days, int64_t* year, int* month, int* day) {
  days += 719468;
  const int64_t era = (days >= 0 ? days : days - 146096) / 146097;
  const int64_t doe = days - era * 146097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153;
  *day = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  *month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  *year = yoe + era * 400 + (*month <= 2 ? 1 : 0);
}

void put_digits(char* out, int64_t value, int width) {
  for (int i = width - 1; i >= 0; --i, value /= 10) out[i] = static_cast<char>('0' + value % 10);
}

}  // namespace

// Every record gets a timestamp: formatted by hand, without gmtime or printf on the hot path.
std::string format_rfc3339(int64_t unix_nanos) {
  int64_t secs = unix_nanos / 1000000000;
  int64_t nanos = unix_nanos % 1000000000;
  if (nanos < 0) {
    nanos += 1000000000;
    --secs;
  }
  int64_t days = secs / 86400;
  int64_t rem = secs % 86400;
  if (rem < 0) {
    rem += 86400;
    --days;
  }
  int64_t year = 0;
  int month = 0, day = 0;
  civil_from_days(days, &year, &month, &day);
  char buf[] = "0000-00-00T00:00:00.000Z";
  put_digits(buf, year, 4);
  put_digits(buf + 5, month, 2);
  put_digits(buf + 8, day, 2);
  put_digits(buf + 11, rem / 3600, 2);
  put_digits(buf + 14, rem / 60 % 60, 2);
  put_digits(buf + 17, rem % 60, 2);
  put_digits(buf + 20, nanos / 1000000, 3);
  return std::string(buf, sizeof(buf) - 1);
}

std::string random_hex_id() {
  thread_local std::mt19937_64 rng{std::random_device{}()};
  static const char* digits = "0123456789abcdef";
  std::string out(32, '0');
  uint64_t a = rng(), b = rng();
  for (int i = 0; i < 16; ++i) {
    out[i] = digits[(a >> (i * 4)) & 0xF];
    out[16 + i] = digits[(b >> (i * 4)) & 0xF];
  }
  return out;
}

}  // namespace mlobs::agent
