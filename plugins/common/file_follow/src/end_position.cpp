#include "mlobs/file_follow/end_position.h"

#include "posix_file.h"

#include <cstring>
#include <vector>

namespace mlobs::file_follow {

std::optional<FilePosition> end_of_complete_lines(int fd, std::error_code* ec) {
  std::vector<char> buf(size_t{64} << 10);
  FilePosition end;
  uint64_t offset = 0;
  while (true) {
    const auto got = read_at(fd, buf.data(), buf.size(), offset, ec);
    if (!got) return std::nullopt;
    const char* p = buf.data();
    const char* stop = p + *got;
    while (const void* nl = std::memchr(p, '\n', static_cast<size_t>(stop - p))) {
      p = static_cast<const char*>(nl) + 1;
      ++end.line;
      end.offset = offset + static_cast<uint64_t>(p - buf.data());
    }
    if (*got < buf.size()) return end;
    offset += *got;
  }
}

std::optional<FilePosition> end_of_complete_lines(const std::filesystem::path& path,
                                                  std::error_code* ec) {
  UniqueFd fd = open_read_only(path, ec);
  if (!fd) return std::nullopt;
  return end_of_complete_lines(fd.get(), ec);
}

}  // namespace mlobs::file_follow
