// A small durable key/value store for plugin checkpoints: one file per (scope, key) under
// <data_dir>/state/<scope>/, written to a temporary file, fsynced and renamed over the old one,
// so a reader sees the old value or the new one, never a torn one. Thread-safe without a lock:
// every writer has its own temporary file and rename() is atomic, so puts to different keys
// fsync in parallel.
#pragma once

#include "common/status.h"

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace mlobs::agent {

class StateStore {
 public:
  explicit StateStore(std::filesystem::path state_dir);

  // Scopes are component ids; keys are arbitrary non-empty strings, escaped into safe file names
  // (bytes outside [A-Za-z0-9._-] and a leading '.' become %XX; very long names are shortened
  // with a hash). Errors carry the path and the system's reason.
  Status put(std::string_view scope, std::string_view key, std::string_view value);
  std::optional<std::string> get(std::string_view scope, std::string_view key) const;
  Status remove(std::string_view scope, std::string_view key);

  const std::filesystem::path& dir() const { return dir_; }

 private:
  std::filesystem::path file_for(std::string_view scope, std::string_view key) const;
  std::filesystem::path dir_;
};

}  // namespace mlobs::agent
