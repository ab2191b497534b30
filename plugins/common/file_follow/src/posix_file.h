// The few POSIX file calls the library makes, with EINTR and ownership handled once.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <system_error>

namespace mlobs::file_follow {

// Owns a file descriptor; closes it on destruction.
class UniqueFd {
 public:
  UniqueFd() = default;
  explicit UniqueFd(int fd) : fd_(fd) {}
  UniqueFd(UniqueFd&& o) noexcept : fd_(o.release()) {}
  UniqueFd& operator=(UniqueFd&& o) noexcept;
  UniqueFd(const UniqueFd&) = delete;
  UniqueFd& operator=(const UniqueFd&) = delete;
  ~UniqueFd() { reset(); }

  int get() const { return fd_; }
  explicit operator bool() const { return fd_ >= 0; }
  int release() {
    const int fd = fd_;
    fd_ = -1;
    return fd;
  }
  void reset();

 private:
  int fd_ = -1;
};

std::error_code last_error();

// Opens for reading, close-on-exec. An empty UniqueFd and *ec on failure.
UniqueFd open_read_only(const std::filesystem::path& path, std::error_code* ec);

// Reads up to `size` bytes at `offset`, retrying short reads until EOF. nullopt and *ec on error.
std::optional<size_t> read_at(int fd, char* buf, size_t size, uint64_t offset, std::error_code* ec);

// The current size of an open file; nullopt and *ec on error.
std::optional<uint64_t> file_size(int fd, std::error_code* ec);

}  // namespace mlobs::file_follow
