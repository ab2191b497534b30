// Turns a dataset_build or training_run record (DESIGN.md section 3) into its lineage event, or
// says why it cannot: a stable reason label for dead letters and metrics, and a detail.
//
// Upstream stages write "unknown" for what they do not know; it counts as absent everywhere.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "mlobs/lineage/lineage_event.h"
#include "mlobs/lineage/record_fields.h"

namespace mlobs::lineage {

// Reason labels.
inline constexpr const char* kUnsupportedKind = "unsupported_kind";
inline constexpr const char* kMissingField = "missing_field";
inline constexpr const char* kInvalidField = "invalid_field";

struct MappedEvent {
  std::optional<LineageEvent> event;
  std::string reason;  // when there is no event: kUnsupportedKind, kMissingField, kInvalidField
  std::string detail;
};

// The text at `path`, or nullopt when it is absent, empty or "unknown".
std::optional<std::string> known_text(const RecordFields& record, std::string_view path);

// Maps by the record's kind. `namespace_name` goes into the job and every artifact.
MappedEvent map_record(const RecordFields& record, std::string_view namespace_name);

// "lineage:<record id>".
std::string lineage_event_id(std::string_view record_id);

}  // namespace mlobs::lineage
