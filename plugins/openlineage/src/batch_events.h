// One pass over a batch, shared by both sinks: the RunEvents of every record that maps, the
// records that cannot (for the dead-letter output), and how many were of a kind with no lineage.
#pragma once

#include <mlobs/plugin.hpp>

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "export_settings.h"
#include "run_event_json.h"

namespace mlobs::openlineage {

struct RefusedRecord {
  size_t index;  // in the batch
  std::string reason;
  std::string detail;
};

struct BatchEvents {
  std::vector<RunEvent> events;  // in record order, START before its terminal event
  std::vector<RefusedRecord> refused;
  uint64_t unsupported = 0;
};

BatchEvents collect_events(const Batch& batch, const ExportSettings& settings);

}  // namespace mlobs::openlineage
