// The component graph: resolves `inputs:` (ids, `*` globs, kind filters) to edges, finds
// cycles, and orders components so each comes after its inputs.
#pragma once

#include "config/config.h"
#include "config/error_collector.h"

#include <string>
#include <vector>

namespace mlobs::agent::config_internal {

// One `inputs:` entry as written.
struct InputRef {
  std::string pattern;  // an id, or a glob with `*`
  std::vector<std::string> kinds;
  SourceLocation where;
};

struct GraphNode {
  std::string id;
  mlobs_component_kind kind = MLOBS_COMPONENT_SOURCE;
  SourceLocation where;
  std::vector<InputRef> inputs;
  // False when `inputs:` is missing or empty: an error for processors and sinks. Entries that
  // were written but malformed were reported already and count as given.
  bool inputs_given = false;
  // A component already reported as malformed: its own input checks would only add noise.
  bool broken = false;
};

struct ResolvedGraph {
  std::vector<std::vector<InputEdge>> inputs;  // per node, in `nodes` order
  std::vector<std::string> topological_order;  // empty when there is a cycle
};

// `nodes` are sources, then processors, then sinks, each in file order. An id that occurs
// twice resolves to its first occurrence (the duplicate was reported already).
ResolvedGraph resolve_graph(const std::vector<GraphNode>& nodes, ErrorCollector* errors);

// `*` matches any run of characters, everything else itself.
bool glob_match(std::string_view pattern, std::string_view text);

}  // namespace mlobs::agent::config_internal
