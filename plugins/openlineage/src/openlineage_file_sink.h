// The `openlineage_file` sink: appends the OpenLineage RunEvents of every dataset_build,
// training_run and lineage record to one NDJSON file (one RunEvent per line, START before the
// terminal event), for a backend that ingests files, or for inspection.
#pragma once

#include <mlobs/plugin.hpp>

#include <memory>
#include <string>

#include "export_metrics.h"
#include "export_settings.h"
#include "ndjson_file.h"

namespace mlobs::openlineage {

class OpenLineageFileSink : public Sink {
 public:
  Status configure(const Config& config) override;
  Status start() override;
  Status write(Batch& batch) override;
  Status stop() override;

 private:
  // Logs and counts a file error; the batch is retried.
  Status unavailable(const FileError& error);

  ExportSettings settings_;
  std::string path_;
  bool sync_each_batch_ = true;
  std::unique_ptr<NdjsonFile> file_;
  std::string buffer_;  // the batch's lines
  ExportMetrics metrics_;
};

}  // namespace mlobs::openlineage
