// Where a reader stands in a file.
#pragma once

#include <cstdint>

namespace mlobs::file_follow {

// `offset` is the first byte not yet consumed and always sits at the start of a line; `line`
// counts the complete lines before it, so the next line read is number line + 1.
struct FilePosition {
  uint64_t offset = 0;
  uint64_t line = 0;

  bool operator==(const FilePosition& o) const { return offset == o.offset && line == o.line; }
  bool operator!=(const FilePosition& o) const { return !(*this == o); }
};

}  // namespace mlobs::file_follow
