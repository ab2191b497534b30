// The console sink plugin file: one sink type.
#include <mlobs/plugin.hpp>

#include "console_sink.h"

MLOBS_PLUGIN("io.mlobs.console_sink", "console_sink", "0.1.0", "Apache-2.0",
             mlobs::component<mlobs::console_sink::ConsoleSink>(
                 "console", "Writes each record as one JSON line to standard output"))
