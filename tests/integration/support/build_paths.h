// Where the build put what the tests run: passed in by CMake as compile definitions.
#pragma once

#include <string_view>

#if !defined(MLOBS_IT_AGENT_BINARY) || !defined(MLOBS_IT_PLUGIN_DIR) || \
    !defined(MLOBS_IT_TEST_PLUGIN_DIR) || !defined(MLOBS_IT_ABI_OTHER_MAJOR_PLUGIN) || \
    !defined(MLOBS_IT_SOURCE_DIR) || !defined(MLOBS_IT_NODE_DIR)
#error "tests/integration/CMakeLists.txt defines the MLOBS_IT_* paths"
#endif

namespace mlobs::integration {

inline constexpr std::string_view kAgentBinary = MLOBS_IT_AGENT_BINARY;
// The in-tree plugins (jsonl_file, file, console, passthrough, ...).
inline constexpr std::string_view kPluginDir = MLOBS_IT_PLUGIN_DIR;
// The failure-path plugins of these tests (flaky, counting).
inline constexpr std::string_view kTestPluginDir = MLOBS_IT_TEST_PLUGIN_DIR;
// A plugin built for ABI major 2 (tests/abi).
inline constexpr std::string_view kAbiOtherMajorPlugin = MLOBS_IT_ABI_OTHER_MAJOR_PLUGIN;
// The repository: sample data, the quickstart config, fixtures.
inline constexpr std::string_view kSourceDir = MLOBS_IT_SOURCE_DIR;
// The npm package of the backends tests start (tests/node; scripts/install-node-deps.sh fills
// its node_modules).
inline constexpr std::string_view kNodeDir = MLOBS_IT_NODE_DIR;

}  // namespace mlobs::integration
