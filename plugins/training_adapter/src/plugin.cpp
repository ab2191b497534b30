// The training_adapter plugin file: one source type.
#include <mlobs/plugin.hpp>

#include "training_adapter_source.h"

MLOBS_PLUGIN("io.mlobs.training_adapter", "training_adapter", "0.1.0", "Apache-2.0",
             mlobs::component<mlobs::training_adapter::TrainingAdapterSource>(
                 "training_adapter",
                 "Training runs from JSON metadata files and bundle directories (metadata.json, "
                 "metrics.json, model_uri.txt): new and rewritten ones, once each",
                 {{"paths", MLOBS_CONFIG_LIST, true, nullptr,
                   "globs of *.json metadata files and bundle directories (*, ?, [..], ** for any "
                   "depth); expanded on every poll"}}))
