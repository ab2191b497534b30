// A record body kept as the JSON text it arrived in, checked and indexed in one pass: the index
// holds each top-level member's name (in a table shared with records of the same names) and,
// for scalars, its value. Components that only read a few fields of each record, as health and
// metrics components do, never pay for a DOM, and a record that passes through to a sink is
// written out as its text.
//
// Immutable once built: copies of a record (fan-out to several consumers) share one RawBody
// across threads without a lock.
#pragma once

#include "common/status.h"
#include "record/member_names.h"
#include "record/record.h"

#include <mlobs/plugin.h>

#include <cstdint>
#include <memory>
#include <new>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace mlobs::agent {

class RawBody {
  struct Private {};  // only parse() makes one (through std::make_shared)

 public:
  static constexpr int kMaxDepth = 128;

  explicit RawBody(Private) {}

  // Checks that `json` is exactly one JSON object and indexes it; nullptr with *error set
  // ("invalid JSON at offset N: ...") otherwise.
  static std::shared_ptr<const RawBody> parse(std::string_view json, Status* error);
  // The same with RapidJSON alone: the reading simdjson's must agree with (tests compare them).
  static std::shared_ptr<const RawBody> parse_reference(std::string_view json, Status* error);

  std::string_view text() const { return std::string_view(buffer_.get(), text_size_); }

  enum class Lookup { kFound, kAbsent, kNeedsDom };
  // The scalar value of member `key` (the first, if the text repeats a name); kNeedsDom for
  // objects and arrays.
  Lookup find(std::string_view key, const Json** out) const;

  // The members in order.
  size_t size() const { return members_.size(); }
  std::string_view name(size_t i) const { return (*names_)[i]; }
  // The i-th member's type, and its value for scalars (null for an object or array).
  mlobs_value_type type(size_t i) const { return members_[i].type; }
  const Json& value(size_t i) const { return members_[i].value(); }

 private:
  // A member's value owns nothing (a scalar, or a string pointing into buffer_), so members
  // are trivially destructible: freeing a record runs no destructor per member.
  struct Member {
    alignas(Json) unsigned char value_storage[sizeof(Json)];
    mlobs_value_type type;
    const Json& value() const {
      return *std::launder(reinterpret_cast<const Json*>(value_storage));
    }
  };
  // Appends a member of `type` whose value is built in place from `value` (null for objects
  // and arrays).
  template <class... Args>
  void add_member(mlobs_value_type type, Args&&... value) {
    Member& m = members_.emplace_back();
    m.type = type;
    new (m.value_storage) Json(std::forward<Args>(value)...);
  }
  friend struct RawBodyIndexer;

  static std::shared_ptr<const RawBody> parse_with(std::string_view json, Status* error,
                                                   bool simdjson_first);
  bool index_with_simdjson(std::vector<std::string_view>* names);
  bool index_with_rapidjson(std::vector<std::string_view>* names, Status* error);
  // Appends `s` and a NUL to buffer_, which was made large enough for all it will hold.
  std::string_view keep(std::string_view s);

  // The text as received (what sinks write), a NUL, then the decoded strings that values point
  // into: one allocation for both, which never moves.
  std::unique_ptr<char[]> buffer_;
  size_t text_size_ = 0;
  size_t used_ = 0;
  std::vector<Member> members_;
  std::shared_ptr<const MemberNames> names_;
};

}  // namespace mlobs::agent
