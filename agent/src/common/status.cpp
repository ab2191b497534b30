#include "common/status.h"

namespace mlobs::agent {

const char* status_code_name(mlobs_status code) {
  switch (code) {
    case MLOBS_OK: return "OK";
    case MLOBS_INVALID_ARGUMENT: return "INVALID_ARGUMENT";
    case MLOBS_NOT_FOUND: return "NOT_FOUND";
    case MLOBS_FAILED_PRECONDITION: return "FAILED_PRECONDITION";
    case MLOBS_RESOURCE_EXHAUSTED: return "RESOURCE_EXHAUSTED";
    case MLOBS_UNAVAILABLE: return "UNAVAILABLE";
    case MLOBS_UNIMPLEMENTED: return "UNIMPLEMENTED";
    case MLOBS_INTERNAL: return "INTERNAL";
    case MLOBS_INCOMPATIBLE: return "INCOMPATIBLE";
    default: return "UNKNOWN";
  }
}

}  // namespace mlobs::agent
