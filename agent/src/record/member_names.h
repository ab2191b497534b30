// The member names of a record body, in order, with a hash index over them. Records of one
// stream nearly always carry the same names in the same order, so bodies share one immutable
// table: a parsing thread keeps the few tables it made last and hands out the one that matches,
// and a record neither copies its names nor hashes them.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace mlobs::agent {

class MemberNames {
  struct Private {};  // only shared_for() makes one (through std::make_shared)

 public:
  MemberNames(Private, const std::vector<std::string_view>& names);

  // A table holding exactly `names`: one this thread handed out lately, or a new one.
  static std::shared_ptr<const MemberNames> shared_for(const std::vector<std::string_view>& names);

  size_t size() const { return names_.size(); }
  std::string_view operator[](size_t i) const { return names_[i]; }
  // The index of the first member named `key`, or -1.
  int64_t find(std::string_view key) const;

 private:
  bool equals(const std::vector<std::string_view>& names) const;
  static uint32_t hash(std::string_view key);

  std::string storage_;                  // the names, each NUL-terminated
  std::vector<std::string_view> names_;  // into storage_
  std::vector<uint32_t> slots_;          // open addressing: index + 1, 0 = empty
};

}  // namespace mlobs::agent
