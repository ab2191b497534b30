#include "lineage_file_sink.h"

#include <optional>
#include <string_view>
#include <utility>

#include "error_label.h"
#include "mlobs/lineage/record_mapping.h"
#include "mlobs/lineage/record_ref_fields.h"

namespace mlobs::lineage_file {
namespace {

constexpr std::string_view kLineage = "lineage";

}  // namespace

Status LineageFileSink::configure(const Config& config) {
  dir_ = config.get_string("dir");
  if (dir_.empty()) return Status::InvalidArgument("\"dir\" must not be empty");
  namespace_ = config.get_string("namespace", "mlobs");
  if (namespace_.empty()) return Status::InvalidArgument("\"namespace\" must not be empty");
  const std::string fsync = config.get_string("fsync", "batch");
  if (fsync != "batch" && fsync != "never") {
    return Status::InvalidArgument("\"fsync\" must be \"batch\" or \"never\", not \"" + fsync +
                                   "\"");
  }
  sync_each_batch_ = fsync == "batch";

  const std::string id(host().component_id());
  events_written_ =
      host()
          .counter("mlobs_lineage_events_written_total",
                   "Lineage events a lineage_file sink wrote (one line each)", {"component"})
          .series({id});
  records_skipped_ = host().counter(
      "mlobs_lineage_records_skipped_total",
      "Records a lineage_file sink wrote no lineage event for, by reason", {"component", "reason"});
  unsupported_skipped_ = records_skipped_.series({id, lineage::kUnsupportedKind});
  write_errors_ = host().counter("mlobs_lineage_write_errors_total",
                                 "Failed creates, opens, writes and syncs of lineage files (the "
                                 "batch is retried), by errno",
                                 {"component", "error"});
  return Status::Ok();
}

Status LineageFileSink::start() {
  files_ = std::make_unique<DayFiles>(dir_);
  if (FileError e = files_->create_directory()) return unavailable(e);
  return Status::Ok();
}

Status LineageFileSink::stop() {
  files_.reset();
  return Status::Ok();
}

void LineageFileSink::take(const RecordRef& record, size_t index) {
  const std::optional<std::string_view> kind = record.get_string("kind");
  if (kind == kLineage) {
    if (std::optional<Refusal> refusal = append_lineage_record_line(record, &buffer_)) {
      refused_.push_back({index, std::move(*refusal)});
      return;
    }
  } else {
    lineage::MappedEvent mapped = lineage::map_record(lineage::RecordRefFields(record), namespace_);
    if (!mapped.event) {
      if (mapped.reason == lineage::kUnsupportedKind) {
        ++unsupported_;
      } else {
        refused_.push_back({index, Refusal{std::move(mapped.reason), std::move(mapped.detail)}});
      }
      return;
    }
    mapped.event->append_json(&buffer_);
  }
  buffer_ += '\n';
  ++lines_;
}

Status LineageFileSink::write(Batch& batch) {
  if (!files_) return Status::FailedPrecondition("write before start");
  buffer_.clear();
  lines_ = 0;
  unsupported_ = 0;
  refused_.clear();
  for (size_t i = 0; i < batch.size(); ++i) {
    const RecordRef record = batch.at(i);
    if (record.handle()) take(record, i);
  }
  if (!buffer_.empty()) {
    // The host clock, not the event times: the file a line lands in says when it was written.
    if (FileError e = files_->append(host().now_unix_nanos(), buffer_, sync_each_batch_)) {
      return unavailable(e);
    }
    events_written_.add(static_cast<double>(lines_));
  }
  report_refused(batch);
  if (buffer_.capacity() > (size_t{4} << 20)) std::string().swap(buffer_);  // after a huge batch
  return Status::Ok();
}

void LineageFileSink::report_refused(Batch& batch) {
  if (unsupported_ > 0) unsupported_skipped_.add(static_cast<double>(unsupported_));
  for (const Refused& r : refused_) {
    const RecordRef record = batch.at(r.index);
    host().dead_letter(&record, r.refusal.reason, {{"error", r.refusal.detail}});
    records_skipped_.series({host().component_id(), r.refusal.reason}).add();
  }
}

Status LineageFileSink::unavailable(const FileError& error) {
  const std::string label = error_label(error.code);
  write_errors_.series({host().component_id(), label}).add();
  const std::string message = error.code.message();
  host().warn(
      "lineage file error; retrying later",
      {{"operation", error.operation}, {"path", error.path}, {"errno", label}, {"error", message}});
  return Status::Unavailable(std::string("cannot ") + error.operation + " " + error.path + ": " +
                             message);
}

}  // namespace mlobs::lineage_file
