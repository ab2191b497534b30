#include "config/error_collector.h"

#include "config/yaml_location.h"

#include <algorithm>
#include <tuple>
#include <utility>

namespace mlobs::agent::config_internal {

SourceLocation ErrorCollector::where(const YAML::Node& node) const {
  return location_of(node, file_);
}

SourceLocation ErrorCollector::where(const YAML::Mark& mark) const {
  return location_of(mark, file_);
}

void ErrorCollector::add(SourceLocation at, std::string message, std::string hint) {
  diagnostics_.push_back({std::move(at), std::move(message), std::move(hint)});
}

void ErrorCollector::add(const YAML::Node& at, std::string message, std::string hint) {
  add(where(at), std::move(message), std::move(hint));
}

Diagnostics ErrorCollector::take() {
  std::stable_sort(
      diagnostics_.begin(), diagnostics_.end(), [](const Diagnostic& a, const Diagnostic& b) {
        return std::tie(a.where.line, a.where.column) < std::tie(b.where.line, b.where.column);
      });
  return std::exchange(diagnostics_, {});
}

}  // namespace mlobs::agent::config_internal
