#include "mlobs/read_once/small_file.h"

#include <algorithm>
#include <cstdio>

namespace mlobs::read_once {

bool read_small_file(const std::string& path, std::string* out, size_t max_bytes) {
  out->clear();
  std::FILE* file = std::fopen(path.c_str(), "rb");
  if (!file) return false;
  // Appended chunk by chunk: sizing the string to the limit up front would zero a megabyte for
  // every few-hundred-byte file.
  char chunk[64 * 1024];
  bool read_error = false;
  while (out->size() <= max_bytes) {
    const size_t want = std::min(sizeof chunk, max_bytes + 1 - out->size());
    const size_t got = std::fread(chunk, 1, want, file);
    out->append(chunk, got);
    if (got < want) {
      read_error = std::ferror(file) != 0;
      break;
    }
  }
  std::fclose(file);
  return !read_error && out->size() <= max_bytes;
}

}  // namespace mlobs::read_once
