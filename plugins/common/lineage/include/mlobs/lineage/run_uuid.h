// Stable run ids for OpenLineage, whose runId must be a UUID: a name-based UUID (version 5,
// RFC 9562: SHA-1 of a namespace UUID and a name), so the same upstream run always gets the same
// runId and a re-sent event is recognised by the backend. Anyone can recompute it: the name is
// "<job namespace>/<upstream run id>" under the URL namespace UUID.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace mlobs::lineage {

// SHA-1 of `data` (FIPS 180-4). For name-based UUIDs, not for security.
std::array<uint8_t, 20> sha1(std::string_view data);

// The version-5 UUID of `name` under `namespace_uuid` (16 bytes), as lower-case 8-4-4-4-12 text.
std::string uuid_v5(const std::array<uint8_t, 16>& namespace_uuid, std::string_view name);

// uuid_v5(URL namespace 6ba7b811-9dad-11d1-80b4-00c04fd430c8, job_namespace + "/" + run_id).
std::string run_uuid(std::string_view job_namespace, std::string_view run_id);

}  // namespace mlobs::lineage
