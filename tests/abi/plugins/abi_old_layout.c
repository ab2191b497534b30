/* A plugin from an older minor of ABI 1: its vtable and descriptors are shorter than the host's
 * (they end before the fields a later minor appended), and it asks for the oldest host table.
 * The host must read only what struct_size covers and load it. */
#include "abi_common.h"

#include <stddef.h>

static const mlobs_component_vtable kVtable = {
    /* The size of the vtable before tick and ack existed. */
    offsetof(mlobs_component_vtable, tick), t_create, t_configure, t_noop, t_process, t_noop,
    t_noop, t_destroy, NULL, NULL};

/* The descriptor as it was before 1.2's flags. The flags set here lie beyond struct_size, where
 * the host must not look. */
static const mlobs_component_desc kComponent = {
    offsetof(mlobs_component_desc, vtable) + sizeof(void*), MLOBS_COMPONENT_PROCESSOR,
    "old_layout_processor", "a processor with a short vtable", NULL, 0, &kVtable,
    MLOBS_PROCESSOR_READS_ONLY};
static const mlobs_component_desc* const kComponents[] = {&kComponent};

static const mlobs_plugin_desc kPlugin = {sizeof(mlobs_plugin_desc), "test.old_layout",
                                          "old_layout", "0.1.0", "Apache-2.0", kComponents, 1};

MLOBS_EXPORT mlobs_status mlobs_plugin_negotiate(const mlobs_negotiate_request* req,
                                                 mlobs_negotiate_response* resp) {
  if (req->host_abi_major != 1) return MLOBS_INCOMPATIBLE;
  if (!req->get_api(0)) return MLOBS_INCOMPATIBLE;
  resp->plugin_abi_major = 1;
  resp->plugin_abi_minor = 0;
  resp->plugin = &kPlugin;
  return MLOBS_OK;
}
