// The lineage_file plugin file: one sink type. Defaults match the README.
#include <mlobs/plugin.hpp>

#include "lineage_file_sink.h"

MLOBS_PLUGIN("io.mlobs.lineage_file", "lineage_file", "0.1.0", "Apache-2.0",
             mlobs::component<mlobs::lineage_file::LineageFileSink>(
                 "lineage_file",
                 "Writes a lineage event per dataset build and training run as NDJSON, one file "
                 "per UTC day",
                 {{"dir", MLOBS_CONFIG_STRING, true, nullptr,
                   "directory of the lineage-YYYY-MM-DD.ndjson files; created if missing"},
                  {"namespace", MLOBS_CONFIG_STRING, false, "mlobs",
                   "namespace of the jobs and artifacts of the events"},
                  {"fsync", MLOBS_CONFIG_STRING, false, "batch",
                   "batch: fdatasync before a batch is accepted; never: leave it to the OS"}}))
