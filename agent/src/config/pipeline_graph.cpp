#include "config/pipeline_graph.h"

#include "config/kind_names.h"
#include "config/suggest.h"

#include <algorithm>
#include <map>
#include <set>
#include <utility>

namespace mlobs::agent::config_internal {
namespace {

bool produces(const GraphNode& n) { return n.kind != MLOBS_COMPONENT_SINK; }

std::string quoted(const std::string& s) { return "\"" + s + "\""; }

// Adds an edge, or widens an existing one: listing an input twice must not duplicate records.
void add_edge(std::vector<InputEdge>* edges, const std::string& from,
              const std::vector<std::string>& kinds) {
  for (InputEdge& e : *edges) {
    if (e.from != from) continue;
    if (e.kinds.empty() || kinds.empty()) {
      e.kinds.clear();
    } else {
      for (const auto& k : kinds) {
        if (std::find(e.kinds.begin(), e.kinds.end(), k) == e.kinds.end()) e.kinds.push_back(k);
      }
    }
    return;
  }
  edges->push_back({from, kinds});
}

class GraphResolver {
 public:
  GraphResolver(const std::vector<GraphNode>& nodes, ErrorCollector* errors)
      : nodes_(nodes), errors_(errors), consumers_(nodes.size()) {
    for (size_t i = 0; i < nodes_.size(); ++i) {
      index_.emplace(nodes_[i].id, i);
      if (produces(nodes_[i])) producer_ids_.push_back(nodes_[i].id);
    }
  }

  ResolvedGraph run() {
    ResolvedGraph out;
    out.inputs.resize(nodes_.size());
    for (size_t i = 0; i < nodes_.size(); ++i) resolve_inputs(i, &out.inputs[i]);
    if (report_cycles()) out.topological_order = order();
    return out;
  }

 private:
  void resolve_inputs(size_t i, std::vector<InputEdge>* edges) {
    const GraphNode& node = nodes_[i];
    if (node.kind == MLOBS_COMPONENT_SOURCE) return;
    if (!node.inputs_given && !node.broken) {
      errors_->add(node.where,
                   std::string(kind_label(node.kind)) + " " + quoted(node.id) + " has no inputs",
                   "add inputs: [...] naming the sources or processors it reads from");
    }
    for (const InputRef& ref : node.inputs) {
      if (ref.pattern.find('*') != std::string::npos) {
        resolve_glob(i, ref, edges);
      } else {
        resolve_id(i, ref, edges);
      }
    }
    // Producer indices come from the first occurrence of each id: rebuild from the edges.
    for (const InputEdge& e : *edges) consumers_[index_.at(e.from)].push_back(i);
  }

  void resolve_glob(size_t i, const InputRef& ref, std::vector<InputEdge>* edges) {
    bool matched = false;
    for (const auto& id : producer_ids_) {
      // A glob never selects its own consumer: `inputs: ["*"]` means "everything else".
      if (id == nodes_[i].id || !glob_match(ref.pattern, id)) continue;
      add_edge(edges, id, ref.kinds);
      matched = true;
    }
    if (!matched) {
      errors_->add(ref.where, "input " + quoted(ref.pattern) + " matches no source or processor",
                   producer_ids_.empty() ? "there are no sources or processors"
                                         : "they are " + join_names(producer_ids_));
    }
  }

  void resolve_id(size_t i, const InputRef& ref, std::vector<InputEdge>* edges) {
    auto it = index_.find(ref.pattern);
    if (it == index_.end()) {
      std::string hint = did_you_mean(ref.pattern, producer_ids_);
      if (hint.empty()) hint = "inputs name a source or processor declared in this file";
      errors_->add(ref.where,
                   "unknown input " + quoted(ref.pattern) + " of " + kind_label(nodes_[i].kind) +
                       " " + quoted(nodes_[i].id),
                   std::move(hint));
      return;
    }
    if (!produces(nodes_[it->second])) {
      errors_->add(ref.where, "sink " + quoted(ref.pattern) + " cannot be an input",
                   "sinks produce no records; name a source or processor");
      return;
    }
    add_edge(edges, ref.pattern, ref.kinds);
  }

