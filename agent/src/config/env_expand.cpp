#include "config/env_expand.h"

namespace mlobs::agent {
namespace {

bool valid_env_name(std::string_view name) {
  if (name.empty()) return false;
  for (size_t i = 0; i < name.size(); ++i) {
    const char c = name[i];
    const bool alpha = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
    const bool digit = c >= '0' && c <= '9';
    if (!alpha && !(digit && i > 0)) return false;
  }
  return true;
}

}  // namespace

EnvExpandResult expand_env(std::string_view text, const EnvLookup& env) {
  EnvExpandResult out;
  out.value.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    const char next = i + 1 < text.size() ? text[i + 1] : '\0';
    if (c != '$' || (next != '$' && next != '{')) {
      out.value += c;
      continue;
    }
    if (next == '$') {
      out.value += '$';
      ++i;
      continue;
    }
    const size_t close = text.find('}', i + 2);
    if (close == std::string_view::npos) {
      out.errors.push_back({"unterminated \"${\" in value",
                            "close the reference with \"}\", or write \"$$\" for a literal \"$\""});
      return out;
    }
    const std::string_view inner = text.substr(i + 2, close - i - 2);
    const size_t sep = inner.find(":-");
    const std::string_view name = inner.substr(0, sep);
    i = close;
    if (!valid_env_name(name)) {
      out.errors.push_back({"invalid environment variable name \"" + std::string(name) + "\"",
                            "names are letters, digits and \"_\", not starting with a digit"});
      continue;
    }
    std::optional<std::string> value = env ? env(name) : std::nullopt;
    if (sep != std::string_view::npos && (!value || value->empty())) {
      out.value += inner.substr(sep + 2);
    } else if (value) {
      out.value += *value;
      out.used_environment = true;
    } else {
      const std::string n(name);
      out.errors.push_back({"environment variable \"" + n + "\" is not set",
                            "set it, or give a default: ${" + n + ":-value}"});
    }
  }
  return out;
}

}  // namespace mlobs::agent
