// Which version of each file a source has read, so each new or rewritten file is read once.
// What a batch read counts only once the host acknowledges the batch: until then it is pending,
// and a restart (which drops what is pending) reads it again. The acknowledged part is what the
// source stores through the host, under kStateKey, as a JSON object {path: signature}.
#pragma once

#include <cstdint>
#include <deque>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <utility>

namespace mlobs::read_once {

// The state store key a source keeps encode() under.
constexpr std::string_view kStateKey = "read_files";

class ReadOnceFiles {
 public:
  // Starts over from what an earlier run stored (encode()'s output; anything unreadable is
  // taken as nothing read). What was pending is dropped: it is read again.
  void restore(std::string_view stored);

  // The acknowledged versions, as a JSON object {path: signature}.
  std::string encode() const;

  // True when this version of `path` was read, by an acknowledged batch or a pending one. The
  // newest pending batch that read the path decides: a rewrite read later is what counts.
  bool already_read(const std::string& path, const std::string& signature) const;

  // Batch `sequence` read these versions (path -> signature). Sequences must increase.
  void record(uint64_t sequence, std::map<std::string, std::string> taken);

  // Batches up to and including `sequence` were delivered: what they read becomes acknowledged.
  // Returns true when that changed anything (the caller then stores encode()).
  bool ack(uint64_t sequence);

  // After a scan that saw every path its patterns name (`seen`): forgets the acknowledged paths
  // outside it that no longer exist, so files deleted for good do not weigh on the state
  // forever. A path that still exists is kept (it may be unreadable for now, or matched again
  // later). Returns how many were forgotten (the caller then stores encode()).
  size_t forget_missing(const std::set<std::string>& seen);

  // The acknowledged versions, path -> signature.
  const std::map<std::string, std::string>& acknowledged() const { return read_; }
  size_t pending_batches() const { return pending_.size(); }

 private:
  std::map<std::string, std::string> read_;
  std::deque<std::pair<uint64_t, std::map<std::string, std::string>>> pending_;  // oldest first
};

}  // namespace mlobs::read_once
