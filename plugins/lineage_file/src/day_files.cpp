#include "day_files.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <filesystem>

#include "mlobs/rfc3339/rfc3339.h"

namespace mlobs::lineage_file {
namespace {

FileError failure(int error, const char* operation, const std::string& path) {
  return FileError{std::error_code(error, std::generic_category()), operation, path};
}

}  // namespace

std::string DayFiles::file_name(int64_t unix_nanos) {
  const std::string time = rfc3339::format_utc(unix_nanos);  // "2026-04-07T10:00:00Z"
  return "lineage-" + time.substr(0, time.find('T')) + ".ndjson";
}

FileError DayFiles::create_directory() const {
  std::error_code ec;
  std::filesystem::create_directories(dir_, ec);
  if (ec) return FileError{ec, "create directory", dir_};
  return {};
}

FileError DayFiles::append(int64_t now_unix_nanos, std::string_view lines, bool sync) {
  const std::string path = dir_ + "/" + file_name(now_unix_nanos);
  if (fd_ >= 0 && (path != path_ || !path_names_open_file())) close();
  if (fd_ < 0) {
    if (FileError e = open(path, sync)) return e;
  }
  if (sync && directory_entry_unsynced_) {
    if (FileError e = sync_directory()) {
      close();
      return e;
    }
    directory_entry_unsynced_ = false;
  }

  struct stat before {};
  const int64_t size_before =
      ::fstat(fd_, &before) == 0 && S_ISREG(before.st_mode) ? int64_t{before.st_size} : -1;
  size_t done = 0;
  while (done < lines.size()) {
    const ssize_t n = ::write(fd_, lines.data() + done, lines.size() - done);
    if (n > 0) {
      done += static_cast<size_t>(n);
      continue;
    }
    if (n < 0 && errno == EINTR) continue;
    const FileError e = failure(n < 0 ? errno : EIO, "write", path_);
    if (done > 0) cut_back(size_before, done, lines[done - 1] == '\n');
    close();
    return e;
  }
  // fdatasync: the lines and the file size, not the timestamps nobody reads back.
  if (sync && ::fdatasync(fd_) != 0) {
    const FileError e = failure(errno, "sync", path_);
    // The batch is retried: cut it off so the retry does not write it twice.
    cut_back(size_before, done, true);
    close();
    return e;
  }
  return {};
}

void DayFiles::close() {
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
  path_.clear();
}

FileError DayFiles::open(const std::string& path, bool sync) {
  if (FileError e = create_directory()) return e;
  struct stat st {};
  const bool existed = ::stat(path.c_str(), &st) == 0;
  int fd = -1;
  do {
    fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  } while (fd < 0 && errno == EINTR);
  if (fd < 0) return failure(errno, "open", path);
  fd_ = fd;
  path_ = path;
  // A new file is durable only once its directory entry is: synced with the first batch.
  if (!existed && sync) directory_entry_unsynced_ = true;
  return {};
}

bool DayFiles::path_names_open_file() const {
  struct stat open_st {};
  struct stat path_st {};
  return ::fstat(fd_, &open_st) == 0 && ::stat(path_.c_str(), &path_st) == 0 &&
         open_st.st_dev == path_st.st_dev && open_st.st_ino == path_st.st_ino;
}

void DayFiles::cut_back(int64_t size_before, size_t written, bool ends_with_newline) {
  struct stat now {};
  // Only when the file grew by exactly what this call wrote: never cut what another writer added.
  if (size_before >= 0 && ::fstat(fd_, &now) == 0 &&
      int64_t{now.st_size} == size_before + static_cast<int64_t>(written) &&
      ::ftruncate(fd_, static_cast<off_t>(size_before)) == 0) {
    return;
  }
  // Could not undo it: at least end the fragment, so the retried lines start on a line of
  // their own.
  if (!ends_with_newline && ::write(fd_, "\n", 1) < 0) {
    // Nothing more to do: the caller reports the original error.
  }
}

FileError DayFiles::sync_directory() const {
  int fd = -1;
  do {
    fd = ::open(dir_.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  } while (fd < 0 && errno == EINTR);
  if (fd < 0) return failure(errno, "sync", dir_);
  const int result = ::fsync(fd);
  const int error = errno;
  ::close(fd);
  return result == 0 ? FileError{} : failure(error, "sync", dir_);
}

}  // namespace mlobs::lineage_file
