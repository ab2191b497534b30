// The file sink plugin file: one sink type.
#include <mlobs/plugin.hpp>

#include "file_sink.h"

MLOBS_PLUGIN("io.mlobs.file_sink", "file_sink", "0.1.0", "Apache-2.0",
             mlobs::component<mlobs::file_sink::FileSink>(
                 "file", "Appends each record, envelope included, as one JSON line to a file",
                 {{"path", MLOBS_CONFIG_STRING, true, nullptr,
                   "file to append to; missing parent directories are created"}}))
