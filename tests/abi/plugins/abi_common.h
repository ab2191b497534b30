/* Shared pieces of the hand-written test plugins: a do-nothing processor vtable. */
#ifndef MLOBS_ABI_TEST_COMMON_H
#define MLOBS_ABI_TEST_COMMON_H

#include <mlobs/plugin.h>
#include <stdlib.h>

static mlobs_status t_create(mlobs_host_ctx* ctx, void** out) {
  (void)ctx;
  *out = malloc(1);
  return *out ? MLOBS_OK : MLOBS_RESOURCE_EXHAUSTED;
}
static mlobs_status t_configure(void* self, const mlobs_record* config) {
  (void)self;
  (void)config;
  return MLOBS_OK;
}
static mlobs_status t_noop(void* self) {
  (void)self;
  return MLOBS_OK;
}
static mlobs_status t_process(void* self, mlobs_batch* batch) {
  (void)self;
  (void)batch;
  return MLOBS_OK;
}
static void t_destroy(void* self) { free(self); }

#endif
