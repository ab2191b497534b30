// Test configs as readable YAML with @name@ placeholders, filled with values computed at run
// time (temp paths, counts). `${...}` is left alone: that is the agent's own env expansion.
#pragma once

#include <map>
#include <string>
#include <string_view>

namespace mlobs::integration {

// Replaces each @name@ with values.at(name). Throws std::invalid_argument for a placeholder
// without a value, so a typo in a test fails loudly instead of writing a broken config.
std::string fill_template(std::string_view text, const std::map<std::string, std::string>& values);

}  // namespace mlobs::integration
