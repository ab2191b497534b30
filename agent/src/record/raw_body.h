// Read access to the top-level members of a body still kept as text, without building a DOM:
// one in-situ SAX pass over a private copy records each member's name and, for scalars, its
// value (strings point into the copy). Components that only read a few fields of each record,
// as health and metrics components do, never pay for a full parse.
#pragma once

#include "record/record.h"

#include <string>
#include <string_view>
#include <vector>

namespace mlobs::agent {

class RawBodyIndex {
 public:
  // Indexes `raw` (one JSON object, already checked).
  explicit RawBodyIndex(const std::string& raw);

  enum class Lookup { kFound, kAbsent, kNeedsDom };
  // The scalar value of member `key`; kNeedsDom for objects and arrays.
  Lookup find(std::string_view key, const Json** out) const;

  // The members in order, for key iteration; false when the text could not be indexed.
  bool valid() const { return valid_; }
  size_t size() const { return members_.size(); }
  std::string_view name(size_t i) const { return members_[i].name; }

 private:
  struct Member {
    std::string_view name;
    Json value;  // scalars; objects and arrays are marked `nested`
    bool nested = false;
  };
  friend struct RawBodyIndexBuilder;

  std::string text_;  // decoded in place; names and strings point into it
  std::vector<Member> members_;
  mutable size_t hint_ = 0;  // readers tend to read fields in order
  bool valid_ = false;
};

}  // namespace mlobs::agent
