#include "mlobs/file_follow/checkpoint_journal.h"

#include <algorithm>

namespace mlobs::file_follow {

void CheckpointJournal::load(const std::vector<FileCheckpoint>& committed) {
  committed_.clear();
  pending_.clear();
  for (const FileCheckpoint& cp : committed) committed_[cp.identity.key()] = cp;
}

void CheckpointJournal::record(uint64_t sequence, std::vector<FileCheckpoint> progress) {
  if (progress.empty()) return;
  // Several reads under one sequence (a retried pull) merge; the later position wins.
  if (!pending_.empty() && pending_.back().first == sequence) {
    auto& batch = pending_.back().second;
    batch.insert(batch.end(), std::make_move_iterator(progress.begin()),
                 std::make_move_iterator(progress.end()));
    return;
  }
  pending_.emplace_back(sequence, std::move(progress));
}

bool CheckpointJournal::ack(uint64_t sequence) {
  bool changed = false;
  while (!pending_.empty() && pending_.front().first <= sequence) {
    for (FileCheckpoint& cp : pending_.front().second) {
      FileCheckpoint& slot = committed_[cp.identity.key()];
      if (!(slot == cp)) {
        slot = std::move(cp);
        changed = true;
      }
    }
    pending_.pop_front();
  }
  return changed;
}

bool CheckpointJournal::forget(const FileKey& key) {
  for (auto& batch : pending_) {
    auto& files = batch.second;
    files.erase(std::remove_if(files.begin(), files.end(),
                               [&](const FileCheckpoint& cp) { return cp.identity.key() == key; }),
                files.end());
  }
  return committed_.erase(key) > 0;
}

std::vector<FileCheckpoint> CheckpointJournal::committed() const {
  std::vector<FileCheckpoint> out;
  out.reserve(committed_.size());
  for (const auto& entry : committed_) out.push_back(entry.second);
  std::sort(out.begin(), out.end(),
            [](const FileCheckpoint& a, const FileCheckpoint& b) { return a.path < b.path; });
  return out;
}

const FileCheckpoint* CheckpointJournal::find_committed(const FileKey& key) const {
  auto it = committed_.find(key);
  return it == committed_.end() ? nullptr : &it->second;
}

}  // namespace mlobs::file_follow
