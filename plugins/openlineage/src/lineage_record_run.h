// A `lineage` record: a lineage event some other component already made (the body has the
// lineage_file line's shape: event_type, event_time, run.run_id, run.started_at, job.namespace,
// job.name, inputs[], outputs[] of {type, namespace, name, version, uri}), read back into a run.
#pragma once

#include <string_view>

#include "run_mapping.h"

namespace mlobs::openlineage {

MappedRun map_lineage_record(const lineage::RecordFields& record, std::string_view namespace_name);

}  // namespace mlobs::openlineage
