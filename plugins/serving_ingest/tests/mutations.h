// Random edits of a line, for tests that feed a reader what a damaged or half-written file holds.
#pragma once

#include <random>
#include <string>

namespace mlobs::serving_ingest::testing {

// `line` after 1 to 4 random edits: a byte replaced, bytes removed, a byte inserted (from JSON's
// own characters and some invalid bytes), or the rest cut off as a half-written line would be.
inline std::string mutate(std::string line, std::mt19937& rng) {
  static const std::string alphabet = "{}[]\",:0123456789-.eE+ tfnul\\\x01\xff\xc3Z";
  const int edits = 1 + static_cast<int>(rng() % 4);
  for (int e = 0; e < edits && !line.empty(); ++e) {
    const size_t at = rng() % line.size();
    switch (rng() % 4) {
      case 0: line[at] = alphabet[rng() % alphabet.size()]; break;
      case 1: line.erase(at, 1 + rng() % 8); break;
      case 2: line.insert(at, 1, alphabet[rng() % alphabet.size()]); break;
      default: line.resize(at); break;
    }
  }
  return line;
}

}  // namespace mlobs::serving_ingest::testing
