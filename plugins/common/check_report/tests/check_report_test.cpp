#include "mlobs/check_report/check_report.h"

#include <gtest/gtest.h>

namespace mlobs {
namespace {

TEST(CheckReportTest, AllPassedOnlyWhenEveryCheckPassed) {
  CheckReport report{"/d/a.json", {CheckResult::pass("file_exists"), CheckResult::pass("valid_json")}};
  EXPECT_TRUE(report.all_passed());
  report.results.push_back(CheckResult::fail("dataset_name_present", "no dataset_name"));
  EXPECT_FALSE(report.all_passed());
  EXPECT_TRUE((CheckReport{"/d/a.json", {}}.all_passed()));
}

TEST(CheckReportTest, BodyHasADetailOnFailedChecksOnlyAndEscapesText) {
  const CheckReport report{"/d/\"q\".json",
                           {CheckResult::pass("file_exists"),
                            CheckResult::fail("valid_json", "not JSON (offset 3)")}};
  EXPECT_EQ(report.body_json(),
            R"({"metadata_path":"/d/\"q\".json","all_passed":false,"results":[)"
            R"({"check":"file_exists","passed":true},)"
            R"x({"check":"valid_json","passed":false,"detail":"not JSON (offset 3)"}]})x");
}

}  // namespace
}  // namespace mlobs
