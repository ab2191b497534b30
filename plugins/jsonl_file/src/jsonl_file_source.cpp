#include "jsonl_file_source.h"

#include "line_classifier.h"

#include <algorithm>
#include <string_view>
#include <utility>

namespace mlobs::jsonl_file {
namespace {

using tailed_files::kDeadLetterTextBytes;

constexpr int64_t kDefaultMaxLineBytes = int64_t{1} << 20;

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
  file_follow::FollowOptions options;
  options.patterns = patterns_;
  options.reader.max_line_bytes = max_line_bytes_;
  options.reader.too_long_preview_bytes = kDeadLetterTextBytes + 3;  // cut at a UTF-8 boundary
  options.skip_existing_content = read_from_end_;
  files_.start(host(), std::move(options), followed_files_);
  return Status::Ok();
}

Status JsonlFileSource::pull(Batch& batch) {
  if (!files_.started()) return Status::FailedPrecondition("pull before start");
  files_.scan_if_due();

  const size_t capacity = batch.capacity();
  size_t appended = 0;
  uint64_t bytes = 0;
  files_.begin_round();
  file_follow::FollowedLine line;
  while (appended < capacity && files_.next(&line)) {
    bytes += line.line.end_offset - line.line.begin_offset;
    Status s = take_line(line, batch, &appended);
    if (!s.ok()) return s;  // the host restarts us; start() rewinds to the acknowledged state
  }
  read_bytes_.add(static_cast<double>(bytes));
  files_.end_pull(batch.sequence(), capacity > 0 && appended == capacity);
  return Status::Ok();
}

Status JsonlFileSource::take_line(const file_follow::FollowedLine& line, Batch& batch,
                                  size_t* appended) {
  const std::string_view text = tailed_files::line_text(line);
  auto reject = [&](std::string_view reason, std::string_view error) {
    tailed_files::dead_letter_line(host(), line, reason, error);
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

void JsonlFileSource::ack(uint64_t sequence) { files_.ack(sequence); }

Status JsonlFileSource::stop() {
  files_.stop();
  return Status::Ok();
}

}  // namespace mlobs::jsonl_file
