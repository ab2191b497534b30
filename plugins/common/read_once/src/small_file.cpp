#include "mlobs/read_once/small_file.h"

#include <fstream>

namespace mlobs::read_once {

bool read_small_file(const std::string& path, std::string* out, size_t max_bytes) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  out->resize(max_bytes + 1);
  in.read(out->data(), static_cast<std::streamsize>(max_bytes + 1));
  out->resize(static_cast<size_t>(in.gcount()));
  return !in.bad() && out->size() <= max_bytes;
}

}  // namespace mlobs::read_once
