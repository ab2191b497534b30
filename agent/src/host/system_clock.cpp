#include "host/component_context.h"

#include <chrono>

namespace mlobs::agent {

int64_t system_clock_unix_nanos() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace mlobs::agent
