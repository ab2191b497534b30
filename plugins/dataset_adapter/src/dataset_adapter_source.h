// The `dataset_adapter` source: watches globs for Parquet files and JSON metadata files, and
// turns each new or rewritten one into a dataset_build record (a Parquet file from its footer
// alone). A file that cannot make one (damaged, or missing what the contract needs) goes to the
// dead-letter output with the reason, and a check_report record says which check failed; so
// does a configured plain path (no glob characters) that names no file, once per start. Files
// are remembered by identity and modification (device, inode, size, mtime), stored through the
// host once the batch that read them is acknowledged: a restart does not emit them again.
#pragma once

#include <mlobs/plugin.hpp>

#include "dataset_build.h"
#include "mlobs/read_once/read_once_files.h"

#include <cstdint>
#include <set>
#include <string>
#include <vector>

namespace mlobs::dataset_adapter {

class DatasetAdapterSource : public Source {
 public:
  Status configure(const Config& config) override;
  Status start() override;
  Status pull(Batch& batch) override;
  void ack(uint64_t sequence) override;

 private:
  // The file's build, or its dead letter and check report; an error when the host refuses a
  // record.
  Status take_file(const std::string& path, Batch& batch);
  Status report_failure(const std::string& path, std::string_view check, std::string_view reason,
                        const std::string& detail, Batch& batch);
  void store_read_files();

  std::vector<std::string> patterns_;
  DatasetSettings settings_;

  read_once::ReadOnceFiles files_;
  // Plain paths in `paths` reported as naming no file since start(): once per start.
  std::set<std::string> reported_missing_;

  Series builds_;
};

}  // namespace mlobs::dataset_adapter
