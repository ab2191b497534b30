#include "openlineage_file_sink.h"

#include <utility>

#include "batch_events.h"

namespace mlobs::openlineage {

Status OpenLineageFileSink::configure(const Config& config) {
  if (Status s = read_export_settings(config, &settings_); !s.ok()) return s;
  path_ = config.get_string("path");
  if (path_.empty()) return Status::InvalidArgument("\"path\" must not be empty");
  const std::string fsync = config.get_string("fsync", "batch");
  if (fsync != "batch" && fsync != "never") {
    return Status::InvalidArgument("\"fsync\" must be \"batch\" or \"never\", not \"" + fsync +
                                   "\"");
  }
  sync_each_batch_ = fsync == "batch";
  metrics_.register_with(host());
  return Status::Ok();
}

Status OpenLineageFileSink::start() {
  file_ = std::make_unique<NdjsonFile>(path_);
  return Status::Ok();
}

Status OpenLineageFileSink::stop() {
  file_.reset();
  return Status::Ok();
}

Status OpenLineageFileSink::write(Batch& batch) {
  if (!file_) return Status::FailedPrecondition("write before start");
  const BatchEvents events = collect_events(batch, settings_);
  buffer_.clear();
  for (const RunEvent& event : events.events) {
    buffer_ += event.json;
    buffer_ += '\n';
  }
  if (!buffer_.empty()) {
    if (std::optional<FileError> e = file_->append(buffer_, sync_each_batch_)) {
      return unavailable(*e);
    }
    for (const RunEvent& event : events.events) metrics_.event_exported(host(), event.event_type);
  }
  metrics_.report_skipped(host(), batch, events);
  if (buffer_.capacity() > (size_t{4} << 20)) std::string().swap(buffer_);  // after a huge batch
  return Status::Ok();
}

Status OpenLineageFileSink::unavailable(const FileError& error) {
  const std::string label = errno_label(error.code);
  metrics_.failure(host(), label);
  const std::string message = error.code.message();
  host().warn("openlineage file error; retrying later",
              {{"operation", error.operation}, {"path", path_}, {"errno", label}, {"error", message}});
  return Status::Unavailable("cannot " + error.operation + " " + path_ + ": " + message);
}

}  // namespace mlobs::openlineage
