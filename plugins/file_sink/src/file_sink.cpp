#include "file_sink.h"

namespace mlobs::file_sink {

Status FileSink::configure(const Config& config) {
  path_ = config.get_string("path");
  if (path_.empty()) return Status::InvalidArgument("\"path\" must not be empty");
  return Status::Ok();
}

Status FileSink::unavailable(const char* what, const std::error_code& ec) const {
  return Status::Unavailable(std::string(what) + " " + path_ + ": " + ec.message());
}

Status FileSink::start() {
  file_ = std::make_unique<AppendingFile>(path_);
  if (std::error_code ec = file_->open()) return unavailable("cannot open", ec);
  return Status::Ok();
}

Status FileSink::write(Batch& batch) {
  if (!file_) return Status::FailedPrecondition("write before start");
  buffer_.clear();
  for (size_t i = 0; i < batch.size(); ++i) {
    RecordRef rec = batch.at(i);
    if (!rec.handle()) continue;
    rec.append_json(&buffer_);
    buffer_ += '\n';
  }
  if (buffer_.empty()) return Status::Ok();
  if (std::error_code ec = file_->reopen_if_moved()) return unavailable("cannot open", ec);
  // The whole batch reaches the kernel before OK, so the agent dying right after loses nothing;
  // flush() adds fsync for power loss. A failure is retried by the host with the same batch.
  if (std::error_code ec = file_->append(buffer_)) return unavailable("cannot write", ec);
  if (buffer_.capacity() > (size_t{4} << 20)) std::string().swap(buffer_);  // after a huge batch
  return Status::Ok();
}

Status FileSink::flush() {
  if (!file_) return Status::Ok();
  if (std::error_code ec = file_->sync()) return unavailable("cannot sync", ec);
  return Status::Ok();
}

Status FileSink::stop() {
  if (!file_) return Status::Ok();
  std::error_code ec = file_->sync();
  file_.reset();
  if (ec) return unavailable("cannot sync", ec);
  return Status::Ok();
}

}  // namespace mlobs::file_sink
