#include "jsonl_file_source.h"

#include "line_classifier.h"
#include "mlobs/file_follow/checkpoint_codec.h"

#include <algorithm>
#include <string_view>
#include <utility>

namespace mlobs::jsonl_file {
namespace {

using file_follow::FollowEvent;

constexpr int64_t kDefaultMaxLineBytes = int64_t{1} << 20;
constexpr size_t kDeadLetterTextBytes = 1024;
// While batches come back full the files are being drained; globs are expanded again at most
// this often then, instead of on every pull.
constexpr int64_t kBusyRescanNanos = 1'000'000'000;

// At most `max` bytes, cut at a UTF-8 character boundary.
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

}  // namespace

Status JsonlFileSource::configure(const Config& config) {
  patterns_ = config.get_list("paths");
  patterns_.erase(std::remove(patterns_.begin(), patterns_.end(), std::string()), patterns_.end());
  if (patterns_.empty()) return Status::InvalidArgument("\"paths\" must list at least one glob");
  kind_ = config.get_string("kind", "jsonl");
  if (kind_.empty()) return Status::InvalidArgument("\"kind\" must not be empty");
  const std::string read_from = config.get_string("read_from", "beginning");
  if (read_from != "beginning" && read_from != "end") {
    return Status::InvalidArgument("\"read_from\" must be \"beginning\" or \"end\", not \"" +
                                   read_from + "\"");
  }
  read_from_end_ = read_from == "end";
  const int64_t max_line = config.get_size_bytes("max_line_bytes", kDefaultMaxLineBytes);
  if (max_line <= 0) return Status::InvalidArgument("\"max_line_bytes\" must be positive");
  max_line_bytes_ = static_cast<size_t>(max_line);

  const std::string id(host().component_id());
  followed_files_ = host()
                        .gauge("mlobs_jsonl_file_followed_files",
                               "Files a jsonl_file source is following", {"component"})
                        .series({id});
  read_bytes_ = host()
                    .counter("mlobs_jsonl_file_read_bytes_total",
                             "Bytes of complete lines a jsonl_file source has read", {"component"})
                    .series({id});
  return Status::Ok();
}

Status JsonlFileSource::start() {
  // A restart after a failure begins again from what was acknowledged: lines read but never
  // delivered are read again.
  file_follow::FollowOptions options;
  options.patterns = patterns_;
  options.reader.max_line_bytes = max_line_bytes_;
  options.reader.too_long_preview_bytes = kDeadLetterTextBytes + 3;  // cut at a UTF-8 boundary
  options.skip_existing_content = read_from_end_;
  files_ = std::make_unique<file_follow::FollowedFiles>(std::move(options));
  journal_ = file_follow::CheckpointJournal();
  store_pending_ = false;
  last_pull_full_ = false;

  if (auto stored = host().state_get(kCheckpointKey)) {
    if (auto checkpoints = file_follow::decode_checkpoints(*stored)) {
      journal_.load(*checkpoints);
      files_->resume_from(*checkpoints);
    } else {
      host().warn("stored checkpoints are unreadable; files are read from the start",
                  {{"key", kCheckpointKey}});
    }
  }
  scan();  // the files present now are the "existing" ones read_from refers to
  return Status::Ok();
}

void JsonlFileSource::scan() {
  files_->scan();
  last_scan_nanos_ = host().now_unix_nanos();
  for (const file_follow::FileKey& key : files_->take_forgotten()) {
    if (journal_.forget(key)) store_pending_ = true;
  }
  followed_files_.set(static_cast<double>(files_->size()));
  log_events();
}

Status JsonlFileSource::pull(Batch& batch) {
  if (!files_) return Status::FailedPrecondition("pull before start");
  if (!last_pull_full_ || host().now_unix_nanos() - last_scan_nanos_ >= kBusyRescanNanos) scan();

  const size_t capacity = batch.capacity();
  size_t appended = 0;
  uint64_t bytes = 0;
  files_->begin_round();
  file_follow::FollowedLine line;
  while (appended < capacity && files_->next(&line)) {
    bytes += line.line.end_offset - line.line.begin_offset;
    Status s = take_line(line, batch, &appended);
    if (!s.ok()) return s;  // the host restarts us; start() rewinds to the acknowledged state
  }
  read_bytes_.add(static_cast<double>(bytes));
  log_events();
  // The in-memory positions have moved; the stored ones follow when this batch is acknowledged.
  journal_.record(batch.sequence(), files_->take_progress());
  last_pull_full_ = capacity > 0 && appended == capacity;
  return Status::Ok();
}

Status JsonlFileSource::take_line(const file_follow::FollowedLine& line, Batch& batch,
                                  size_t* appended) {
  std::string_view text = line.line.text;
  if (line.line.number == 1) text = strip_utf8_bom(text);
  auto reject = [&](std::string_view reason, std::string_view error) {
    host().dead_letter(nullptr, reason,
                       {{"file", line.path},
                        {"line", std::to_string(line.line.number)},
                        {"error", error},
                        {"text", utf8_prefix(text, kDeadLetterTextBytes)}});
  };
  if (line.line.too_long) {
    reject("line_too_long",
           "line longer than max_line_bytes (" + std::to_string(max_line_bytes_) + ")");
    return Status::Ok();
  }
  const LineClass shape = classify_line(text);
  switch (shape.shape) {
    case LineShape::kBlank:
      return Status::Ok();
    case LineShape::kInvalid:
      reject(shape.reason, shape.error);
      return Status::Ok();
    case LineShape::kRecord:
    case LineShape::kBody:
      break;
  }
  OwnedRecord rec =
      host().parse_record(shape.shape == LineShape::kRecord ? std::string_view() : kind_, text);
  if (!rec) {
    // Valid JSON the host still refuses, e.g. a number beyond the range of a double.
    reject("invalid_json", "the record parser rejected the line");
    return Status::Ok();
  }
  // A stable identity for lines that bring none: where they came from.
  if (rec.get_string("id").value_or("").empty()) {
    rec.set("id", "jsonl_file:" + std::string(line.path) + ":" + std::to_string(line.line.number));
  }
  Status s = batch.append(std::move(rec));
  if (s.ok()) ++*appended;
  return s;
}

void JsonlFileSource::ack(uint64_t sequence) {
  if (journal_.ack(sequence)) store_pending_ = true;
  if (store_pending_) store_checkpoints();
}

void JsonlFileSource::store_checkpoints() {
  Status s =
      host().state_put(kCheckpointKey, file_follow::encode_checkpoints(journal_.committed()));
  if (s.ok()) {
    store_pending_ = false;
  } else {
    // Kept pending: the next acknowledgement tries again. Until then a restart re-reads more.
    host().warn("storing checkpoints failed", {{"error", s.message()}});
  }
}

Status JsonlFileSource::stop() {
  files_.reset();  // closes every descriptor
  return Status::Ok();
}

void JsonlFileSource::log_events() {
  for (const FollowEvent& e : files_->take_events()) {
    switch (e.kind) {
      case FollowEvent::Kind::kFound:
        host().info("following file", {{"file", e.path}, {"start", e.detail}});
        break;
      case FollowEvent::Kind::kResumed:
        host().info("resuming file from checkpoint", {{"file", e.path}, {"at", e.detail}});
        break;
      case FollowEvent::Kind::kRenamed:
        host().info("file renamed", {{"file", e.path}, {"previous", e.detail}});
        break;
      case FollowEvent::Kind::kReplaced:
        host().warn("file rewritten in place; reading it from the start", {{"file", e.path}});
        break;
      case FollowEvent::Kind::kTruncated:
        host().warn("file truncated; reading it from the start", {{"file", e.path}});
        break;
      case FollowEvent::Kind::kGone:
        host().info("file no longer followed", {{"file", e.path}});
        break;
      case FollowEvent::Kind::kError:
        host().warn("cannot read file", {{"file", e.path}, {"error", e.detail}});
        break;
    }
  }
}

}  // namespace mlobs::jsonl_file
