#include "batch_events.h"

#include <utility>

#include "mlobs/lineage/record_mapping.h"
#include "mlobs/lineage/record_ref_fields.h"
#include "run_mapping.h"

namespace mlobs::openlineage {

BatchEvents collect_events(const Batch& batch, const ExportSettings& settings) {
  BatchEvents out;
  for (size_t i = 0; i < batch.size(); ++i) {
    const RecordRef record = batch.at(i);
    if (!record.handle()) continue;
    MappedRun mapped = map_run(lineage::RecordRefFields(record), settings.namespace_name);
    if (!mapped.run) {
      if (mapped.reason == lineage::kUnsupportedKind) {
        ++out.unsupported;
      } else {
        out.refused.push_back({i, std::move(mapped.reason), std::move(mapped.detail)});
      }
      continue;
    }
    for (RunEvent& e : run_events(*mapped.run, settings.producer)) {
      out.events.push_back(std::move(e));
    }
  }
  return out;
}

}  // namespace mlobs::openlineage
