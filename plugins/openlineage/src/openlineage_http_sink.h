// The `openlineage_http` sink: POSTs the OpenLineage RunEvents of every dataset_build,
// training_run and lineage record to an OpenLineage API (Marquez: POST /api/v1/lineage), one
// event per request, START before the terminal event, through the host's HTTP client.
//
// One write() is one attempt: on a response that is not 2xx the batch's status says what the
// host does (retry with backoff, or dead-letter). Events the backend accepted during a batch's
// failed attempts are not sent again when the same batch is retried.
#pragma once

#include <mlobs/plugin.hpp>

#include <cstdint>
#include <optional>
#include <set>
#include <string>

#include "export_metrics.h"
#include "export_settings.h"

namespace mlobs::openlineage {

class OpenLineageHttpSink : public Sink {
 public:
  Status configure(const Config& config) override;
  Status write(Batch& batch) override;

 private:
  Status send(const RunEvent& event);

  ExportSettings settings_;
  std::string target_url_;  // url + endpoint
  std::string authorization_;  // "Bearer <token>"; empty: no Authorization header
  ExportMetrics metrics_;

  // runId/eventType of the events accepted while the batch of this sequence kept failing.
  std::optional<uint64_t> failing_sequence_;
  std::set<std::string> accepted_;
};

}  // namespace mlobs::openlineage
