// yaml-cpp marks (0-based, or -1 when unknown) as the 1-based positions diagnostics print.
#pragma once

#include "config/diagnostic.h"

#include <yaml-cpp/yaml.h>

#include <string>

namespace mlobs::agent::config_internal {

inline SourceLocation location_of(const YAML::Mark& mark, const std::string& file) {
  if (mark.is_null() || mark.line < 0 || mark.column < 0) return {file, 0, 0};
  return {file, mark.line + 1, mark.column + 1};
}

// A node that is not there (a missing map entry) has no place in the file.
inline SourceLocation location_of(const YAML::Node& node, const std::string& file) {
  if (!node.IsDefined()) return {file, 0, 0};
  return location_of(node.Mark(), file);
}

}  // namespace mlobs::agent::config_internal
