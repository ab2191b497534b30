#include "mlobs/file_follow/glob_match.h"

#include <cstddef>

namespace mlobs::file_follow {
namespace {

// Matches the bracket expression starting at pattern[p] (just after '[') against c. Sets *end to
// the index after ']' and returns whether c is in (or, negated, not in) the set. Returns false
// with *end = npos when the expression is unterminated.
bool match_class(std::string_view pattern, size_t p, char c, size_t* end) {
  bool negate = false;
  if (p < pattern.size() && (pattern[p] == '!' || pattern[p] == '^')) {
    negate = true;
    ++p;
  }
  bool found = false;
  bool first = true;
  while (p < pattern.size() && (pattern[p] != ']' || first)) {
    first = false;
    char lo = pattern[p];
    if (lo == '\\' && p + 1 < pattern.size()) lo = pattern[++p];
    ++p;
    char hi = lo;
    if (p + 1 < pattern.size() && pattern[p] == '-' && pattern[p + 1] != ']') {
      hi = pattern[p + 1];
      if (hi == '\\' && p + 2 < pattern.size()) hi = pattern[++p + 1];
      p += 2;
    }
    const auto uc = static_cast<unsigned char>(c);
    if (static_cast<unsigned char>(lo) <= uc && uc <= static_cast<unsigned char>(hi)) found = true;
  }
  if (p >= pattern.size()) {
    *end = std::string_view::npos;
    return false;
  }
  *end = p + 1;
  return found != negate;
}

}  // namespace

bool glob_match(std::string_view pattern, std::string_view name) {
  if (!name.empty() && name[0] == '.' && !pattern.empty() &&
      (pattern[0] == '*' || pattern[0] == '?' || pattern[0] == '[')) {
    return false;
  }
  // Iterative matcher with one backtrack point (the last '*'): linear for typical patterns and
  // never exponential, unlike the naive recursive version.
  size_t p = 0;
  size_t n = 0;
  size_t star_p = std::string_view::npos;
  size_t star_n = 0;
  while (n < name.size()) {
    bool advanced = false;
    if (p < pattern.size()) {
      const char pc = pattern[p];
      if (pc == '*') {
        star_p = ++p;
        star_n = n;
        continue;
      }
      if (pc == '?') {
        ++p;
        ++n;
        advanced = true;
      } else if (pc == '[') {
        size_t end = 0;
        const bool in = match_class(pattern, p + 1, name[n], &end);
        if (end == std::string_view::npos) {
          if (name[n] == '[') {  // unterminated: a literal '['
            ++p;
            ++n;
            advanced = true;
          }
        } else if (in) {
          p = end;
          ++n;
          advanced = true;
        }
      } else {
        char lit = pc;
        size_t step = 1;
        if (pc == '\\' && p + 1 < pattern.size()) {
          lit = pattern[p + 1];
          step = 2;
        }
        if (lit == name[n]) {
          p += step;
          ++n;
          advanced = true;
        }
      }
    }
    if (advanced) continue;
    if (star_p == std::string_view::npos) return false;
    p = star_p;
    n = ++star_n;
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

bool has_glob_magic(std::string_view segment) {
  return segment.find_first_of("*?[\\") != std::string_view::npos;
}

}  // namespace mlobs::file_follow
