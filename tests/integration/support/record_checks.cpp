#include "support/record_checks.h"

#include "support/json_lines.h"
#include "support/text_files.h"

#include <algorithm>
#include <sstream>

namespace mlobs::integration {

IntColumn read_int_column(const std::filesystem::path& file, std::string_view dotted_path) {
  IntColumn out;
  const JsonLines lines = parse_json_lines(read_file(file).value_or(""));
  out.problems = lines.errors;
  for (size_t i = 0; i < lines.docs.size(); ++i) {
    if (auto v = json_int(lines.docs[i], dotted_path)) {
      out.values.push_back(*v);
    } else {
      out.problems.push_back("record " + std::to_string(i + 1) + " has no integer " +
                             std::string(dotted_path));
    }
  }
  return out;
}

::testing::AssertionResult each_exactly_once(std::vector<int64_t> values, int64_t first,
                                             int64_t count) {
  std::sort(values.begin(), values.end());
  std::ostringstream why;
  int shown = 0;
  auto note = [&](const std::string& s) {
    if (shown++ < 10) why << "\n  " << s;
  };
  size_t i = 0;
  for (int64_t want = first; want < first + count; ++want) {
    while (i < values.size() && values[i] < want) note("unexpected " + std::to_string(values[i++]));
    if (i == values.size() || values[i] != want) {
      note("missing " + std::to_string(want));
      continue;
    }
    ++i;
    while (i < values.size() && values[i] == want) note("duplicate " + std::to_string(values[i++]));
  }
  for (; i < values.size(); ++i) note("unexpected " + std::to_string(values[i]));
  if (shown == 0) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure()
         << values.size() << " values, wanted " << first << ".." << first + count - 1
         << " once each; " << shown << " problems, first ones:" << why.str();
}

}  // namespace mlobs::integration
