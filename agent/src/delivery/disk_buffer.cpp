#include "delivery/disk_buffer.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <vector>

namespace mlobs::agent {
namespace {

namespace fs = std::filesystem;

constexpr const char* kSuffix = ".seg";
constexpr uint64_t kFrameBytes = 12;  // magic, length, checksum before each payload

std::optional<uint64_t> segment_id(const fs::path& p) {
  if (p.extension() != kSuffix) return std::nullopt;
  const std::string stem = p.stem().string();
  uint64_t id = 0;
  auto [end, ec] = std::from_chars(stem.data(), stem.data() + stem.size(), id);
  if (ec != std::errc() || end != stem.data() + stem.size() || id == 0) return std::nullopt;
  return id;
}

// Writes `text` to `path` so that a crash leaves either the old or the new file whole.
Status write_atomically(const fs::path& path, const std::string& text) {
  const fs::path tmp = path.string() + ".tmp";
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) return Status::Unavailable("cannot write " + tmp.string() + ": " + std::strerror(errno));
  const bool ok = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size()) &&
                  ::fdatasync(fd) == 0;
  const int err = errno;
  ::close(fd);
  if (!ok) return Status::Unavailable("cannot write " + tmp.string() + ": " + std::strerror(err));
  std::error_code ec;
  fs::rename(tmp, path, ec);
  if (ec) return Status::Unavailable("cannot rename " + tmp.string() + ": " + ec.message());
  return Status::Ok();
}

}  // namespace

DiskBuffer::DiskBuffer(std::string dir, uint64_t max_bytes, uint64_t segment_bytes)
    : dir_(std::move(dir)), max_bytes_(max_bytes), segment_bytes_(std::max<uint64_t>(segment_bytes, 1)) {}

std::string DiskBuffer::segment_path(uint64_t id) const {
  char name[32];
  std::snprintf(name, sizeof(name), "%020llu%s", static_cast<unsigned long long>(id), kSuffix);
  return (fs::path(dir_) / name).string();
}

uint64_t DiskBuffer::count_records(std::string_view payload) {
  return static_cast<uint64_t>(std::count(payload.begin(), payload.end(), '\n'));
}

Status DiskBuffer::open(std::string* torn) {
  std::error_code ec;
  fs::create_directories(dir_, ec);
  if (ec) return Status::Unavailable("cannot create the disk buffer " + dir_ + ": " + ec.message());
  std::vector<uint64_t> ids;
  for (const auto& entry : fs::directory_iterator(dir_, ec)) {
    if (auto id = segment_id(entry.path())) ids.push_back(*id);
  }
  if (ec) return Status::Unavailable("cannot list the disk buffer " + dir_ + ": " + ec.message());
  std::sort(ids.begin(), ids.end());

  uint64_t cursor_id = 0;
  front_delivered_ = 0;
  if (std::ifstream in((fs::path(dir_) / "cursor").string()); in) in >> cursor_id >> front_delivered_;
  // Segments before the cursor were delivered; a crash came between the cursor and the delete.
  while (!ids.empty() && ids.front() < cursor_id) {
    fs::remove(segment_path(ids.front()), ec);
    ids.erase(ids.begin());
  }
  if (ids.empty() || ids.front() != cursor_id) front_delivered_ = 0;

  segments_.clear();
  pending_entries_ = pending_records_ = bytes_ = 0;
  for (size_t i = 0; i < ids.size(); ++i) {
    SegmentContents contents;
    Status s = i + 1 == ids.size() ? writer_.open(segment_path(ids[i]), &contents)
                                   : read_segment(segment_path(ids[i]), &contents);
    if (!s.ok()) return s;
    if (contents.torn && torn) *torn = segment_path(ids[i]) + ": " + contents.torn_reason;
    Segment seg{ids[i], i + 1 == ids.size() ? writer_.size() : contents.valid_bytes,
                contents.entries.size()};
    const size_t skip = i == 0 ? std::min<uint64_t>(front_delivered_, seg.entries) : 0;
    for (size_t e = skip; e < contents.entries.size(); ++e) {
      pending_records_ += count_records(contents.entries[e]);
    }
    pending_entries_ += seg.entries - skip;
    bytes_ += seg.bytes;
    segments_.push_back(seg);
  }
  front_contents_.reset();
  if (segments_.empty()) return start_segment(cursor_id + 1);
  return Status::Ok();
}

