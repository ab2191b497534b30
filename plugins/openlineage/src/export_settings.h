// The keys both OpenLineage sinks share: the job namespace of the runs they make and the producer
// URI every event and facet names.
#pragma once

#include <mlobs/plugin.hpp>

#include <string>

namespace mlobs::openlineage {

inline constexpr const char* kDefaultNamespace = "mlobs";
inline constexpr const char* kDefaultProducer = "https://github.com/mlobs/mlobs-agent";

struct ExportSettings {
  std::string namespace_name = kDefaultNamespace;
  std::string producer = kDefaultProducer;
};

// Reads `namespace` and `producer`; refuses an empty namespace and a producer that is not an
// absolute URI (consumers validate it as one).
Status read_export_settings(const Config& config, ExportSettings* out);

}  // namespace mlobs::openlineage
