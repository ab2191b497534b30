// The `freshness` processor: remembers the newest build of every dataset from dataset_build
// records, and emits a freshness record (how old that build is, FRESH or STALE) for each
// dataset a batch brought a build of, and for every known dataset on each interval tick and at
// flush, so a dataset goes stale without new input. What it knows is kept in the host's state
// store, so after a restart the datasets seen before are still reported (their sources do not
// send acknowledged builds again). It only reads its input, which passes on as it came.
#pragma once

#include <cstdint>
#include <mlobs/plugin.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "freshness_settings.h"
#include "known_datasets.h"

namespace mlobs::freshness {

class FreshnessProcessor : public ReadOnlyProcessor {
 public:
  Status configure(const Config& config) override;
  Status start() override;
  Status process(Batch& batch) override;
  Status tick(int64_t now_unix_nanos) override;
  Status flush() override;
  Status stop() override;

 private:
  enum SkipReason { kMissingDatasetName, kBadBuiltAt, kTooManyDatasets, kReasons };

  // Takes one dataset_build; returns the dataset's name when it is known afterwards (taken, or
  // older than the build known), empty when the build was skipped (counted by reason).
  std::string take_build(const RecordRef& rec, bool* changed);
  void skipped(SkipReason reason, std::string_view dataset_name, std::string_view built_at);
  Status report(const std::string& dataset_name, const NewestBuild& build,
                int64_t unix_nanos) const;
  Status report_all(int64_t now_ns) const;
  void store() const;

  FreshnessSettings settings_;
  KnownDatasets datasets_{settings_.max_datasets};
  Metric skipped_builds_;
  Series skipped_by_reason_[kReasons];  // made on first use
  bool warned_[kReasons] = {};          // each reason is logged once
  Series tracked_datasets_;
};

}  // namespace mlobs::freshness
