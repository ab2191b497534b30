// The `training_adapter` source: watches globs for training run metadata, JSON files and bundle
// directories, and turns each new or rewritten one into a training_run record. Input dataset
// fields, model version and artifact path that were not written become "unknown", are named in
// the record and counted. Metadata that cannot make a run goes to the dead-letter output with
// the reason, and a check_report record says why; so does a configured plain path (no glob
// characters) that names nothing, once per start. What was read is remembered per version (a
// bundle's version covers its three files) and stored through the host once the batch that
// read it is acknowledged: a restart does not emit it again.
#pragma once

#include <mlobs/plugin.hpp>

#include "mlobs/read_once/read_once_files.h"
#include "training_inputs.h"

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace mlobs::training_adapter {

class TrainingAdapterSource : public Source {
 public:
  Status configure(const Config& config) override;
  Status start() override;
  Status pull(Batch& batch) override;
  void ack(uint64_t sequence) override;

 private:
  // The input's run, or its dead letter and check report; an error when the host refuses a
  // record.
  Status take_input(const TrainingInput& input, Batch& batch);
  // `file` is the file at fault (the path itself, or one of a bundle's files).
  Status report_failure(const std::string& path, const std::string& file, std::string_view check,
                        std::string_view reason, const std::string& detail, Batch& batch);
  void store_read_files();

  std::vector<std::string> patterns_;

  read_once::ReadOnceFiles files_;
  std::set<std::string> reported_missing_;  // since start()

  Series runs_;
  std::map<std::string, Series, std::less<>> unknown_fields_;  // by field name
};

}  // namespace mlobs::training_adapter
