// The few record fields the lineage mapping reads, whatever holds the record: a host record in a
// plugin (record_ref_fields.h), a parsed document in a test.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mlobs::lineage {

class RecordFields {
 public:
  virtual ~RecordFields() = default;
  // The value at `path` ("id", "kind", "body.dataset_name") as text: a string as it is, an
  // integer in decimal; nullopt for anything else or nothing.
  virtual std::optional<std::string> text(std::string_view path) const = 0;
  // The texts of the array at `path` (other elements skipped), or the text at `path` as the one
  // entry; empty when there is neither.
  virtual std::vector<std::string> text_list(std::string_view path) const = 0;
};

}  // namespace mlobs::lineage
