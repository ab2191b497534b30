// The `file` sink: appends every record, envelope included, as one JSON line.
#pragma once

#include <mlobs/plugin.hpp>

#include "appending_file.h"

#include <memory>
#include <string>

namespace mlobs::file_sink {

class FileSink : public Sink {
 public:
  Status configure(const Config& config) override;
  Status start() override;
  Status write(Batch& batch) override;
  Status flush() override;
  Status stop() override;

 private:
  Status unavailable(const char* what, const std::error_code& ec) const;

  std::string path_;
  std::unique_ptr<AppendingFile> file_;
  std::string buffer_;  // one batch, written with as few write(2) calls as possible
};

}  // namespace mlobs::file_sink
