// The host side of the plugin ABI: the API table handed to plugins during negotiation.
#pragma once

#include <mlobs/plugin.h>

namespace mlobs::agent {

// The table for `minor` of ABI major MLOBS_ABI_VERSION_MAJOR; NULL when minor is newer than
// the host's. Every older minor gets the same (larger) table: fields are only appended.
const mlobs_host_api* host_api_table(uint32_t minor);

}  // namespace mlobs::agent
