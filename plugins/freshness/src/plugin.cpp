// The freshness plugin file: one processor type. Defaults match FreshnessSettings and the
// README.
#include <mlobs/plugin.hpp>

#include "freshness_processor.h"

MLOBS_PLUGIN("io.mlobs.freshness", "freshness", "0.1.0", "Apache-2.0",
             mlobs::component<mlobs::freshness::FreshnessProcessor>(
                 "freshness",
                 "Reports how old the newest build of every dataset is, FRESH or STALE",
                 {{"threshold", MLOBS_CONFIG_DURATION, false, "1800s",
                   "a newest build older than this (by the clock) is STALE"},
                  {"interval", MLOBS_CONFIG_DURATION, false, "60s",
                   "every known dataset is re-evaluated and reported this often"},
                  {"max_datasets", MLOBS_CONFIG_INT, false, "10000",
                   "datasets tracked at most; builds of further names are counted, not "
                   "tracked"}}))
