// The dataset_adapter plugin file: one source type.
#include <mlobs/plugin.hpp>

#include "dataset_adapter_source.h"

MLOBS_PLUGIN("io.mlobs.dataset_adapter", "dataset_adapter", "0.1.0", "Apache-2.0",
             mlobs::component<mlobs::dataset_adapter::DatasetAdapterSource>(
                 "dataset_adapter",
                 "Dataset builds from Parquet footers and JSON metadata: new and rewritten files, "
                 "once each",
                 {{"paths", MLOBS_CONFIG_LIST, true, nullptr,
                   "globs of Parquet files and *.json metadata files (*, ?, [..], ** for any depth); "
                   "expanded on every poll"},
                  {"non_feature_columns", MLOBS_CONFIG_LIST, false, nullptr,
                   "columns that are not features (entity, event time, target, ids): "
                   "feature_count is the file's columns less those it has"},
                  {"target", MLOBS_CONFIG_STRING, false, nullptr, "the target column's name"},
                  {"entity", MLOBS_CONFIG_STRING, false, nullptr, "the entity column's name"},
                  {"event_ts", MLOBS_CONFIG_STRING, false, nullptr,
                   "the event time column's name"}}))
