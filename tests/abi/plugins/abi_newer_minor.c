/* A plugin built against a newer minor of ABI 1 than the host speaks: get_api() returns NULL
 * for that minor and the plugin refuses to load. */
#include <mlobs/plugin.h>

MLOBS_EXPORT mlobs_status mlobs_plugin_negotiate(const mlobs_negotiate_request* req,
                                                 mlobs_negotiate_response* resp) {
  const uint32_t wanted = MLOBS_ABI_VERSION_MINOR + 1;
  resp->plugin_abi_major = 1;
  resp->plugin_abi_minor = wanted;
  if (req->host_abi_major != 1 || !req->get_api(wanted)) {
    resp->error = "host ABI minor version is older than the plugin's";
    return MLOBS_INCOMPATIBLE;
  }
  return MLOBS_OK;
}
