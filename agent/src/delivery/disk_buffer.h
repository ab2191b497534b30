// A sink's disk buffer: batches the sink has not delivered yet, kept in segment files under its
// own directory (<data_dir>/buffers/<sink id>/), so a source's checkpoint may advance as soon as
// a batch is written here, and a crash or a restart loses nothing. Entries are delivered in the
// order they were appended; a small cursor file names the first one not yet delivered, and a
// segment is deleted once every entry in it is. Bounded: an append that would pass max_bytes is
// refused (the sink stops taking input and backpressure reaches the source), except into an
// empty buffer, so one oversized batch still gets through.
#pragma once

#include "common/status.h"
#include "delivery/segment_file.h"

#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace mlobs::agent {

class DiskBuffer {
 public:
  static constexpr uint64_t kDefaultSegmentBytes = 8u << 20;

  DiskBuffer(std::string dir, uint64_t max_bytes, uint64_t segment_bytes = kDefaultSegmentBytes);

  // Creates the directory, finds the segments, cuts a torn tail off the last one and reads the
  // cursor. `torn` (optional) says why a tail was cut, empty when none was.
  Status open(std::string* torn = nullptr);

  // Whether an entry of `bytes` would fit now.
  bool has_room(uint64_t bytes) const;
  // Appends one entry, not yet durable, or fails leaving the buffer as it was.
  // RESOURCE_EXHAUSTED when it does not fit.
  Status append(std::string_view payload, uint64_t records);
  // Makes every entry appended so far durable (fdatasync); only then may a batch count as
  // accepted.
  Status sync() { return writer_.sync(); }

  // The oldest entry not yet delivered, nullopt when there is none.
  std::optional<std::string_view> front();
  // The front entry was delivered (or rejected for good): the cursor moves past it durably.
  Status pop();

  bool empty() const { return pending_entries_ == 0; }
  uint64_t pending_entries() const { return pending_entries_; }
  uint64_t pending_records() const { return pending_records_; }
  uint64_t bytes() const { return bytes_; }  // of every segment file still on disk

 private:
  struct Segment {
    uint64_t id = 0;
    uint64_t bytes = 0;
    uint64_t entries = 0;
  };

  std::string segment_path(uint64_t id) const;
  Status start_segment(uint64_t id);
  Status load_front();
  Status write_cursor();
  static uint64_t count_records(std::string_view payload);

  std::string dir_;
  uint64_t max_bytes_;
  uint64_t segment_bytes_;
  std::deque<Segment> segments_;  // oldest first; the last one is being written
  SegmentWriter writer_;
  // The cursor: entries of the front segment already delivered.
  uint64_t front_delivered_ = 0;
  // The front segment's entries, read when delivery reaches it.
  std::optional<SegmentContents> front_contents_;
  uint64_t pending_entries_ = 0;
  uint64_t pending_records_ = 0;
  uint64_t bytes_ = 0;
};

}  // namespace mlobs::agent
