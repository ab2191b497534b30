#include "appending_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <filesystem>

namespace mlobs::file_sink {
namespace {

std::error_code last_error() { return std::error_code(errno, std::generic_category()); }

// Ends a fragment that could not be undone, so retried lines start on a line of their own.
void end_fragment(int fd) {
  if (::write(fd, "\n", 1) < 0) {
    // Nothing more to do: the caller reports the original error.
  }
}

}  // namespace

std::error_code AppendingFile::open() {
  if (fd_ >= 0) return {};
  const std::filesystem::path parent = std::filesystem::path(path_).parent_path();
  if (!parent.empty()) {
    std::error_code ec;
    std::filesystem::create_directories(parent, ec);
    if (ec) return ec;
  }
  do {
    fd_ = ::open(path_.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  } while (fd_ < 0 && errno == EINTR);
  return fd_ < 0 ? last_error() : std::error_code();
}

void AppendingFile::close() {
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
}

std::error_code AppendingFile::reopen_if_moved() {
  if (fd_ >= 0) {
    struct stat open_st {};
    struct stat path_st {};
    const bool same = ::fstat(fd_, &open_st) == 0 && ::stat(path_.c_str(), &path_st) == 0 &&
                      open_st.st_dev == path_st.st_dev && open_st.st_ino == path_st.st_ino;
    if (same) return {};
    close();
  }
  return open();
}

std::error_code AppendingFile::append(std::string_view data) {
  if (fd_ < 0) return std::make_error_code(std::errc::bad_file_descriptor);
  struct stat st {};
  const bool known_size = ::fstat(fd_, &st) == 0;
  size_t done = 0;
  while (done < data.size()) {
    const ssize_t n = ::write(fd_, data.data() + done, data.size() - done);
    if (n >= 0) {
      done += static_cast<size_t>(n);
      continue;
    }
    if (errno == EINTR) continue;
    const std::error_code ec = last_error();
    // Undo a partial write so the retry starts on a line boundary. Only when the file is a
    // regular file that grew by exactly what we wrote: never cut what another writer added.
    struct stat now {};
    if (done > 0 && known_size && S_ISREG(st.st_mode) && ::fstat(fd_, &now) == 0 &&
        now.st_size == st.st_size + static_cast<off_t>(done)) {
      if (::ftruncate(fd_, st.st_size) != 0) end_fragment(fd_);
    } else if (done > 0) {
      end_fragment(fd_);
    }
    return ec;
  }
  return {};
}

std::error_code AppendingFile::sync() {
  if (fd_ < 0) return {};
  return ::fsync(fd_) == 0 ? std::error_code() : last_error();
}

}  // namespace mlobs::file_sink
