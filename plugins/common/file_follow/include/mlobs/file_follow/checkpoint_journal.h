// At-least-once checkpoints: what was read runs ahead of what may be stored. A source notes
// where each file stood after each batch; only when the host acknowledges a batch do those
// positions become the committed ones a restart resumes from.
#pragma once

#include "mlobs/file_follow/checkpoint_codec.h"
#include "mlobs/file_follow/file_identity.h"

#include <cstdint>
#include <deque>
#include <map>
#include <utility>
#include <vector>

namespace mlobs::file_follow {

class CheckpointJournal {
 public:
  // The committed state of a previous run.
  void load(const std::vector<FileCheckpoint>& committed);

  // Where files stood once batch `sequence` was read. Sequences must increase.
  void record(uint64_t sequence, std::vector<FileCheckpoint> progress);

  // Batches up to and including `sequence` were delivered: fold their positions into the
  // committed state. Returns true when it changed (the caller then stores committed()).
  bool ack(uint64_t sequence);

  // A file is no longer followed: drop it from the committed state and from pending batches.
  // Returns true when the committed state changed.
  bool forget(const FileKey& key);

  // The committed state, ordered by path.
  std::vector<FileCheckpoint> committed() const;
  const FileCheckpoint* find_committed(const FileKey& key) const;

  size_t pending_batches() const { return pending_.size(); }

 private:
  std::map<FileKey, FileCheckpoint> committed_;
  std::deque<std::pair<uint64_t, std::vector<FileCheckpoint>>> pending_;
};

}  // namespace mlobs::file_follow
