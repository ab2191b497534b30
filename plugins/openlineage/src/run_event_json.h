// OpenLineage RunEvents (spec 2-0-2) for one run: a START and the terminal event (COMPLETE, or
// FAIL / ABORT). Both carry the run's stable runId, so a re-sent event is the same event to the
// backend (runId + eventType), and both are made only of the run: the same run always gives the
// same bytes.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "mlobs/lineage/lineage_event.h"
#include "run_mapping.h"

namespace mlobs::openlineage {

struct RunEvent {
  std::string event_type;  // START, COMPLETE, FAIL or ABORT
  std::string run_id;      // the runId (a UUID)
  std::string json;        // one compact JSON object
};

// START (eventTime: the run's start when known, else the terminal time), then the terminal event
// (eventTime: the lineage event time). `producer` is every event's and facet's producer URI.
std::vector<RunEvent> run_events(const RunToExport& run, std::string_view producer);

// The OpenLineage dataset name of an artifact: its name, and "models/<name>" for a model, so a
// model never shares a name with a dataset in the same namespace.
std::string openlineage_dataset_name(const lineage::Artifact& artifact);

}  // namespace mlobs::openlineage
