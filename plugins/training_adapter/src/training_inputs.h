// What a `paths` pattern names for the training_adapter: JSON metadata files, and bundle
// directories (a directory is a bundle once it holds metadata.json; before that it may still
// be being written, and is not named).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mlobs::training_adapter {

// The files of a bundle directory.
constexpr std::string_view kBundleMetadata = "metadata.json";
constexpr std::string_view kBundleMetrics = "metrics.json";
constexpr std::string_view kBundleModelUri = "model_uri.txt";

struct TrainingInput {
  std::string path;  // the metadata file, or the bundle directory
  bool bundle = false;
};

// The bundle directories the pattern matches, then the `*.json` files it matches that lie
// outside them (a bundle's own files are not runs of their own), each sorted by path. A pattern
// ending in '/' names directories only.
std::vector<TrainingInput> find_training_inputs(std::string_view pattern);

// The signature of one version of a bundle: its three files' signatures, so rewriting,
// adding or removing any of them makes another version. Nullopt without metadata.json.
std::optional<std::string> bundle_signature(const std::string& dir);

}  // namespace mlobs::training_adapter
