/* A shared object that is not an mlobs plugin: it exports something, but no entry point. */
#include <mlobs/plugin.h>

MLOBS_EXPORT int some_other_library_function(void) { return 42; }
