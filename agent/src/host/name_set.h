// The names a component looks for in record bodies (mlobs_name_set, ABI 1.2). It matches a
// body's member names against its own once per name table: bodies of one stream share a table,
// so their members come with their index in the set and the component compares no name.
#pragma once

#include "record/member_names.h"

#include <mlobs/plugin.h>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

struct mlobs_name_set {
  explicit mlobs_name_set(std::vector<std::string> names);

  // The index of `name` in the set, or -1.
  int32_t find(std::string_view name) const;

  // For each member of a body with `table`, its index in the set (or -1). Worked out again only
  // when the table is another than last time.
  const std::vector<int32_t>& indexes_for(const std::shared_ptr<const mlobs::agent::MemberNames>& table);

 private:
  std::vector<std::string> names_;
  std::unordered_map<std::string_view, int32_t> index_;  // views into names_; first one wins
  // Held, not just compared by address: a table freed and another made at the same address
  // cannot be mistaken for it.
  std::shared_ptr<const mlobs::agent::MemberNames> table_;
  std::vector<int32_t> indexes_;
};
