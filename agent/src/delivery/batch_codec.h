// A batch as one disk-buffer entry: its records as JSON lines (envelope and body), so what is
// read back after a restart is the records the sink would have received.
#pragma once

#include "common/status.h"
#include "pipeline/batch.h"

#include <string>
#include <string_view>

namespace mlobs::agent {

std::string encode_batch(const Batch& batch);
// Appends the records of `entry` to *out.
Status decode_batch(std::string_view entry, Batch* out);

}  // namespace mlobs::agent
