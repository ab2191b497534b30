#include "config/diagnostic.h"

namespace mlobs::agent {

std::string Diagnostic::format() const {
  std::string out = where.file;
  // An unknown position (an unreadable file) has no line or column worth printing.
  if (where.line > 0) {
    out += ":" + std::to_string(where.line) + ":" + std::to_string(where.column);
  }
  out += out.empty() ? "error: " : ": error: ";
  out += message;
  if (!hint.empty()) out += " (hint: " + hint + ")";
  return out;
}

}  // namespace mlobs::agent
