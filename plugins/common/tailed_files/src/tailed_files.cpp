#include "mlobs/tailed_files/tailed_files.h"

#include "mlobs/file_follow/checkpoint_codec.h"

#include <string>
#include <utility>

namespace mlobs::tailed_files {
namespace {

using file_follow::FollowEvent;

constexpr int64_t kBusyRescanNanos = 1'000'000'000;

}  // namespace

void TailedFiles::start(const Host& host, file_follow::FollowOptions options,
                        Series followed_files) {
  host_ = host;
  followed_files_ = followed_files;
  files_ = std::make_unique<file_follow::FollowedFiles>(std::move(options));
  journal_ = file_follow::CheckpointJournal();
  last_pull_full_ = false;
  writer_ = std::make_unique<CheckpointWriter>([host](const std::string& document) {
    const Status s = host.state_put(kCheckpointKey, document);
    // Until a later write succeeds, a restart reads more again; nothing is skipped.
    if (!s.ok()) host.warn("storing checkpoints failed", {{"error", s.message()}});
    return s.ok();
  });
  if (auto stored = host_.state_get(kCheckpointKey)) {
    if (auto checkpoints = file_follow::decode_checkpoints(*stored)) {
      journal_.load(*checkpoints);
      files_->resume_from(*checkpoints);
    } else {
      host_.warn("stored checkpoints are unreadable; files are read from the start",
                 {{"key", kCheckpointKey}});
    }
  }
  scan();  // the files present now are the "existing" ones read_from refers to
}

void TailedFiles::stop() {
  if (writer_) writer_->stop();  // the last acknowledged positions are stored before it returns
  writer_.reset();
  files_.reset();  // closes every descriptor
}

void TailedFiles::scan_if_due() {
  if (!last_pull_full_ || host_.now_unix_nanos() - last_scan_nanos_ >= kBusyRescanNanos) scan();
}

void TailedFiles::scan() {
  files_->scan();
  last_scan_nanos_ = host_.now_unix_nanos();
  for (const file_follow::FileKey& key : files_->take_forgotten()) {
    if (journal_.forget(key)) store_checkpoints();
  }
  followed_files_.set(static_cast<double>(files_->size()));
  log_events();
}

void TailedFiles::end_pull(uint64_t sequence, bool full) {
  log_events();
  // The in-memory positions have moved; the stored ones follow when this batch is acknowledged.
  journal_.record(sequence, files_->take_progress());
  last_pull_full_ = full;
}

void TailedFiles::ack(uint64_t sequence) {
  if (journal_.ack(sequence)) store_checkpoints();
}

void TailedFiles::store_checkpoints() {
  writer_->submit(file_follow::encode_checkpoints(journal_.committed()));
}

void TailedFiles::log_events() {
  for (const FollowEvent& e : files_->take_events()) {
    switch (e.kind) {
      case FollowEvent::Kind::kFound:
        host_.info("following file", {{"file", e.path}, {"start", e.detail}});
        break;
      case FollowEvent::Kind::kResumed:
        host_.info("resuming file from checkpoint", {{"file", e.path}, {"at", e.detail}});
        break;
      case FollowEvent::Kind::kRenamed:
        host_.info("file renamed", {{"file", e.path}, {"previous", e.detail}});
        break;
      case FollowEvent::Kind::kReplaced:
        host_.warn("file rewritten in place; reading it from the start", {{"file", e.path}});
        break;
      case FollowEvent::Kind::kTruncated:
        host_.warn("file truncated; reading it from the start", {{"file", e.path}});
        break;
      case FollowEvent::Kind::kGone:
        host_.info("file no longer followed", {{"file", e.path}});
        break;
      case FollowEvent::Kind::kError:
        host_.warn("cannot read file", {{"file", e.path}, {"error", e.detail}});
        break;
    }
  }
}

std::string_view line_text(const file_follow::FollowedLine& line) {
  return line.line.number == 1 ? strip_utf8_bom(line.line.text) : line.line.text;
}

void dead_letter_line(const Host& host, const file_follow::FollowedLine& line,
                      std::string_view reason, std::string_view error) {
  host.dead_letter(nullptr, reason,
                   {{"file", line.path},
                    {"line", std::to_string(line.line.number)},
                    {"error", error},
                    {"text", utf8_prefix(line_text(line), kDeadLetterTextBytes)}});
}

std::string_view utf8_prefix(std::string_view s, size_t max) {
  if (s.size() <= max) return s;
  size_t n = max;
  while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;
  return s.substr(0, n);
}

std::string_view strip_utf8_bom(std::string_view s) {
  constexpr std::string_view kBom = "\xEF\xBB\xBF";
  return s.substr(0, kBom.size()) == kBom ? s.substr(kBom.size()) : s;
}

}  // namespace mlobs::tailed_files
