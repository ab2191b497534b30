// "Did you mean ...?" for misspelt keys, ids and types.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace mlobs::agent::config_internal {

// Optimal string alignment distance, case-insensitive: a swap of two neighbours is one edit.
size_t edit_distance(std::string_view a, std::string_view b);

// Up to `max` candidates close enough to `word` to be a likely typo, closest first.
std::vector<std::string> close_matches(std::string_view word,
                                       const std::vector<std::string>& candidates, size_t max = 3);

// `did you mean "x"?` or `did you mean "x" or "y"?`; "" when nothing is close.
std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates);

// "a, b, c", cut to `max` names followed by ", ...".
std::string join_names(const std::vector<std::string>& names, size_t max = 12);

}  // namespace mlobs::agent::config_internal
