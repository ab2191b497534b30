// A check_report record's body (DESIGN.md section 3): the path of the metadata looked at and one
// result per check, in the order they ran. A failed check says why in `detail`; a passed one
// has no detail. The adapters report what stopped them with it, the validation processor its
// full reports.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace mlobs {

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

}  // namespace mlobs
