// The host's representation of a record: envelope strings plus a JSON body. Records stay in this
// form from source to sink; plugins reach them through opaque handles (mlobs_record*), so a
// record is never re-parsed between components.
#pragma once

#include "common/status.h"
#include "record/raw_body_ref.h"

#include <rapidjson/document.h>

#include <atomic>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace mlobs::agent {

// Values own their memory through malloc/free: records move freely between batches and threads.
using JsonAllocator = rapidjson::CrtAllocator;
using Json = rapidjson::GenericValue<rapidjson::UTF8<>, JsonAllocator>;
using JsonDocument = rapidjson::GenericDocument<rapidjson::UTF8<>, JsonAllocator>;

// The process-wide stateless allocator instance RapidJSON's API asks for.
JsonAllocator& json_allocator();

class RawBody;

// A record is changed by one thread at a time. A record several sinks share is `read_only`:
// they may read it at once (the body is built from its text once, without changing the record)
// and the host refuses changes to it.
struct Record {
  std::string kind;
  std::string id;
  std::string source;
  std::string observed_at;  // RFC 3339 UTC
  std::string request_id;
  bool read_only = false;

  Record();
  ~Record();
  Record(const Record& other);  // not read-only, whatever `other` is
  Record& operator=(const Record& other);
  Record(Record&& other) noexcept;
  Record& operator=(Record&& other) noexcept;

  // The body as a JSON value for reading, built from the text on first use.
  const Json& body() const;
  // The body for a change: from here on the built value is the record's own and the text is
  // dropped.
  Json& body();

  // Keeps `json` as the body text after checking that it is one JSON object. A DOM is built only
  // when a component changes the body or reads a nested value; a record that only passes
  // through to a sink is written out as the text it came in.
  Status set_raw_body(std::string_view json);
  bool body_is_raw() const { return static_cast<bool>(raw_); }

  // A top-level member of a body kept as text, read without building the body; nullptr with
  // *needs_body set when only the built body can answer (nested values, or no text kept).
  const Json* find_raw_member(std::string_view key, bool* needs_body) const;
  // The body kept as text (member names in order); nullptr when there is none.
  const RawBody* raw_body() const { return raw_.get(); }

  // {"kind":..,"id":..,"source":..,"observed_at":..,"request_id":..,"body":{..}}
  std::string to_json() const;
  void append_json(std::string* out) const;
  void append_body_json(std::string* out) const;

 private:
  Json* take_built();

  Json body_{rapidjson::kObjectType};
  RawBodyRef raw_;  // set: the body is this text, body_ is unused
  // raw_ built into a value by the first reader; published atomically so readers on several
  // threads agree on one.
  mutable std::atomic<Json*> built_{nullptr};
};

using RecordPtr = std::unique_ptr<Record>;

// Parses a whole record (envelope optional except "kind"), or with a non-empty `kind`, a body
// object for a record of that kind.
Status parse_record(std::string_view kind, std::string_view json, Record* out);

// Compact JSON of any value, appended to *out.
void append_json(const Json& value, std::string* out);

// Unix nanoseconds -> "2026-04-07T10:00:00.123Z" (millisecond precision).
std::string format_rfc3339(int64_t unix_nanos);
// A random 32-hex-digit id (request ids).
std::string random_hex_id();

}  // namespace mlobs::agent
