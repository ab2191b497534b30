// Where to start when a file's existing content is to be skipped ("read from the end").
#pragma once

#include "mlobs/file_follow/file_position.h"

#include <filesystem>
#include <optional>
#include <system_error>

namespace mlobs::file_follow {

// The position just past the last '\n' of the file, with the number of lines before it, so
// line numbers stay true and a trailing partial line is still read once it is complete.
// Reads the whole file once (64 KiB at a time).
std::optional<FilePosition> end_of_complete_lines(int fd, std::error_code* ec);
std::optional<FilePosition> end_of_complete_lines(const std::filesystem::path& path,
                                                  std::error_code* ec);

}  // namespace mlobs::file_follow
