// A record body kept as the JSON text it arrived in, checked and indexed in one pass: the index
// holds each top-level member's name (in a table shared with records of the same names) and,
// for scalars, its value. Components that only read a few fields of each record, as health and
// metrics components do, never pay for a DOM, and a record that passes through to a sink is
// written out as its text.
//
// Immutable once built: copies of a record (fan-out to several consumers) share one RawBody
// across threads without a lock. A body is one carve from body_blocks: the index, the text and
// the decoded strings the index points into.
#pragma once

#include "common/status.h"
#include "record/member_names.h"
#include "record/raw_body_ref.h"
#include "record/record.h"

#include <mlobs/plugin.h>

#include <atomic>
#include <cstdint>
#include <memory>
#include <new>
#include <string_view>

namespace mlobs::agent {

struct BodyIndex;

class RawBody {
 public:
  static constexpr int kMaxDepth = 128;

  // Checks that `json` is exactly one JSON object and indexes it; empty with *error set
  // ("invalid JSON at offset N: ...") otherwise.
  static RawBodyRef parse(std::string_view json, Status* error);
  // The same with RapidJSON alone: the reading simdjson's must agree with (tests compare them).
  static RawBodyRef parse_reference(std::string_view json, Status* error);

  std::string_view text() const { return std::string_view(text_, text_size_); }

  enum class Lookup { kFound, kAbsent, kNeedsDom };
  // The scalar value of member `key` (the first, if the text repeats a name); kNeedsDom for
  // objects and arrays.
  Lookup find(std::string_view key, const Json** out) const;

  // The members in order.
  size_t size() const { return size_; }
  std::string_view name(size_t i) const { return (*names_)[i]; }
  // The member names, a table bodies of the same shape share.
  const std::shared_ptr<const MemberNames>& names() const { return names_; }
  // The i-th member's type, and its value for scalars (null for an object or array).
  mlobs_value_type type(size_t i) const { return members()[i].type; }
  const Json& value(size_t i) const { return members()[i].value(); }

  // A member as indexed: its value owns nothing (a scalar, or a string pointing into the
  // body's own memory), so freeing a body runs no destructor per member.
  struct Member {
    alignas(Json) unsigned char value_storage[sizeof(Json)];
    mlobs_value_type type;
    const Json& value() const {
      return *std::launder(reinterpret_cast<const Json*>(value_storage));
    }
  };

 private:
  friend class RawBodyRef;
  friend struct BodyIndex;

  RawBody(size_t size, std::shared_ptr<const MemberNames> names, const char* text,
          size_t text_size)
      : size_(size), text_size_(text_size), text_(text), names_(std::move(names)) {}

  static RawBodyRef parse_with(std::string_view json, Status* error, bool simdjson_first);
  // Lays out a body from an index whose strings still point into a parser's memory.
  static RawBodyRef assemble(std::string_view json, const BodyIndex& index);

  const Member* members() const { return reinterpret_cast<const Member*>(this + 1); }

  mutable std::atomic<uint32_t> refs_{1};
  size_t size_;
  size_t text_size_;
  const char* text_;
  std::shared_ptr<const MemberNames> names_;
};

}  // namespace mlobs::agent
