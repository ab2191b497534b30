// A directory of a test's own for the files it reads and writes, removed with the test: a fresh
// directory under the system's temporary directory, deleted with everything in it when the
// TempDir goes. Header-only; needs nothing else from the SDK.
#pragma once

#include <stdlib.h>  // mkdtemp

#include <cerrno>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <system_error>

namespace mlobs::testing {

class TempDir {
 public:
  // Makes <temp_directory_path()>/<prefix>.XXXXXX. Throws std::runtime_error when it cannot.
  explicit TempDir(std::string_view prefix = "mlobs_test") {
    const std::string pattern =
        (std::filesystem::temp_directory_path() / (std::string(prefix) + ".XXXXXX")).string();
    std::string tmpl = pattern;
    if (::mkdtemp(tmpl.data()) == nullptr) {
      const int err = errno;
      throw std::runtime_error("cannot make a temporary directory " + pattern + ": " +
                               std::generic_category().message(err));
    }
    path_ = tmpl;
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::filesystem::path& path() const { return path_; }
  // The path of `rel` inside the directory (which need not exist).
  std::filesystem::path operator/(const std::filesystem::path& rel) const { return path_ / rel; }
  std::string str() const { return path_.string(); }

  // Writes `content` to `rel` inside the directory, as is, replacing what was there and making
  // the parent directories first. Returns the file's path; throws std::runtime_error when the
  // file cannot be written.
  std::filesystem::path write(const std::filesystem::path& rel, std::string_view content) const {
    const std::filesystem::path file = path_ / rel;
    std::error_code ec;
    std::filesystem::create_directories(file.parent_path(), ec);
    if (ec) {
      throw std::runtime_error("cannot make " + file.parent_path().string() + ": " +
                               ec.message());
    }
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out.write(content.data(), static_cast<std::streamsize>(content.size()));
    out.close();
    if (!out) throw std::runtime_error("cannot write " + file.string());
    return file;
  }

 private:
  std::filesystem::path path_;
};

}  // namespace mlobs::testing
