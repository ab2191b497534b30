#include "ndjson_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

namespace mlobs::openlineage {
namespace {

std::error_code last_error() { return std::error_code(errno, std::generic_category()); }

}  // namespace

NdjsonFile::~NdjsonFile() { close(); }

void NdjsonFile::close() {
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
}

bool NdjsonFile::still_names_open_file() const {
  struct stat at_path {};
  struct stat open_file {};
  if (::stat(path_.c_str(), &at_path) != 0 || ::fstat(fd_, &open_file) != 0) return false;
  return at_path.st_dev == open_file.st_dev && at_path.st_ino == open_file.st_ino;
}

std::optional<FileError> NdjsonFile::open(bool sync) {
  const std::filesystem::path path(path_);
  std::error_code ec;
  if (path.has_parent_path()) std::filesystem::create_directories(path.parent_path(), ec);
  if (ec) return FileError{"create directory for", ec};
  const bool existed = ::access(path_.c_str(), F_OK) == 0;
  fd_ = ::open(path_.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
  if (fd_ < 0) return FileError{"open", last_error()};
  if (!existed && sync && path.has_parent_path()) {
    // A new file's directory entry must survive power loss as well as its lines.
    const int dir = ::open(path.parent_path().c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dir >= 0) {
      ::fsync(dir);
      ::close(dir);
    }
  }
  return std::nullopt;
}

std::optional<FileError> NdjsonFile::append(std::string_view lines, bool sync) {
  if (fd_ >= 0 && !still_names_open_file()) close();
  if (fd_ < 0) {
    if (std::optional<FileError> e = open(sync)) return e;
  }
  struct stat before {};
  if (::fstat(fd_, &before) != 0) {
    FileError e{"open", last_error()};
    close();
    return e;
  }

  size_t written = 0;
  std::optional<FileError> failure;
  while (written < lines.size()) {
    const ssize_t n = ::write(fd_, lines.data() + written, lines.size() - written);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      failure = FileError{"write", n < 0 ? last_error() : std::make_error_code(std::errc::io_error)};
      break;
    }
    written += static_cast<size_t>(n);
  }
  if (!failure && sync && ::fdatasync(fd_) != 0) failure = FileError{"sync", last_error()};
  if (!failure) return std::nullopt;

  struct stat after {};
  if (written > 0 && ::fstat(fd_, &after) == 0) {
    if (after.st_size == before.st_size + static_cast<off_t>(written)) {
      if (::ftruncate(fd_, before.st_size) != 0) {}  // the retry appends whole lines either way
    } else if (lines.substr(0, written).back() != '\n') {
      // Someone else wrote too: end our torn fragment rather than cut their lines.
      if (::write(fd_, "\n", 1) != 1) {}
    }
  }
  close();
  return failure;
}

std::string errno_label(const std::error_code& code) {
  if (const char* name = ::strerrorname_np(code.value())) return name;
  return "errno_" + std::to_string(code.value());
}

}  // namespace mlobs::openlineage
