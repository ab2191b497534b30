// The `passthrough` processor: forwards every record unchanged. A wiring placeholder and the
// baseline the benchmarks measure processor overhead against.
#pragma once

#include <mlobs/plugin.hpp>

namespace mlobs::passthrough {

class Passthrough : public Processor {
 public:
  Status process(Batch&) override { return Status::Ok(); }
};

}  // namespace mlobs::passthrough
