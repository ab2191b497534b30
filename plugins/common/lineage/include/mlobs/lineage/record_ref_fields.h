// RecordFields over a host record, for plugins (needs the SDK, header-only so the library itself
// does not).
#pragma once

#include <mlobs/plugin.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "mlobs/lineage/record_fields.h"

namespace mlobs::lineage {

class RecordRefFields : public RecordFields {
 public:
  explicit RecordRefFields(RecordRef record) : record_(record) {}

  std::optional<std::string> text(std::string_view path) const override {
    switch (record_.type(path)) {
      case MLOBS_TYPE_STRING:
        return std::string(record_.get_string(path).value_or(""));
      case MLOBS_TYPE_INT:
        if (auto v = record_.get_int(path)) return std::to_string(*v);
        return std::nullopt;
      default:
        return std::nullopt;
    }
  }

  std::vector<std::string> text_list(std::string_view path) const override {
    std::vector<std::string> out;
    if (record_.type(path) != MLOBS_TYPE_ARRAY) {
      if (auto single = text(path)) out.push_back(std::move(*single));
      return out;
    }
    const size_t n = record_.size(path);
    std::string element(path);
    element += '.';
    const size_t prefix = element.size();
    for (size_t i = 0; i < n; ++i) {
      element.resize(prefix);
      element += std::to_string(i);
      if (auto value = text(element)) out.push_back(std::move(*value));
    }
    return out;
  }

 private:
  RecordRef record_;
};

}  // namespace mlobs::lineage
