// The part of a tailing source that talks to the host: following the files its globs name,
// checkpoints loaded at start and stored (off the reading thread) when the host acknowledges a
// batch, and one log line per file event. jsonl_file and serving_ingest share it; what a line means stays theirs.
#pragma once

#include <mlobs/plugin.hpp>

#include "mlobs/file_follow/checkpoint_journal.h"
#include "mlobs/tailed_files/checkpoint_writer.h"
#include "mlobs/file_follow/followed_files.h"

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string_view>

namespace mlobs::tailed_files {

// Every file's checkpoint under one state key, one document written atomically by the host, so
// one acknowledgement moves every file's checkpoint at once.
inline constexpr std::string_view kCheckpointKey = "checkpoints";
// How much of a rejected line a dead letter quotes.
inline constexpr size_t kDeadLetterTextBytes = 1024;

class TailedFiles {
 public:
  // Follows the files `options` names, resuming from the acknowledged checkpoints (lines read
  // but never acknowledged are read again). `followed_files` is a gauge of the file count.
  void start(const Host& host, file_follow::FollowOptions options, Series followed_files);
  bool started() const { return files_ != nullptr; }
  void stop();

  // Before reading: lists the directories again, unless the last pull came back full and the
  // last listing is less than a second old (files are being drained).
  void scan_if_due();
  // Reading: one round over the files, one complete line at a time.
  void begin_round() { files_->begin_round(); }
  bool next(file_follow::FollowedLine* line) { return files_->next(line); }
  // After reading: logs what happened to files and remembers how far batch `sequence` read.
  void end_pull(uint64_t sequence, bool full);

  // Every batch up to `sequence` was delivered: store the checkpoints it reached. The store runs
  // on the writer's thread; stop() waits for the last one.
  void ack(uint64_t sequence);

 private:
  void scan();
  void log_events();
  void store_checkpoints();

  Host host_{nullptr};
  std::unique_ptr<file_follow::FollowedFiles> files_;
  file_follow::CheckpointJournal journal_;
  std::unique_ptr<CheckpointWriter> writer_;
  bool last_pull_full_ = false;
  int64_t last_scan_nanos_ = 0;
  Series followed_files_;
};

// A line's text as a source reads it: without the byte order mark a file's first line may carry.
std::string_view line_text(const file_follow::FollowedLine& line);

// Sends a rejected line to the dead-letter output with its file, line number, the error and the
// first kDeadLetterTextBytes of its text.
void dead_letter_line(const Host& host, const file_follow::FollowedLine& line,
                      std::string_view reason, std::string_view error);

// At most `max` bytes of `s`, cut at a UTF-8 character boundary.
std::string_view utf8_prefix(std::string_view s, size_t max);
// `s` without a leading UTF-8 byte order mark.
std::string_view strip_utf8_bom(std::string_view s);

}  // namespace mlobs::tailed_files
