/* A plugin built for ABI major 2: it refuses a major-1 host and says which version it is. */
#include <mlobs/plugin.h>

MLOBS_EXPORT mlobs_status mlobs_plugin_negotiate(const mlobs_negotiate_request* req,
                                                 mlobs_negotiate_response* resp) {
  resp->plugin_abi_major = 2;
  resp->plugin_abi_minor = 3;
  if (req->host_abi_major != 2) {
    resp->error = "this plugin speaks ABI 2 only";
    return MLOBS_INCOMPATIBLE;
  }
  return MLOBS_OK;
}
