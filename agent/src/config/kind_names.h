// How component kinds are named in messages and in the config's section keys.
#pragma once

#include <mlobs/plugin.h>

namespace mlobs::agent::config_internal {

inline const char* kind_label(mlobs_component_kind kind) {
  switch (kind) {
    case MLOBS_COMPONENT_SOURCE:
      return "source";
    case MLOBS_COMPONENT_PROCESSOR:
      return "processor";
    case MLOBS_COMPONENT_SINK:
      return "sink";
    default:
      return "component";
  }
}

inline const char* section_name(mlobs_component_kind kind) {
  switch (kind) {
    case MLOBS_COMPONENT_SOURCE:
      return "sources";
    case MLOBS_COMPONENT_PROCESSOR:
      return "processors";
    case MLOBS_COMPONENT_SINK:
      return "sinks";
    default:
      return "components";
  }
}

}  // namespace mlobs::agent::config_internal
