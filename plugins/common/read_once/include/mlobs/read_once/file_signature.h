// What tells one version of a file from another: another file at the same path, or the same
// file rewritten, has another signature.
#pragma once

#include <optional>
#include <string>

namespace mlobs::read_once {

// "device:inode:size:mtime_seconds.mtime_nanos" of the regular file at `path` (a symlink is
// followed); nullopt when there is none.
std::optional<std::string> file_signature(const std::string& path);

}  // namespace mlobs::read_once
