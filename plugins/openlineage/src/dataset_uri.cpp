#include "dataset_uri.h"

#include <algorithm>
#include <cctype>
#include <cstddef>

namespace mlobs::openlineage {
namespace {

bool has_scheme(std::string_view s) {
  const size_t colon = s.find("://");
  if (colon == std::string_view::npos || colon == 0) return false;
  if (!std::isalpha(static_cast<unsigned char>(s[0]))) return false;
  return std::all_of(s.begin(), s.begin() + static_cast<std::ptrdiff_t>(colon), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '+' || c == '-' || c == '.';
  });
}

// Characters RFC 3986 allows nowhere in a URI (plus '%' outside an escape, which we don't check).
bool never_in_uri(unsigned char c) {
  return c <= 0x20 || c >= 0x7f || c == '"' || c == '<' || c == '>' || c == '\\' || c == '^' ||
         c == '`' || c == '{' || c == '|' || c == '}';
}

// Unreserved characters, sub-delims and the path's ':' '@' '/' stay; everything else is encoded.
bool keeps_in_path(unsigned char c) {
  return std::isalnum(c) || std::string_view("-._~!$&'()*+,;=:@/").find(static_cast<char>(c)) !=
                                std::string_view::npos;
}

}  // namespace

std::optional<std::string> dataset_uri(std::string_view artifact_uri) {
  if (has_scheme(artifact_uri)) {
    if (std::any_of(artifact_uri.begin(), artifact_uri.end(),
                    [](char c) { return never_in_uri(static_cast<unsigned char>(c)); })) {
      return std::nullopt;
    }
    return std::string(artifact_uri);
  }
  if (artifact_uri.empty() || artifact_uri.front() != '/') return std::nullopt;
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out = "file://";
  for (char ch : artifact_uri) {
    const auto c = static_cast<unsigned char>(ch);
    if (keeps_in_path(c)) {
      out += ch;
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 0xf];
    }
  }
  return out;
}

}  // namespace mlobs::openlineage
