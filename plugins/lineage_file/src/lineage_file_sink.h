// The `lineage_file` sink: writes a lineage event for every dataset_build and training_run
// record (and every ready-made `lineage` record) as one JSON line to a file per UTC day.
#pragma once

#include <mlobs/plugin.hpp>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "day_files.h"
#include "lineage_record_line.h"

namespace mlobs::lineage_file {

class LineageFileSink : public Sink {
 public:
  Status configure(const Config& config) override;
  Status start() override;
  Status write(Batch& batch) override;
  Status stop() override;

 private:
  // Adds the line of the record at `index` to buffer_, or notes why it has none.
  void take(const RecordRef& record, size_t index);
  // Logs and counts a file error; the batch is retried.
  Status unavailable(const FileError& error);
  // Dead letters and counts of a batch, reported once it is written, so a batch retried after
  // a file error reports them once.
  void report_refused(Batch& batch);

  std::string dir_;
  std::string namespace_;
  bool sync_each_batch_ = true;
  std::unique_ptr<DayFiles> files_;

  // The batch being written, kept between batches to reuse the allocations.
  std::string buffer_;
  uint64_t lines_ = 0;
  uint64_t unsupported_ = 0;
  struct Refused {
    size_t index;
    Refusal refusal;
  };
  std::vector<Refused> refused_;

  Series events_written_;
  Series unsupported_skipped_;
  Metric records_skipped_;
  Metric write_errors_;
};

}  // namespace mlobs::lineage_file
