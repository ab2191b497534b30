// A check_report as the validation checks build it: the path of the metadata looked at and one
// result per check, in the order they ran. A failed check says why in `detail`; a passed one
// has no detail.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace mlobs::validation {

struct CheckResult {
  std::string check;
  bool passed = true;
  std::string detail;  // words, on a failed check only

  static CheckResult pass(std::string_view check);
  static CheckResult fail(std::string_view check, std::string detail);
};

struct CheckReport {
  std::string metadata_path;
  std::vector<CheckResult> results;

  bool all_passed() const;
  // The record body: {"metadata_path", "all_passed", "results": [{"check", "passed",
  // "detail"?}]}.
  std::string body_json() const;
};

}  // namespace mlobs::validation
