#include "console_sink.h"

#include <cerrno>
#include <cstdio>
#include <cstring>

namespace mlobs::console_sink {

Status ConsoleSink::write(Batch& batch) {
  buffer_.clear();
  for (size_t i = 0; i < batch.size(); ++i) {
    RecordRef rec = batch.at(i);
    if (!rec.handle()) continue;
    buffer_ += rec.to_json();
    buffer_ += '\n';
  }
  if (buffer_.empty()) return Status::Ok();
  // One fwrite and one fflush per batch: lines of one batch are never interleaved with the
  // agent's own output, and a reader of a pipe sees each batch as soon as it is written.
  errno = 0;
  const size_t written = std::fwrite(buffer_.data(), 1, buffer_.size(), stdout);
  if (written != buffer_.size() || std::fflush(stdout) != 0) {
    const int err = errno;
    std::clearerr(stdout);
    return Status::Unavailable(std::string("cannot write to stdout: ") +
                               (err ? std::strerror(err) : "short write"));
  }
  if (buffer_.capacity() > (size_t{4} << 20)) std::string().swap(buffer_);
  return Status::Ok();
}

Status ConsoleSink::flush() {
  if (std::fflush(stdout) != 0) {
    std::clearerr(stdout);
    return Status::Unavailable(std::string("cannot flush stdout: ") + std::strerror(errno));
  }
  return Status::Ok();
}

}  // namespace mlobs::console_sink
