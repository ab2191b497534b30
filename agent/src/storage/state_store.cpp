#include "storage/state_store.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <system_error>
#include <utility>

namespace mlobs::agent {
namespace {

// Below NAME_MAX (255) on every common file system.
constexpr size_t kMaxNameBytes = 200;

// Temporary files start with '.', which escape() never produces, so they cannot shadow a key.
constexpr const char* kTempPattern = ".put-XXXXXX";

std::string errno_text(int err) {
  std::string text = std::system_category().message(err);
  if (!text.empty() && text[0] >= 'A' && text[0] <= 'Z') text[0] = static_cast<char>(text[0] + 32);
  return text;
}

Status io_error(const std::string& what, const std::filesystem::path& path, int err) {
  std::string message = what + " " + path.string() + ": " + errno_text(err);
  // A full disk is worth retrying; anything else is unexpected.
  if (err == ENOSPC || err == EDQUOT) return Status(MLOBS_RESOURCE_EXHAUSTED, std::move(message));
  return Status::Internal(std::move(message));
}

// FNV-1a: stable across builds and restarts, unlike std::hash.
uint64_t fnv1a(std::string_view s) {
  uint64_t h = 0xcbf29ce484222325ULL;
  for (char c : s) {
    h ^= static_cast<unsigned char>(c);
    h *= 0x100000001b3ULL;
  }
  return h;
}

bool is_safe(char c, bool first) {
  if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) return true;
  if (c == '_' || c == '-') return true;
  return c == '.' && !first;  // no ".", "..", hidden names or clashes with temporary files
}

std::string escape(std::string_view name) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(name.size());
  for (size_t i = 0; i < name.size(); ++i) {
    const char c = name[i];
    if (is_safe(c, i == 0)) {
      out.push_back(c);
    } else {
      const auto b = static_cast<unsigned char>(c);
      out.push_back('%');
      out.push_back(kHex[b >> 4]);
      out.push_back(kHex[b & 0xF]);
    }
  }
  if (out.size() > kMaxNameBytes) {
    // '~' never appears in an escaped name, so a shortened name cannot equal a plain one.
    char suffix[18];
    std::snprintf(suffix, sizeof(suffix), "~%016llx", static_cast<unsigned long long>(fnv1a(name)));
    out.resize(kMaxNameBytes - 17);
    out.append(suffix);
  }
  return out;
}

// Makes a rename or unlink inside `dir` durable.
Status sync_dir(const std::filesystem::path& dir) {
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return io_error("cannot open directory", dir, errno);
  const int rc = ::fsync(fd);
  const int err = errno;
  ::close(fd);
  if (rc != 0) return io_error("cannot fsync directory", dir, err);
  return Status::Ok();
}

bool write_all(int fd, std::string_view data) {
  while (!data.empty()) {
    const ssize_t n = ::write(fd, data.data(), data.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    data.remove_prefix(static_cast<size_t>(n));
  }
  return true;
}

}  // namespace

StateStore::StateStore(std::filesystem::path state_dir) : dir_(std::move(state_dir)) {}

std::filesystem::path StateStore::file_for(std::string_view scope, std::string_view key) const {
  return dir_ / escape(scope) / escape(key);
}

Status StateStore::put(std::string_view scope, std::string_view key, std::string_view value) {
  if (scope.empty() || key.empty()) {
    return Status::InvalidArgument("state scope and key must not be empty");
  }
  const std::filesystem::path path = file_for(scope, key);
  const std::filesystem::path dir = path.parent_path();
  std::error_code ec;
  const bool created = std::filesystem::create_directories(dir, ec);
  if (ec) return io_error("cannot create directory", dir, ec.value());
  if (created) {
    // The new scope directory's own entry must survive a crash too.
    if (Status s = sync_dir(dir_); !s.ok()) return s;
  }

  std::string tmp = (dir / kTempPattern).string();
  const int fd = ::mkostemp(tmp.data(), O_CLOEXEC);
  if (fd < 0) return io_error("cannot create a temporary file in", dir, errno);
  auto fail = [&](const char* what, int err) {
    ::unlink(tmp.c_str());
    return io_error(what, tmp, err);
  };
  if (!write_all(fd, value)) {
    const int err = errno;
    ::close(fd);
    return fail("cannot write", err);
  }
  if (::fsync(fd) != 0) {
    const int err = errno;
    ::close(fd);
    return fail("cannot fsync", err);
  }
  if (::close(fd) != 0) return fail("cannot close", errno);
  if (::rename(tmp.c_str(), path.c_str()) != 0) {
    const int err = errno;
    ::unlink(tmp.c_str());
    return io_error("cannot rename " + tmp + " to", path, err);
  }
  return sync_dir(dir);
}

std::optional<std::string> StateStore::get(std::string_view scope, std::string_view key) const {
  if (scope.empty() || key.empty()) return std::nullopt;
  const std::filesystem::path path = file_for(scope, key);
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return std::nullopt;
  std::string out;
  struct stat st {};
  if (::fstat(fd, &st) == 0 && st.st_size > 0) out.reserve(static_cast<size_t>(st.st_size));
  char buf[65536];
  for (;;) {
    const ssize_t n = ::read(fd, buf, sizeof(buf));
    if (n == 0) break;
    if (n < 0) {
      if (errno == EINTR) continue;
      ::close(fd);
      return std::nullopt;
    }
    out.append(buf, static_cast<size_t>(n));
  }
  ::close(fd);
  return out;
}

Status StateStore::remove(std::string_view scope, std::string_view key) {
  if (scope.empty() || key.empty()) {
    return Status::InvalidArgument("state scope and key must not be empty");
  }
  const std::filesystem::path path = file_for(scope, key);
  if (::unlink(path.c_str()) != 0) {
    if (errno == ENOENT) return Status::Ok();
    return io_error("cannot remove", path, errno);
  }
  return sync_dir(path.parent_path());
}

}  // namespace mlobs::agent
