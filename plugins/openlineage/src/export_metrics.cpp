#include "export_metrics.h"

#include "mlobs/lineage/record_mapping.h"

namespace mlobs::openlineage {

void ExportMetrics::register_with(const Host& host) {
  events_ = host.counter("mlobs_openlineage_events_total",
                         "OpenLineage RunEvents an OpenLineage sink exported, by eventType",
                         {"component", "event_type"});
  skipped_ = host.counter("mlobs_openlineage_records_skipped_total",
                          "Records an OpenLineage sink made no events of, by reason",
                          {"component", "reason"});
  failures_ = host.counter("mlobs_openlineage_failures_total",
                           "Failed sends or writes of an OpenLineage sink (the batch is retried "
                           "or dead-lettered), by HTTP status or error",
                           {"component", "error"});
}

void ExportMetrics::event_exported(const Host& host, std::string_view event_type) const {
  events_.series({host.component_id(), event_type}).add();
}

void ExportMetrics::failure(const Host& host, std::string_view label) const {
  failures_.series({host.component_id(), label}).add();
}

void ExportMetrics::report_skipped(const Host& host, const Batch& batch,
                                   const BatchEvents& events) const {
  if (events.unsupported > 0) {
    skipped_.series({host.component_id(), lineage::kUnsupportedKind})
        .add(static_cast<double>(events.unsupported));
  }
  for (const RefusedRecord& r : events.refused) {
    const RecordRef record = batch.at(r.index);
    host.dead_letter(&record, r.reason, {{"detail", r.detail}});
    skipped_.series({host.component_id(), r.reason}).add();
  }
}

}  // namespace mlobs::openlineage
