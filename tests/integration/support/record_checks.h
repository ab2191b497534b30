// Checks over what a sink or the dead-letter output wrote: every record there, exactly once.
#pragma once

#include <gtest/gtest.h>

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace mlobs::integration {

// The integer at `dotted_path` ("body.n") of every line of a JSON-lines file. A missing file
// reads as no lines.
struct IntColumn {
  std::vector<int64_t> values;
  std::vector<std::string> problems;  // lines that did not parse or had no such integer
};
IntColumn read_int_column(const std::filesystem::path& file, std::string_view dotted_path);

// Success when `values`, in any order, are exactly first, first+1, ..., first+count-1: nothing
// missing, nothing twice, nothing else. The message names what is wrong.
::testing::AssertionResult each_exactly_once(std::vector<int64_t> values, int64_t first,
                                             int64_t count);

}  // namespace mlobs::integration
