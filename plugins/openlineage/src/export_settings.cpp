#include "export_settings.h"

#include <algorithm>
#include <cctype>

namespace mlobs::openlineage {
namespace {

// "scheme:rest" with a scheme as RFC 3986 spells it and nothing a URI never holds.
bool is_absolute_uri(const std::string& s) {
  const size_t colon = s.find(':');
  if (colon == std::string::npos || colon == 0 || colon + 1 == s.size()) return false;
  if (!std::isalpha(static_cast<unsigned char>(s[0]))) return false;
  const bool scheme_ok = std::all_of(s.begin(), s.begin() + static_cast<long>(colon), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '+' || c == '-' || c == '.';
  });
  const bool chars_ok = std::none_of(s.begin(), s.end(), [](char c) {
    const auto u = static_cast<unsigned char>(c);
    return u <= 0x20 || u >= 0x7f || c == '"' || c == '<' || c == '>' || c == '\\';
  });
  return scheme_ok && chars_ok;
}

}  // namespace

Status read_export_settings(const Config& config, ExportSettings* out) {
  out->namespace_name = config.get_string("namespace", kDefaultNamespace);
  if (out->namespace_name.empty()) return Status::InvalidArgument("\"namespace\" must not be empty");
  out->producer = config.get_string("producer", kDefaultProducer);
  if (!is_absolute_uri(out->producer)) {
    return Status::InvalidArgument("\"producer\" must be an absolute URI, not \"" + out->producer +
                                   "\"");
  }
  return Status::Ok();
}

}  // namespace mlobs::openlineage
