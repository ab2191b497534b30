// libFuzzer target for reading dataset metadata JSON into a dataset_build: any input gives a
// build or a named reason, never a crash.
#include "dataset_build.h"

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const mlobs::dataset_adapter::DatasetSettings settings = [] {
    mlobs::dataset_adapter::DatasetSettings s;
    s.non_feature_columns = {"id", "event_ts"};
    s.target = "label";
    return s;
  }();
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const auto mapped = mlobs::dataset_adapter::map_metadata_json("fuzz.json", text, settings);
  if (mapped.build) (void)mapped.build->to_json();
  if (!mapped.build && mapped.reason.empty()) __builtin_trap();  // a refusal always says why
  return 0;
}
