// An append-only NDJSON file for the openlineage_file sink: a batch's lines land whole or not at
// all. A failed write or sync cuts the file back to its size before the batch (when the file
// grew by exactly what we wrote, so another writer's lines are never cut), and the file is
// opened again by the next append, as it is when the path no longer names the open file.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <system_error>

namespace mlobs::openlineage {

struct FileError {
  std::string operation;  // "create directory for", "open", "write", "sync"
  std::error_code code;
};

class NdjsonFile {
 public:
  explicit NdjsonFile(std::string path) : path_(std::move(path)) {}
  ~NdjsonFile();
  NdjsonFile(const NdjsonFile&) = delete;
  NdjsonFile& operator=(const NdjsonFile&) = delete;

  const std::string& path() const { return path_; }

  // Appends `lines` (whole lines, each ending in '\n'); with `sync`, fdatasync before returning.
  std::optional<FileError> append(std::string_view lines, bool sync);

 private:
  std::optional<FileError> open(bool sync);
  bool still_names_open_file() const;
  void close();

  std::string path_;
  int fd_ = -1;
};

// A short label for metrics: "ENOSPC", "EACCES", ...; "errno_<n>" when the name is unknown.
std::string errno_label(const std::error_code& code);

}  // namespace mlobs::openlineage
