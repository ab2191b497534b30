// The passthrough plugin file: one processor type.
#include <mlobs/plugin.hpp>

#include "passthrough.h"

MLOBS_PLUGIN("io.mlobs.passthrough", "passthrough", "0.1.0", "Apache-2.0",
             mlobs::component<mlobs::passthrough::Passthrough>("passthrough",
                                                               "Forwards every record unchanged"))
