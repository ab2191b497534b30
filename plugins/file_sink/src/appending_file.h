// A file opened for appending whole lines: each append either lands completely or leaves the
// file as it was, so a failed write retried later never leaves a torn line behind.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <system_error>

namespace mlobs::file_sink {

class AppendingFile {
 public:
  explicit AppendingFile(std::string path) : path_(std::move(path)) {}
  ~AppendingFile() { close(); }
  AppendingFile(const AppendingFile&) = delete;
  AppendingFile& operator=(const AppendingFile&) = delete;

  // Creates missing parent directories and opens (or creates) the file.
  std::error_code open();
  void close();
  bool is_open() const { return fd_ >= 0; }

  // Reopens when the path no longer names the open file (moved away or deleted by a log
  // rotation), so writes go where an operator looks.
  std::error_code reopen_if_moved();

  // Writes all of `data`. On error, cuts the file back to its size before the call when it can.
  std::error_code append(std::string_view data);

  std::error_code sync();

  const std::string& path() const { return path_; }

 private:
  std::string path_;
  int fd_ = -1;
};

}  // namespace mlobs::file_sink
