// The counters both OpenLineage sinks keep, registered idempotently by name, so the two sink
// types (and a reload) share the same collectors.
#pragma once

#include <mlobs/plugin.hpp>

#include <string_view>

#include "batch_events.h"

namespace mlobs::openlineage {

class ExportMetrics {
 public:
  void register_with(const Host& host);

  // An event the backend accepted or the file holds.
  void event_exported(const Host& host, std::string_view event_type) const;
  // A failed send or write, by a short label (the HTTP status, "no_response", an errno name).
  void failure(const Host& host, std::string_view label) const;
  // The skipped kinds and the dead letters of a batch, once it is exported (a retried batch
  // reports them once).
  void report_skipped(const Host& host, const Batch& batch, const BatchEvents& events) const;

 private:
  Metric events_;
  Metric skipped_;
  Metric failures_;
};

}  // namespace mlobs::openlineage
