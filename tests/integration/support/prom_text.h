// Reads sample values out of a Prometheus text exposition (format 0.0.4), as /metrics serves it.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mlobs::integration {

struct PromSample {
  std::string name;
  std::map<std::string, std::string> labels;
  double value = 0;
};

// Every sample line; comments and lines that do not parse are skipped.
std::vector<PromSample> parse_prom_text(std::string_view text);

// The sum of the samples named `name` whose labels include `labels` (other labels may be
// present), or nullopt when no sample matches.
std::optional<double> prom_value(std::string_view text, std::string_view name,
                                 const std::map<std::string, std::string>& labels = {});

}  // namespace mlobs::integration
