// The `console` sink: every record as one JSON line on stdout.
#pragma once

#include <mlobs/plugin.hpp>

#include <string>

namespace mlobs::console_sink {

class ConsoleSink : public Sink {
 public:
  Status write(Batch& batch) override;
  Status flush() override;

 private:
  std::string buffer_;  // one batch, handed to stdout in one fwrite
};

}  // namespace mlobs::console_sink
