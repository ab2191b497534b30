// The daily files of a lineage directory, `<dir>/lineage-YYYY-MM-DD.ndjson` (the UTC day of the
// write), appended to a batch at a time: a batch lands whole or not at all, so a failed batch
// retried later never leaves a torn line behind.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <system_error>
#include <utility>

namespace mlobs::lineage_file {

// A failed file operation: what was done to which path, and the error.
struct FileError {
  std::error_code code;
  const char* operation = "";  // "create directory", "open", "write", "sync"
  std::string path;
  explicit operator bool() const { return static_cast<bool>(code); }
};

class DayFiles {
 public:
  explicit DayFiles(std::string dir) : dir_(std::move(dir)) {}
  ~DayFiles() { close(); }
  DayFiles(const DayFiles&) = delete;
  DayFiles& operator=(const DayFiles&) = delete;

  // "lineage-2026-04-07.ndjson" for any time on that UTC day.
  static std::string file_name(int64_t unix_nanos);

  // Creates the directory and its missing parents.
  FileError create_directory() const;

  // Appends `lines` (whole lines) to the file of the day of `now_unix_nanos`, opening it when
  // the day changed or the path no longer names the open file (moved away, deleted). With
  // `sync`, the data (and a new file's directory entry) reach the disk before it returns. On
  // an error the file is cut back to its size before the call, and closed.
  FileError append(int64_t now_unix_nanos, std::string_view lines, bool sync);

  void close();

 private:
  FileError open(const std::string& path, bool sync);
  bool path_names_open_file() const;
  // Undoes the `written` bytes of a failed append when they are still the last bytes of the
  // file (size_before < 0: unknown, not a regular file); else ends a torn line.
  void cut_back(int64_t size_before, size_t written, bool ends_with_newline);
  FileError sync_directory() const;

  std::string dir_;
  std::string path_;  // of the open file
  int fd_ = -1;
  bool directory_entry_unsynced_ = false;  // a file was created and its directory not synced
};

}  // namespace mlobs::lineage_file
