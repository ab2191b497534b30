// The Node.js the tests run their npm backends with: the one scripts/install-node-deps.sh put in
// tests/node/runtime when the system's is older than Spotlight needs, else `node` on the PATH.
#pragma once

#include <optional>
#include <string>

namespace mlobs::integration {

std::optional<std::string> node_binary();

}  // namespace mlobs::integration
