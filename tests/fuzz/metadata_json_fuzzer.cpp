// libFuzzer target for the metadata JSON the adapters read: each input is read as dataset
// metadata, as training run metadata, and as every file of a training bundle. Any input gives a
// record or a named reason, never a crash.
#include "dataset_build.h"
#include "training_run.h"

#include <cstddef>
#include <cstdint>
#include <string>
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

  namespace training = mlobs::training_adapter;
  const std::string owned(text);
  for (const training::MappedRun& run :
       {training::map_metadata_file("fuzz.json", text),
        training::map_bundle("bundle", training::BundleTexts{owned, owned, owned})}) {
    if (run.run) (void)run.run->to_json();
    if (!run.run && run.reason.empty()) __builtin_trap();
  }
  return 0;
}