  // Reports each cycle once, rotated to start at its earliest component; true if none.
  bool report_cycles() {
    enum class Color { kWhite, kGray, kBlack };
    std::vector<Color> color(nodes_.size(), Color::kWhite);
    std::set<std::vector<size_t>> reported;
    for (size_t start = 0; start < nodes_.size(); ++start) {
      if (color[start] != Color::kWhite) continue;
      // Iterative DFS along data flow; `path` is the gray chain from `start`.
      std::vector<std::pair<size_t, size_t>> stack = {{start, 0}};
      std::vector<size_t> path = {start};
      color[start] = Color::kGray;
      while (!stack.empty()) {
        auto& [node, next] = stack.back();
        if (next == consumers_[node].size()) {
          color[node] = Color::kBlack;
          stack.pop_back();
          path.pop_back();
          continue;
        }
        const size_t to = consumers_[node][next++];
        if (color[to] == Color::kWhite) {
          color[to] = Color::kGray;
          stack.emplace_back(to, 0);
          path.push_back(to);
        } else if (color[to] == Color::kGray) {
          std::vector<size_t> cycle(std::find(path.begin(), path.end(), to), path.end());
          std::rotate(cycle.begin(), std::min_element(cycle.begin(), cycle.end()), cycle.end());
          if (reported.insert(cycle).second) report_cycle(cycle);
        }
      }
    }
    return reported.empty();
  }

  void report_cycle(const std::vector<size_t>& cycle) {
    std::string text;
    for (size_t n : cycle) text += nodes_[n].id + " -> ";
    text += nodes_[cycle.front()].id;
    errors_->add(nodes_[cycle.front()].where, "cycle: " + text,
                 "a processor cannot read its own output, directly or through other processors");
  }

  // Sources, then processors as their inputs allow (file order among the ready), then sinks.
  std::vector<std::string> order() const {
    std::vector<size_t> pending(nodes_.size(), 0);  // processor inputs not placed yet
    for (size_t from = 0; from < nodes_.size(); ++from) {
      if (nodes_[from].kind != MLOBS_COMPONENT_PROCESSOR) continue;
      for (size_t to : consumers_[from]) ++pending[to];
    }
    std::vector<std::string> out;
    std::set<size_t> ready;
    for (size_t i = 0; i < nodes_.size(); ++i) {
      if (nodes_[i].kind == MLOBS_COMPONENT_SOURCE) out.push_back(nodes_[i].id);
      if (nodes_[i].kind == MLOBS_COMPONENT_PROCESSOR && pending[i] == 0) ready.insert(i);
    }
    while (!ready.empty()) {
      const size_t i = *ready.begin();
      ready.erase(ready.begin());
      out.push_back(nodes_[i].id);
      for (size_t to : consumers_[i]) {
        if (nodes_[to].kind == MLOBS_COMPONENT_PROCESSOR && --pending[to] == 0) ready.insert(to);
      }
    }
    for (const GraphNode& n : nodes_) {
      if (n.kind == MLOBS_COMPONENT_SINK) out.push_back(n.id);
    }
    return out;
  }

  const std::vector<GraphNode>& nodes_;
  ErrorCollector* errors_;
  std::map<std::string, size_t, std::less<>> index_;  // id -> first node with it
  std::vector<std::string> producer_ids_;             // file order, duplicates included
  std::vector<std::vector<size_t>> consumers_;        // data flow: producer -> consumers
};

}  // namespace

bool glob_match(std::string_view pattern, std::string_view text) {
  // Greedy with backtracking to the last `*`: linear for the patterns configs hold.
  size_t p = 0, t = 0, star = std::string_view::npos, resume = 0;
  while (t < text.size()) {
    if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      resume = t;
    } else if (p < pattern.size() && pattern[p] == text[t]) {
      ++p;
      ++t;
    } else if (star != std::string_view::npos) {
      p = star + 1;
      t = ++resume;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

ResolvedGraph resolve_graph(const std::vector<GraphNode>& nodes, ErrorCollector* errors) {
  return GraphResolver(nodes, errors).run();
}

}  // namespace mlobs::agent::config_internal
