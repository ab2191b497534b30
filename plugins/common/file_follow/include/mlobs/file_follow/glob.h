// Expanding path patterns ("logs/**/*.jsonl") into the regular files they name.
#pragma once

#include <filesystem>
#include <string_view>
#include <vector>

namespace mlobs::file_follow {

// Returns the regular files (symlinks to regular files included) that `pattern` names, sorted by
// path and without duplicates. Segments are matched with glob_match(); a `**` segment matches
// zero or more directories (not hidden ones, and symlinked directories are not followed, so a
// link cycle cannot loop). A relative pattern is expanded from the current directory and gives
// relative paths. Unreadable directories are skipped, not reported: a pattern names what can be
// read now, and is expanded again later.
std::vector<std::filesystem::path> expand_glob(std::string_view pattern);

}  // namespace mlobs::file_follow
