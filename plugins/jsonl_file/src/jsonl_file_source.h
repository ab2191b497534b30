// The `jsonl_file` source: follows the files a set of globs names and turns each line into a
// record. Checkpoints advance only when the host acknowledges the batch that read the lines.
#pragma once

#include <mlobs/plugin.hpp>

#include "mlobs/file_follow/checkpoint_journal.h"
#include "mlobs/file_follow/followed_files.h"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace mlobs::jsonl_file {

// All files' checkpoints live under this one state key, as one document written atomically
// by the host, so one acknowledgement moves every file's checkpoint at once.
inline constexpr std::string_view kCheckpointKey = "checkpoints";

class JsonlFileSource : public Source {
 public:
  Status configure(const Config& config) override;
  Status start() override;
  Status pull(Batch& batch) override;
  void ack(uint64_t sequence) override;
  Status stop() override;

 private:
  // Appends the line's record to the batch, or dead-letters it.
  Status take_line(const file_follow::FollowedLine& line, Batch& batch, size_t* appended);
  void scan();
  void log_events();
  void store_checkpoints();

  std::vector<std::string> patterns_;
  std::string kind_;
  bool read_from_end_ = false;
  size_t max_line_bytes_ = 0;

  std::unique_ptr<file_follow::FollowedFiles> files_;
  file_follow::CheckpointJournal journal_;
  bool store_pending_ = false;  // the committed state changed but is not stored yet
  bool last_pull_full_ = false;
  int64_t last_scan_nanos_ = 0;

  Series followed_files_;
  Series read_bytes_;
};

}  // namespace mlobs::jsonl_file
