// Telling files apart independently of their names: a renamed file keeps its identity, a file
// truncated and rewritten (or replaced) at the same path gets a new one.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <system_error>

namespace mlobs::file_follow {

inline constexpr size_t kDefaultFingerprintBytes = 256;

// Names a file while it exists (hard links share it).
struct FileKey {
  uint64_t device = 0;
  uint64_t inode = 0;

  bool operator==(const FileKey& o) const { return device == o.device && inode == o.inode; }
  bool operator!=(const FileKey& o) const { return !(*this == o); }
  bool operator<(const FileKey& o) const {
    return device != o.device ? device < o.device : inode < o.inode;
  }
};

// Device and inode name the file while it exists; the fingerprint guards against inode reuse
// and against a file rewritten in place. A file shorter than the fingerprint length is
// fingerprinted over what it has, and `fingerprint_bytes` says how much that was.
struct FileIdentity {
  uint64_t device = 0;
  uint64_t inode = 0;
  uint64_t fingerprint = 0;        // FNV-1a 64 of the first fingerprint_bytes bytes
  uint64_t fingerprint_bytes = 0;  // min(file size, fingerprint length) when taken

  FileKey key() const { return FileKey{device, inode}; }
  bool operator==(const FileIdentity& o) const {
    return device == o.device && inode == o.inode && fingerprint == o.fingerprint &&
           fingerprint_bytes == o.fingerprint_bytes;
  }
  bool operator!=(const FileIdentity& o) const { return !(*this == o); }
};

// 64-bit FNV-1a; `state` continues a previous call.
uint64_t fnv1a64(const void* data, size_t size, uint64_t state = 14695981039346656037ull);

// The identity of an open file, fingerprinting up to `max_bytes` from its start.
std::optional<FileIdentity> identify(int fd, std::error_code* ec,
                                     size_t max_bytes = kDefaultFingerprintBytes);
std::optional<FileIdentity> identify(const std::filesystem::path& path, std::error_code* ec,
                                     size_t max_bytes = kDefaultFingerprintBytes);

// Whether the open file is still the one `known` describes. Fingerprints are compared over the
// common prefix: the first known.fingerprint_bytes bytes of the file are hashed again, so a
// short file that has grown since `known` was taken still matches. A file that is now shorter
// than known.fingerprint_bytes has lost bytes it had, so it is not the same file any more.
// An I/O error gives false and sets *ec (when given), so a caller can tell "cannot say" from
// "another file".
bool is_same_file(const FileIdentity& known, int fd, std::error_code* ec = nullptr);
bool is_same_file(const FileIdentity& known, const std::filesystem::path& path,
                  std::error_code* ec = nullptr);

}  // namespace mlobs::file_follow
