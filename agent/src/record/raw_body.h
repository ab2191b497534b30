// A record body kept as the JSON text it arrived in, checked and indexed in one pass: the index
// holds each top-level member's name and, for scalars, its value. Components that only
// read a few fields of each record, as health and metrics components do, never pay for a DOM,
// and a record that passes through to a sink is written out as its text.
//
// Immutable once built: copies of a record (fan-out to several consumers) share one RawBody
// across threads without a lock.
#pragma once

#include "common/status.h"
#include "record/record.h"

#include <mlobs/plugin.h>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace mlobs::agent {

class RawBody {
 public:
  static constexpr int kMaxDepth = 128;

  // Checks that `json` is exactly one JSON object and indexes it; nullptr with *error set
  // ("invalid JSON at offset N: ...") otherwise.
  static std::shared_ptr<const RawBody> parse(std::string_view json, Status* error);

  const std::string& text() const { return text_; }

  enum class Lookup { kFound, kAbsent, kNeedsDom };
  // The scalar value of member `key` (the first, if the text repeats a name); kNeedsDom for
  // objects and arrays.
  Lookup find(std::string_view key, const Json** out) const;

  // The members in order.
  size_t size() const { return members_.size(); }
  std::string_view name(size_t i) const { return members_[i].name; }
  // The i-th member's scalar value; false for an object or array (see nested_type).
  bool value(size_t i, const Json** out) const {
    *out = &members_[i].value;
    return members_[i].nested == 0;
  }
  mlobs_value_type nested_type(size_t i) const { return members_[i].nested; }

 private:
  struct Member {
    std::string_view name;
    Json value;                   // scalars
    mlobs_value_type nested = 0;  // MLOBS_TYPE_OBJECT or _ARRAY, else 0
  };
  friend struct RawBodyIndexer;
  struct Private {};

 public:
  explicit RawBody(Private) {}

 private:
  bool index_with_simdjson();
  bool index_with_rapidjson(Status* error);
  void build_slots();
  static uint32_t hash(std::string_view key);

  std::string text_;     // as received: what sinks write
  std::string decoded_;  // a copy decoded in place: names and string values point into it
  std::vector<Member> members_;
  std::vector<uint32_t> slots_;  // open addressing over member names: index + 1, 0 = empty
};

}  // namespace mlobs::agent
