#include "serving_ingest_source.h"


#include <limits>
#include <utility>

namespace mlobs::serving_ingest {
namespace {

using tailed_files::kDeadLetterTextBytes;

constexpr int64_t kDefaultMaxLineBytes = int64_t{1} << 20;
constexpr int64_t kDefaultDedupHorizonMs = 3'600'000;
constexpr int64_t kDefaultDedupMaxEntries = 1'000'000;

bool blank(std::string_view s) { return s.find_first_not_of(" \t\r") == std::string_view::npos; }

}  // namespace

Status ServingIngestSource::configure(const Config& config) {
  std::string root = config.get_string("root");
  if (root.empty()) return Status::InvalidArgument("\"root\" is required");
  const std::string glob = config.get_string("glob", "*/*/*.jsonl");
  if (glob.empty() || glob.front() == '/') {
    return Status::InvalidArgument("\"glob\" must be a non-empty path relative to \"root\"");
  }
  while (root.size() > 1 && root.back() == '/') root.pop_back();
  pattern_ = root + "/" + glob;

  const std::string read_from = config.get_string("read_from", "beginning");
  if (read_from != "beginning" && read_from != "end") {
    return Status::InvalidArgument("\"read_from\" must be \"beginning\" or \"end\", not \"" +
                                   read_from + "\"");
  }
  read_from_end_ = read_from == "end";
  const int64_t max_line = config.get_size_bytes("max_line_bytes", kDefaultMaxLineBytes);
  if (max_line <= 0) return Status::InvalidArgument("\"max_line_bytes\" must be positive");
  max_line_bytes_ = static_cast<size_t>(max_line);
  const int64_t horizon_ms = config.get_duration_ms("dedup_horizon", kDefaultDedupHorizonMs);
  if (horizon_ms < 0 || horizon_ms > std::numeric_limits<int64_t>::max() / 1'000'000) {
    return Status::InvalidArgument("\"dedup_horizon\" must be a non-negative duration");
  }
  dedup_horizon_nanos_ = horizon_ms * 1'000'000;
  const int64_t max_entries = config.get_int("dedup_max_entries", kDefaultDedupMaxEntries);
  if (max_entries <= 0) return Status::InvalidArgument("\"dedup_max_entries\" must be positive");
  dedup_max_entries_ = static_cast<size_t>(max_entries);

  const std::string id(host().component_id());
  followed_files_ = host()
                        .gauge("mlobs_serving_ingest_followed_files",
                               "Files a serving_ingest source is following", {"component"})
                        .series({id});
  duplicates_ =
      host()
          .counter("mlobs_serving_duplicates_total",
                   "Serving windows dropped because their key was already seen", {"component"})
          .series({id});
  dedup_entries_ =
      host()
          .gauge("mlobs_serving_ingest_dedup_entries",
                 "Window keys a serving_ingest source remembers for dedup", {"component"})
          .series({id});
  return Status::Ok();
}

Status ServingIngestSource::start() {
  // Dedup memory starts empty: lines read again after a restart were never acknowledged, so
  // they must not be taken for duplicates of themselves.
  dedup_ = std::make_unique<DedupWindow>(dedup_horizon_nanos_, dedup_max_entries_);
  file_follow::FollowOptions options;
  options.patterns = {pattern_};
  options.reader.max_line_bytes = max_line_bytes_;
  options.reader.too_long_preview_bytes = kDeadLetterTextBytes + 3;  // cut at a UTF-8 boundary
  options.skip_existing_content = read_from_end_;
  files_.start(host(), std::move(options), followed_files_);
  return Status::Ok();
}

Status ServingIngestSource::pull(Batch& batch) {
  if (!files_.started()) return Status::FailedPrecondition("pull before start");
  files_.scan_if_due();

  const size_t capacity = batch.capacity();
  size_t appended = 0;
  files_.begin_round();
  file_follow::FollowedLine line;
  while (appended < capacity && files_.next(&line)) {
    Status s = take_line(line, batch, &appended);
    if (!s.ok()) return s;  // the host restarts us; start() rewinds to the acknowledged state
  }
  files_.end_pull(batch.sequence(), capacity > 0 && appended == capacity);
  dedup_entries_.set(static_cast<double>(dedup_->size()));
  return Status::Ok();
}

Status ServingIngestSource::take_line(const file_follow::FollowedLine& line, Batch& batch,
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
  if (blank(text)) return Status::Ok();
  OwnedRecord rec = read_window(line, text);
  if (!rec) return Status::Ok();  // rejected
  // Judged only once the host took the line, so a refused line cannot shadow a later good copy.
  switch (dedup_->check(window_.deployment_id, window_.endpoint_name, window_.start, window_.end)) {
    case DedupWindow::Verdict::kDuplicate:
      duplicates_.add();
      return Status::Ok();
    case DedupWindow::Verdict::kNew:
    case DedupWindow::Verdict::kTooOld:
      break;
  }
  id_.assign("serving_window:");
  id_.append(window_.deployment_id).append("|").append(window_.endpoint_name).append("|");
  id_.append(window_.window_start).append("|").append(window_.window_end);
  rec.set("id", id_);
  Status s = batch.append(std::move(rec));
  if (s.ok()) ++*appended;
  return s;
}

// The host parses the line once (checking its JSON and UTF-8) and the window is read from the
// members it found. A line the host refuses, or whose members cannot decide alone, is parsed
// here as well, for the exact verdict and reason.
OwnedRecord ServingIngestSource::read_window(const file_follow::FollowedLine& line,
                                             std::string_view text) {
  auto reject = [&](std::string_view reason, std::string_view error) {
    tailed_files::dead_letter_line(host(), line, reason, error);
  };
  OwnedRecord rec(nullptr);
  bool read = false;
  rec = host().parse_record("serving_window", text);
  if (rec) {
    parser_.begin(&window_);
    rec.for_each_member("body", contract_fields_, [this](const mlobs_member& m) {
      parser_.member(m);
      return true;
    });
    read = parser_.end();
  }
  if (!read && !parser_.parse(text, &window_, &violation_)) {
    reject(violation_.reason, violation_.detail);
    return OwnedRecord(nullptr);
  }
  if (!validate(&window_, &violation_)) {
    reject(violation_.reason, violation_.detail);
    return OwnedRecord(nullptr);
  }
  if (!rec) rec = host().parse_record("serving_window", text);
  if (!rec) {
    // Valid to RapidJSON but refused by the host, e.g. a number beyond the range of a double.
    reject(kInvalidJson, "the record parser rejected the line");
  }
  return rec;
}

void ServingIngestSource::ack(uint64_t sequence) { files_.ack(sequence); }

Status ServingIngestSource::stop() {
  files_.stop();
  return Status::Ok();
}

}  // namespace mlobs::serving_ingest
