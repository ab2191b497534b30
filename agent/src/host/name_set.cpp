#include "host/name_set.h"

#include <utility>

mlobs_name_set::mlobs_name_set(std::vector<std::string> names) : names_(std::move(names)) {
  index_.reserve(names_.size());
  for (size_t i = 0; i < names_.size(); ++i) index_.emplace(names_[i], static_cast<int32_t>(i));
}

int32_t mlobs_name_set::find(std::string_view name) const {
  const auto it = index_.find(name);
  return it == index_.end() ? -1 : it->second;
}

const std::vector<int32_t>& mlobs_name_set::indexes_for(
    const std::shared_ptr<const mlobs::agent::MemberNames>& table) {
  if (table != table_) {
    indexes_.clear();
    for (size_t i = 0; i < table->size(); ++i) indexes_.push_back(find((*table)[i]));
    table_ = table;
  }
  return indexes_;
}
