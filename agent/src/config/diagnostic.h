// A configuration mistake with its place in the file: "agent.yaml:12:5: error: ... (hint: ...)".
#pragma once

#include <string>
#include <vector>

namespace mlobs::agent {

struct SourceLocation {
  std::string file;
  int line = 0;    // 1-based; 0 when unknown
  int column = 0;  // 1-based
};

struct Diagnostic {
  SourceLocation where;
  std::string message;
  std::string hint;  // may be empty

  // "file:line:column: error: message (hint: ...)"
  std::string format() const;
};

using Diagnostics = std::vector<Diagnostic>;

}  // namespace mlobs::agent
