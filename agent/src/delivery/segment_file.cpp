#include "delivery/segment_file.h"

#include <fcntl.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <iterator>

namespace mlobs::agent {
namespace {

constexpr char kMagic[4] = {'M', 'L', 'B', '1'};
constexpr size_t kHeaderBytes = 12;  // magic, length, checksum
// An entry is one batch; anything larger is a damaged length, not a batch.
constexpr uint32_t kMaxEntryBytes = 1u << 30;

// Slicing-by-8: table k holds the CRC of a byte followed by k zero bytes, so eight input bytes
// are folded per step with eight lookups instead of one step per byte (about 5x faster; the
// checksum is computed on every append and every read back).
using Crc32cTables = std::array<std::array<uint32_t, 256>, 8>;

Crc32cTables make_crc32c_tables() {
  Crc32cTables t{};
  for (uint32_t i = 0; i < 256; ++i) {
    uint32_t c = i;
    for (int k = 0; k < 8; ++k) c = (c & 1) ? (c >> 1) ^ 0x82F63B78u : c >> 1;  // reflected
    t[0][i] = c;
  }
  for (uint32_t i = 0; i < 256; ++i) {
    for (size_t k = 1; k < 8; ++k) t[k][i] = (t[k - 1][i] >> 8) ^ t[0][t[k - 1][i] & 0xff];
  }
  return t;
}

uint32_t load_le32(const unsigned char* p) {
  return static_cast<uint32_t>(p[0]) | static_cast<uint32_t>(p[1]) << 8 |
         static_cast<uint32_t>(p[2]) << 16 | static_cast<uint32_t>(p[3]) << 24;
}

void put_u32(std::string* out, uint32_t v) {
  for (int i = 0; i < 4; ++i) out->push_back(static_cast<char>((v >> (8 * i)) & 0xff));
}

uint32_t get_u32(const char* p) {
  uint32_t v = 0;
  for (int i = 3; i >= 0; --i) v = (v << 8) | static_cast<uint8_t>(p[i]);
  return v;
}

Status io_error(const char* what, const std::string& path) {
  return Status::Unavailable(std::string("cannot ") + what + " " + path + ": " +
                             std::strerror(errno));
}

}  // namespace

uint32_t crc32c(std::string_view data) {
  static const Crc32cTables t = make_crc32c_tables();
  const auto* p = reinterpret_cast<const unsigned char*>(data.data());
  size_t n = data.size();
  uint32_t c = 0xFFFFFFFFu;
  for (; n >= 8; p += 8, n -= 8) {
    const uint32_t lo = c ^ load_le32(p);
    const uint32_t hi = load_le32(p + 4);
    c = t[7][lo & 0xff] ^ t[6][(lo >> 8) & 0xff] ^ t[5][(lo >> 16) & 0xff] ^ t[4][lo >> 24] ^
        t[3][hi & 0xff] ^ t[2][(hi >> 8) & 0xff] ^ t[1][(hi >> 16) & 0xff] ^ t[0][hi >> 24];
  }
  for (; n > 0; ++p, --n) c = t[0][(c ^ *p) & 0xff] ^ (c >> 8);
  return c ^ 0xFFFFFFFFu;
}

Status read_segment(const std::string& path, SegmentContents* out) {
  *out = SegmentContents();
  std::ifstream in(path, std::ios::binary);
  if (!in) return errno == ENOENT ? Status::Ok() : io_error("open", path);
  const std::string data((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad()) return io_error("read", path);
  size_t pos = 0;
  while (pos < data.size()) {
    if (data.size() - pos < kHeaderBytes) {
      out->torn_reason = "incomplete header";
      break;
    }
    if (std::memcmp(data.data() + pos, kMagic, sizeof kMagic) != 0) {
      out->torn_reason = "bad magic";
      break;
    }
    const uint32_t length = get_u32(data.data() + pos + 4);
    const uint32_t checksum = get_u32(data.data() + pos + 8);
    if (length > kMaxEntryBytes || data.size() - pos - kHeaderBytes < length) {
      out->torn_reason = "incomplete entry";
      break;
    }
    const std::string_view payload(data.data() + pos + kHeaderBytes, length);
    if (crc32c(payload) != checksum) {
      out->torn_reason = "checksum mismatch";
      break;
    }
    out->entries.emplace_back(payload);
    pos += kHeaderBytes + length;
  }
  out->valid_bytes = pos;
  out->torn = pos < data.size();
  return Status::Ok();
}

SegmentWriter::~SegmentWriter() {
  if (fd_ >= 0) ::close(fd_);
}

Status SegmentWriter::open(const std::string& path, SegmentContents* recovered) {
  if (Status s = read_segment(path, recovered); !s.ok()) return s;
  fd_ = ::open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  if (fd_ < 0) return io_error("open", path);
  path_ = path;
  if (recovered->torn) {
    if (::ftruncate(fd_, static_cast<off_t>(recovered->valid_bytes)) != 0) {
      return io_error("cut the torn tail of", path);
    }
  }
  size_ = recovered->valid_bytes;
  return Status::Ok();
}

Status SegmentWriter::append(std::string_view payload) {
  if (fd_ < 0) return Status::FailedPrecondition("append before open");
  if (payload.size() > kMaxEntryBytes) return Status::InvalidArgument("entry over 1 GiB");
  std::string entry(kMagic, sizeof kMagic);
  put_u32(&entry, static_cast<uint32_t>(payload.size()));
  put_u32(&entry, crc32c(payload));
  entry.append(payload);
  size_t written = 0;
  while (written < entry.size()) {
    const ssize_t n = ::write(fd_, entry.data() + written, entry.size() - written);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      // Leave no half entry behind: the file ends where it did before this one. Should that
      // fail too, the writer closes; the next open() cuts the torn tail before appending.
      const int saved = errno;
      if (::ftruncate(fd_, static_cast<off_t>(size_)) != 0) {
        ::close(fd_);
        fd_ = -1;
      }
      errno = saved;
      return io_error("append to", path_);
    }
    written += static_cast<size_t>(n);
  }
  size_ += entry.size();
  return Status::Ok();
}

Status SegmentWriter::sync() {
  if (fd_ < 0) return Status::FailedPrecondition("sync before open");
  if (::fdatasync(fd_) != 0) return io_error("sync", path_);
  return Status::Ok();
}

}  // namespace mlobs::agent
