// Telling a glob from a plain path: a plain path names one file the operator expects to exist,
// so a source can say when it does not, where a glob that matches nothing is simply quiet.
#pragma once

#include <string_view>

namespace mlobs::read_once {

// True when `pattern` holds `*`, `?` or `[`, or the escape `\` (which the glob matcher would
// read as an escape, not as the character itself).
bool has_glob_characters(std::string_view pattern);

}  // namespace mlobs::read_once
