// Collects every configuration mistake so they can all be reported at once, in file order.
#pragma once

#include "config/diagnostic.h"

#include <yaml-cpp/yaml.h>

#include <string>

namespace mlobs::agent::config_internal {

class ErrorCollector {
 public:
  explicit ErrorCollector(std::string file) : file_(std::move(file)) {}

  const std::string& file() const { return file_; }
  SourceLocation where(const YAML::Node& node) const;
  SourceLocation where(const YAML::Mark& mark) const;

  void add(SourceLocation at, std::string message, std::string hint = "");
  void add(const YAML::Node& at, std::string message, std::string hint = "");

  bool empty() const { return diagnostics_.empty(); }
  size_t size() const { return diagnostics_.size(); }

  // Everything collected, sorted by position (stable, so one node's errors keep their order).
  Diagnostics take();

 private:
  std::string file_;
  Diagnostics diagnostics_;
};

}  // namespace mlobs::agent::config_internal
