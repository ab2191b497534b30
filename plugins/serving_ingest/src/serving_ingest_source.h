// The `serving_ingest` source: follows serving-window JSONL files under
// <root>/<date>/<hour>/, checks every line against the serving_window v1 contract, drops
// duplicate windows and emits the rest as `serving_window` records. Checkpoints advance only
// when the host acknowledges the batch that read the lines.
#pragma once

#include <mlobs/plugin.hpp>

#include "dedup_window.h"
#include "mlobs/tailed_files/tailed_files.h"
#include "serving_window_contract.h"
#include "serving_window_parser.h"

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

namespace mlobs::serving_ingest {

class ServingIngestSource : public Source {
 public:
  Status configure(const Config& config) override;
  Status start() override;
  Status pull(Batch& batch) override;
  void ack(uint64_t sequence) override;
  Status stop() override;

 private:
  Status take_line(const file_follow::FollowedLine& line, Batch& batch, size_t* appended);
  // The line as a serving_window record, or a null record when it was dead-lettered.
  OwnedRecord read_window(const file_follow::FollowedLine& line, std::string_view text);

  std::string pattern_;
  bool read_from_end_ = false;
  size_t max_line_bytes_ = 0;
  int64_t dedup_horizon_nanos_ = 0;
  size_t dedup_max_entries_ = 0;

  tailed_files::TailedFiles files_;
  std::unique_ptr<DedupWindow> dedup_;

  // Reused for every line: the hot path allocates nothing once these have grown.
  ServingWindowParser parser_;
  NameSet contract_fields_{field_names()};
  ServingWindow window_;
  Violation violation_;
  std::string id_;

  Series followed_files_;
  Series duplicates_;
  Series dedup_entries_;
};

}  // namespace mlobs::serving_ingest
