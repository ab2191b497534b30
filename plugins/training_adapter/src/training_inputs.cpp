#include "training_inputs.h"

#include "mlobs/file_follow/glob.h"
#include "mlobs/read_once/file_signature.h"

#include <filesystem>
#include <set>

namespace mlobs::training_adapter {
namespace {

namespace fs = std::filesystem;

std::string member(const std::string& dir, std::string_view name) {
  return (fs::path(dir) / name).string();
}

}  // namespace

std::vector<TrainingInput> find_training_inputs(std::string_view pattern) {
  std::vector<TrainingInput> inputs;
  // A directory matches the pattern and holds metadata.json exactly when its metadata.json
  // matches the pattern extended by one segment: the glob expander, which names only files,
  // finds the bundles too.
  std::set<fs::path> bundles;
  std::string metadata_pattern(pattern);
  metadata_pattern.append("/").append(kBundleMetadata);
  for (const fs::path& metadata : file_follow::expand_glob(metadata_pattern)) {
    bundles.insert(metadata.parent_path());
  }
  for (const fs::path& dir : bundles) inputs.push_back({dir.string(), true});
  if (!pattern.empty() && pattern.back() == '/') return inputs;  // "runs/*/": directories only
  for (const fs::path& file : file_follow::expand_glob(pattern)) {
    if (file.extension() == ".json" && !bundles.count(file.parent_path())) {
      inputs.push_back({file.string(), false});
    }
  }
  return inputs;
}

std::optional<std::string> bundle_signature(const std::string& dir) {
  const std::optional<std::string> metadata =
      read_once::file_signature(member(dir, kBundleMetadata));
  if (!metadata) return std::nullopt;
  std::string signature = *metadata;
  for (std::string_view name : {kBundleMetrics, kBundleModelUri}) {
    signature.append("|").append(read_once::file_signature(member(dir, name)).value_or("-"));
  }
  return signature;
}

}  // namespace mlobs::training_adapter
