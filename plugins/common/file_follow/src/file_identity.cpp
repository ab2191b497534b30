#include "mlobs/file_follow/file_identity.h"

#include "posix_file.h"

#include <sys/stat.h>

#include <algorithm>
#include <vector>

namespace mlobs::file_follow {
namespace {

// Hashes the first `size` bytes of fd in small steps (a stored size is not trusted to be
// small); false when the file has fewer.
bool hash_prefix(int fd, uint64_t size, uint64_t* out, std::error_code* ec) {
  char buf[4096];
  uint64_t state = fnv1a64(nullptr, 0);
  for (uint64_t done = 0; done < size;) {
    const size_t want = static_cast<size_t>(std::min<uint64_t>(sizeof(buf), size - done));
    const auto got = read_at(fd, buf, want, done, ec);
    if (!got || *got != want) return false;
    state = fnv1a64(buf, want, state);
    done += want;
  }
  *out = state;
  return true;
}

}  // namespace

uint64_t fnv1a64(const void* data, size_t size, uint64_t state) {
  const auto* p = static_cast<const unsigned char*>(data);
  for (size_t i = 0; i < size; ++i) {
    state ^= p[i];
    state *= 1099511628211ull;
  }
  return state;
}

std::optional<FileIdentity> identify(int fd, std::error_code* ec, size_t max_bytes) {
  struct stat st {};
  if (::fstat(fd, &st) != 0) {
    *ec = last_error();
    return std::nullopt;
  }
  FileIdentity id;
  id.device = static_cast<uint64_t>(st.st_dev);
  id.inode = static_cast<uint64_t>(st.st_ino);
  std::vector<char> buf(max_bytes);
  const auto got = read_at(fd, buf.data(), buf.size(), 0, ec);
  if (!got) return std::nullopt;
  id.fingerprint_bytes = *got;
  id.fingerprint = fnv1a64(buf.data(), *got);
  return id;
}

std::optional<FileIdentity> identify(const std::filesystem::path& path, std::error_code* ec,
                                     size_t max_bytes) {
  UniqueFd fd = open_read_only(path, ec);
  if (!fd) return std::nullopt;
  return identify(fd.get(), ec, max_bytes);
}

bool is_same_file(const FileIdentity& known, int fd, std::error_code* ec) {
  std::error_code local;
  if (!ec) ec = &local;
  ec->clear();
  struct stat st {};
  if (::fstat(fd, &st) != 0) {
    *ec = last_error();
    return false;
  }
  if (static_cast<uint64_t>(st.st_dev) != known.device ||
      static_cast<uint64_t>(st.st_ino) != known.inode) {
    return false;
  }
  if (static_cast<uint64_t>(st.st_size) < known.fingerprint_bytes) return false;
  uint64_t hash = 0;
  return hash_prefix(fd, known.fingerprint_bytes, &hash, ec) && hash == known.fingerprint;
}

bool is_same_file(const FileIdentity& known, const std::filesystem::path& path,
                  std::error_code* ec) {
  std::error_code local;
  if (!ec) ec = &local;
  ec->clear();
  UniqueFd fd = open_read_only(path, ec);
  return fd && is_same_file(known, fd.get(), ec);
}

}  // namespace mlobs::file_follow
