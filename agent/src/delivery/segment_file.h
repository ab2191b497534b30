// One segment file of a sink's disk buffer: entries appended one after another, each framed as
// [magic "MLB1"][payload length, u32 LE][CRC-32C of the payload, u32 LE][payload]. A crash can
// leave the last entry half written; reading stops at the first entry that is incomplete or whose
// checksum does not match, says how many bytes before it are good, and recover() cuts the file
// there, so a torn tail is dropped rather than replayed as garbage.
#pragma once

#include "common/status.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace mlobs::agent {

// CRC-32C (Castagnoli), as iSCSI and ext4 use it.
uint32_t crc32c(std::string_view data);

struct SegmentContents {
  std::vector<std::string> entries;  // the good entries, in order
  uint64_t valid_bytes = 0;          // where the good part ends
  bool torn = false;                 // something follows it that is not a whole, intact entry
  // "incomplete header", "incomplete entry", "bad magic" or "checksum mismatch".
  std::string torn_reason;
};

// Reads every good entry of the file; a missing file is empty.
Status read_segment(const std::string& path, SegmentContents* out);

class SegmentWriter {
 public:
  SegmentWriter() = default;
  ~SegmentWriter();
  SegmentWriter(const SegmentWriter&) = delete;
  SegmentWriter& operator=(const SegmentWriter&) = delete;

  // Opens `path` for appending (created when missing) after cutting any torn tail; `recovered`
  // gets what the file already held.
  Status open(const std::string& path, SegmentContents* recovered);
  // Appends one entry (not yet durable). A failed append leaves the file as it was (or, when even
  // that fails, closes the writer: open() again recovers).
  Status append(std::string_view payload);
  // Makes everything appended durable (fdatasync).
  Status sync();
  uint64_t size() const { return size_; }

 private:
  int fd_ = -1;
  std::string path_;
  uint64_t size_ = 0;
};

}  // namespace mlobs::agent
