// Reading a metadata file whole, with a bound: a file far larger than any metadata is refused
// rather than held in memory.
#pragma once

#include <cstddef>
#include <string>

namespace mlobs::read_once {

// The size over which a metadata file is refused.
constexpr size_t kMaxMetadataBytes = size_t{1} << 20;

// Reads the file into *out, at most one byte past `max_bytes` so an oversized file is refused
// without being held. False when it cannot be opened or read, or is over `max_bytes` (then *out
// holds max_bytes + 1 bytes, which tells the two apart).
bool read_small_file(const std::string& path, std::string* out,
                     size_t max_bytes = kMaxMetadataBytes);

}  // namespace mlobs::read_once
