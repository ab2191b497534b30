// The line of a `lineage` record (an event some other component already made): its body as it
// is, given the record id as event_id when the body has none, so every line has one.
#pragma once

#include <mlobs/plugin.hpp>

#include <optional>
#include <string>

namespace mlobs::lineage_file {

// Why a record has no line: a reason label and a detail.
struct Refusal {
  std::string reason;
  std::string detail;
};

// Appends the line, without its newline, to *out; or returns why there is none.
std::optional<Refusal> append_lineage_record_line(const RecordRef& record, std::string* out);

}  // namespace mlobs::lineage_file