Status DiskBuffer::start_segment(uint64_t id) {
  SegmentContents ignored;
  Status s = writer_.open(segment_path(id), &ignored);
  if (!s.ok()) return s;
  segments_.push_back(Segment{id, writer_.size(), 0});
  bytes_ += writer_.size();
  return Status::Ok();
}

bool DiskBuffer::has_room(uint64_t bytes) const {
  return pending_entries_ == 0 || bytes_ + bytes + kFrameBytes <= max_bytes_;
}

Status DiskBuffer::append(std::string_view payload, uint64_t records) {
  if (!has_room(payload.size())) {
    return Status::ResourceExhausted("the disk buffer " + dir_ + " is full (" +
                                     std::to_string(bytes_) + " of " + std::to_string(max_bytes_) +
                                     " bytes)");
  }
  if (segments_.back().bytes >= segment_bytes_ && segments_.back().entries > 0) {
    // What is not yet synced in the full segment is synced before its writer moves on: sync()
    // only reaches the segment being written.
    Status s = writer_.sync();
    if (s.ok()) s = start_segment(segments_.back().id + 1);
    if (!s.ok()) return s;
  }
  const uint64_t before = writer_.size();
  Status s = writer_.append(payload);
  if (!s.ok()) return s;
  Segment& last = segments_.back();
  last.bytes = writer_.size();
  last.entries += 1;
  bytes_ += writer_.size() - before;
  pending_entries_ += 1;
  pending_records_ += records;
  // The front segment is being read from memory: keep its copy whole.
  if (front_contents_ && segments_.size() == 1) front_contents_->entries.emplace_back(payload);
  return Status::Ok();
}

Status DiskBuffer::load_front() {
  if (front_contents_) return Status::Ok();
  SegmentContents contents;
  Status s = read_segment(segment_path(segments_.front().id), &contents);
  if (!s.ok()) return s;
  front_contents_ = std::move(contents);
  return Status::Ok();
}

std::optional<std::string_view> DiskBuffer::front() {
  if (pending_entries_ == 0) return std::nullopt;
  // Pass over segments whose every entry was delivered.
  while (front_delivered_ >= segments_.front().entries && segments_.size() > 1) {
    std::error_code ec;
    fs::remove(segment_path(segments_.front().id), ec);
    bytes_ -= segments_.front().bytes;
    segments_.pop_front();
    front_delivered_ = 0;
    front_contents_.reset();
  }
  if (!load_front().ok() || front_delivered_ >= front_contents_->entries.size()) {
    return std::nullopt;
  }
  return std::string_view(front_contents_->entries[front_delivered_]);
}

Status DiskBuffer::pop() {
  auto entry = front();
  if (!entry) return Status::FailedPrecondition("the disk buffer is empty");
  const uint64_t records = count_records(*entry);
  front_delivered_ += 1;
  pending_entries_ -= 1;
  pending_records_ -= std::min(records, pending_records_);
  const Segment front_segment = segments_.front();
  if (front_delivered_ < front_segment.entries) return write_cursor();
  if (segments_.size() == 1) {
    // Everything was delivered. A sink that keeps up stays in one segment, its entries kept in
    // memory (nothing read back) until the segment is full; then a fresh one starts, so the
    // files do not keep what is gone.
    if (front_segment.bytes < segment_bytes_) return write_cursor();
    Status s = start_segment(front_segment.id + 1);
    if (!s.ok()) return write_cursor();
  }
  segments_.pop_front();
  front_delivered_ = 0;
  front_contents_.reset();
  Status s = write_cursor();
  std::error_code ec;
  fs::remove(segment_path(front_segment.id), ec);
  bytes_ -= front_segment.bytes;
  return s;
}

Status DiskBuffer::write_cursor() {
  std::ostringstream text;
  text << segments_.front().id << ' ' << front_delivered_ << '\n';
  return write_atomically(fs::path(dir_) / "cursor", text.str());
}

}  // namespace mlobs::agent
