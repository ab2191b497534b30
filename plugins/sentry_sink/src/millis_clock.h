// The clock the sink's time-based state reads: milliseconds on any fixed epoch. The sink passes
// the host's clock, so tests drive time by hand.
#pragma once

#include <cstdint>
#include <functional>

namespace mlobs::sentry_sink {

using MillisClock = std::function<int64_t()>;

}  // namespace mlobs::sentry_sink
