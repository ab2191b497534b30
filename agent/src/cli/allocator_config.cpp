// jemalloc's settings, read by jemalloc itself at start-up. Records are allocated on a source's
// thread and freed on the sinks' threads; glibc's malloc serialises such cross-thread frees on
// arena locks (a third of the hot path's time in profiles), jemalloc's thread caches do not.
// One arena keeps the footprint small on a per-host agent; MALLOC_CONF still overrides.
#ifdef MLOBS_WITH_JEMALLOC
extern "C" {
extern const char* malloc_conf;
const char* malloc_conf = "narenas:1,dirty_decay_ms:1000,muzzy_decay_ms:0";
}
#endif
