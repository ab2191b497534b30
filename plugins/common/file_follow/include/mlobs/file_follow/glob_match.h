// Matching one path segment (a file or directory name) against a glob segment.
#pragma once

#include <string_view>

namespace mlobs::file_follow {

// True when `name` matches `pattern`: `*` any run of characters, `?` one character, `[abc]`,
// `[a-z]` and `[!a-z]` (or `[^a-z]`) one character of (not of) a set, `\c` the character c.
// A wildcard never matches a leading '.', so hidden files are only found by patterns that spell
// the dot, as in shells. An unterminated `[` is matched literally.
bool glob_match(std::string_view pattern, std::string_view name);

// True when the segment holds `*`, `?`, `[` or `\`, i.e. it must be matched, not looked up.
bool has_glob_magic(std::string_view segment);

}  // namespace mlobs::file_follow
