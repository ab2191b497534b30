// The serving_ingest plugin file: one source type.
#include <mlobs/plugin.hpp>

#include "serving_ingest_source.h"

MLOBS_PLUGIN(
    "io.mlobs.serving_ingest", "serving_ingest", "0.1.0", "Apache-2.0",
    mlobs::component<mlobs::serving_ingest::ServingIngestSource>(
        "serving_ingest",
        "Tails serving-window JSONL files, validates them against the serving_window "
        "v1 contract and drops duplicate windows",
        {{"root", MLOBS_CONFIG_STRING, true, nullptr, "directory holding <date>/<hour>/*.jsonl"},
         {"glob", MLOBS_CONFIG_STRING, false, "*/*/*.jsonl",
          "files to follow, relative to root; expanded again on every poll"},
         {"dedup_horizon", MLOBS_CONFIG_DURATION, false, "1h",
          "window keys are remembered while their window_end is within this of the "
          "newest window_end seen"},
         {"dedup_max_entries", MLOBS_CONFIG_INT, false, "1000000",
          "hard bound on remembered window keys; the oldest are forgotten first"},
         {"read_from", MLOBS_CONFIG_STRING, false, "beginning",
          "where files present at start without a checkpoint are read from: "
          "beginning or end"},
         {"max_line_bytes", MLOBS_CONFIG_SIZE, false, "1MiB",
          "longer lines are dead-lettered (line_too_long) and skipped"}}))
