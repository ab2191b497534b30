#include "record/record.h"

#include <rapidjson/error/en.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <array>
#include <cstdio>
#include <ctime>
#include <random>

namespace mlobs::agent {

JsonAllocator& json_allocator() {
  static JsonAllocator allocator;
  return allocator;
}

Record::Record(const Record& other)
    : kind(other.kind),
      id(other.id),
      source(other.source),
      observed_at(other.observed_at),
      request_id(other.request_id),
      body(other.body, json_allocator()) {}

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

void write_envelope(Writer& w, const char* key, const std::string& value) {
  w.Key(key);
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
  StringOut os{out};
  Writer w(os);
  w.StartObject();
  write_envelope(w, "kind", kind);
  write_envelope(w, "id", id);
  write_envelope(w, "source", source);
  write_envelope(w, "observed_at", observed_at);
  write_envelope(w, "request_id", request_id);
  w.Key("body");
  body.Accept(w);
  w.EndObject();
}

std::string Record::to_json() const {
  std::string out;
  append_json(&out);
  return out;
}

Status parse_record(std::string_view kind, std::string_view json, Record* out) {
  JsonDocument doc;
  doc.Parse(json.data(), json.size());
  if (doc.HasParseError()) {
    return Status::InvalidArgument(std::string("invalid JSON at offset ") +
                                   std::to_string(doc.GetErrorOffset()) + ": " +
                                   rapidjson::GetParseError_En(doc.GetParseError()));
  }
  if (!doc.IsObject()) return Status::InvalidArgument("a record must be a JSON object");
  if (!kind.empty()) {
    out->kind.assign(kind);
    out->body = Json(std::move(static_cast<Json&>(doc)));
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
    out->body.SetObject();
  } else if (!body->value.IsObject()) {
    return Status::InvalidArgument("\"body\" must be a JSON object");
  } else {
    out->body = Json(std::move(body->value));
  }
  return Status::Ok();
}

std::string format_rfc3339(int64_t unix_nanos) {
  const time_t secs = static_cast<time_t>(unix_nanos / 1000000000);
  const int millis = static_cast<int>((unix_nanos % 1000000000) / 1000000);
  std::tm tm{};
  gmtime_r(&secs, &tm);
  std::array<char, 96> buf{};  // room for any int fields, so no truncation
  std::snprintf(buf.data(), buf.size(), "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900,
                tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, millis);
  return buf.data();
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
