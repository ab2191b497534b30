// Pins the ABI: the layout of every shipped minor of the host table and the header's checksum,
// so any change to plugin.h is deliberate.
#include <mlobs/plugin.h>

#include <gtest/gtest.h>

#include <cstddef>
#include <fstream>
#include <string>

namespace {

constexpr size_t kPtr = sizeof(void*);

// ABI 1.0: the host table ends with component_id; 1.1 appends for_each_member; 1.2 appends the
// name sets and for_each_member_in, name_index to mlobs_member and flags to the component
// descriptor; 1.3 appends http_send and retry_after.
static_assert(offsetof(mlobs_host_api, set_error) == 16, "1.0 layout changed");
static_assert(offsetof(mlobs_host_api, component_id) == 16 + 41 * kPtr, "1.0 layout changed");
static_assert(offsetof(mlobs_host_api, for_each_member) == 16 + 42 * kPtr, "1.1 layout changed");
static_assert(offsetof(mlobs_host_api, name_set_create) == 16 + 43 * kPtr, "1.2 layout changed");
static_assert(offsetof(mlobs_host_api, for_each_member_in) == 16 + 45 * kPtr,
              "1.2 layout changed");
static_assert(offsetof(mlobs_host_api, http_send) == 16 + 46 * kPtr, "1.3 layout changed");
static_assert(offsetof(mlobs_host_api, retry_after) == 16 + 47 * kPtr, "1.3 layout changed");
static_assert(sizeof(mlobs_host_api) == 16 + 48 * kPtr, "1.3 size changed");
static_assert(offsetof(mlobs_member, string_value) == 8 + 2 * kPtr + 24, "member 1.1 changed");
static_assert(offsetof(mlobs_member, name_index) == 8 + 4 * kPtr + 24, "member 1.2 changed");
static_assert(offsetof(mlobs_component_vtable, ack) == 8 + 8 * kPtr, "vtable 1.0 changed");
static_assert(offsetof(mlobs_component_desc, vtable) == 8 + 4 * kPtr, "component 1.0 changed");
static_assert(offsetof(mlobs_component_desc, flags) == 8 + 5 * kPtr, "component 1.2 changed");
static_assert(sizeof(mlobs_str) == 2 * kPtr, "mlobs_str changed");
static_assert(offsetof(mlobs_http_request, body) == 8 + 6 * kPtr, "http request 1.3 changed");
static_assert(offsetof(mlobs_http_response, request_id) == 8 + 6 * kPtr, "http response 1.3 changed");
static_assert(offsetof(mlobs_negotiate_request, get_api) == 16, "request 1.0 changed");
static_assert(offsetof(mlobs_negotiate_response, error) == 24, "response 1.0 changed");

TEST(AbiLayout, VersionIsOnePointThree) {
  EXPECT_EQ(MLOBS_ABI_VERSION_MAJOR, 1);
  EXPECT_EQ(MLOBS_ABI_VERSION_MINOR, 3);
}

TEST(AbiLayout, HeaderChecksumMatchesTheRecordedOne) {
  std::ifstream in(MLOBS_PLUGIN_H_SHA256_FILE);
  std::string recorded;
  in >> recorded;
  EXPECT_EQ(recorded, MLOBS_PLUGIN_H_SHA256)
      << "sdk/include/mlobs/plugin.h changed. If the ABI change is deliberate (fields appended, "
         "version bumped), record the new checksum: sha256sum sdk/include/mlobs/plugin.h";
}

}  // namespace
