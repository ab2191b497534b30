#include "posix_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>

namespace mlobs::file_follow {

UniqueFd& UniqueFd::operator=(UniqueFd&& o) noexcept {
  if (this != &o) {
    reset();
    fd_ = o.release();
  }
  return *this;
}

void UniqueFd::reset() {
  // No retry on EINTR: on Linux the descriptor is released even then.
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
}

std::error_code last_error() { return std::error_code(errno, std::generic_category()); }

UniqueFd open_read_only(const std::filesystem::path& path, std::error_code* ec) {
  int fd = -1;
  do {
    fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  } while (fd < 0 && errno == EINTR);
  if (fd < 0) *ec = last_error();
  return UniqueFd(fd);
}

std::optional<size_t> read_at(int fd, char* buf, size_t size, uint64_t offset,
                              std::error_code* ec) {
  size_t done = 0;
  while (done < size) {
    const ssize_t n = ::pread(fd, buf + done, size - done, static_cast<off_t>(offset + done));
    if (n < 0) {
      if (errno == EINTR) continue;
      *ec = last_error();
      return std::nullopt;
    }
    if (n == 0) break;
    done += static_cast<size_t>(n);
  }
  return done;
}

std::optional<uint64_t> file_size(int fd, std::error_code* ec) {
  struct stat st {};
  if (::fstat(fd, &st) != 0) {
    *ec = last_error();
    return std::nullopt;
  }
  return static_cast<uint64_t>(st.st_size);
}

}  // namespace mlobs::file_follow
