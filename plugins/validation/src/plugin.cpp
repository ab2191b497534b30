// The validation plugin file: one processor type, with no settings.
#include <mlobs/plugin.hpp>

#include "validation_processor.h"

MLOBS_PLUGIN("io.mlobs.validation", "validation", "0.1.0", "Apache-2.0",
             mlobs::component<mlobs::validation::ValidationProcessor>(
                 "validation",
                 "One check_report per dataset build, training run or metadata an adapter "
                 "could not read: the file, its JSON, the contract's fields"))
