// A private directory for one test, removed with everything in it when the test ends.
#pragma once

#include <filesystem>
#include <string_view>

namespace mlobs::integration {

class TempDir {
 public:
  // Under $TMPDIR (or /tmp), named mlobs-it-XXXXXX. Throws std::runtime_error when it cannot.
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::filesystem::path& path() const { return path_; }
  // path() / relative (nothing is created).
  std::filesystem::path operator/(std::string_view relative) const { return path_ / relative; }

 private:
  std::filesystem::path path_;
};

}  // namespace mlobs::integration
