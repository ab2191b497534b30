// The jsonl_file plugin file: one source type.
#include <mlobs/plugin.hpp>

#include "jsonl_file_source.h"

MLOBS_PLUGIN("io.mlobs.jsonl_file", "jsonl_file", "0.1.0", "Apache-2.0",
             mlobs::component<mlobs::jsonl_file::JsonlFileSource>(
                 "jsonl_file", "Follows JSON Lines files as they grow; one record per line",
                 {{"paths", MLOBS_CONFIG_LIST, true, nullptr,
                   "globs of files to follow (*, ?, [..], ** for any depth); expanded again "
                   "on every poll"},
                  {"kind", MLOBS_CONFIG_STRING, false, "jsonl",
                   "record kind for lines that are not whole records"},
                  {"read_from", MLOBS_CONFIG_STRING, false, "beginning",
                   "where files present at start without a checkpoint are read from: "
                   "beginning or end"},
                  {"max_line_bytes", MLOBS_CONFIG_SIZE, false, "1MiB",
                   "longer lines are dead-lettered (line_too_long) and skipped"}}))
