// The `jsonl_file` source: follows the files a set of globs names and turns each line into a
// record. Checkpoints advance only when the host acknowledges the batch that read the lines.
#pragma once

#include <mlobs/plugin.hpp>

#include "mlobs/tailed_files/tailed_files.h"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace mlobs::jsonl_file {

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

  std::vector<std::string> patterns_;
  std::string kind_;
  bool read_from_end_ = false;
  size_t max_line_bytes_ = 0;

  tailed_files::TailedFiles files_;

  Series followed_files_;
  Series read_bytes_;
};

}  // namespace mlobs::jsonl_file
