#include "adapter_report.h"

#include <gtest/gtest.h>
#include <mlobs/testing/temp_dir.h>

#include <string>

namespace mlobs::validation {
namespace {

using mlobs::testing::TempDir;

TEST(AdapterReportTest, TheFiveChecksComeFirstThenTheAdaptersResults) {
  TempDir dir;
  CheckReport adapter;
  adapter.metadata_path = dir.write("cut.parquet", "PAR1 cut off").string();
  adapter.results = {CheckResult::fail("parquet_footer", "bad_magic: no PAR1 at the end")};

  const CheckReport full = complete_adapter_report(adapter);
  EXPECT_EQ(full.metadata_path, adapter.metadata_path);
  ASSERT_EQ(full.results.size(), 6u);
  EXPECT_EQ(full.results[0].check, "file_exists");
  EXPECT_TRUE(full.results[0].passed);
  EXPECT_EQ(full.results[1].check, "valid_json");
  EXPECT_TRUE(full.results[1].passed);  // a Parquet file is not a JSON input
  const char* content_checks[] = {"dataset_name_present", "dataset_version_present",
                                  "freshness_computable"};
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(full.results[2 + i].check, content_checks[i]);
    EXPECT_FALSE(full.results[2 + i].passed);
    EXPECT_EQ(full.results[2 + i].detail, "no record was built: bad_magic: no PAR1 at the end");
  }
  EXPECT_EQ(full.results[5].check, "parquet_footer");
  EXPECT_FALSE(full.results[5].passed);
  EXPECT_EQ(full.results[5].detail, "bad_magic: no PAR1 at the end");
  EXPECT_FALSE(full.all_passed());
  EXPECT_TRUE(is_complete_report(full));
  EXPECT_FALSE(is_complete_report(adapter));
}

TEST(AdapterReportTest, FileChecksLookAtTheFileABundleOrNothing) {
  TempDir dir;
  CheckReport adapter;
  adapter.metadata_path = dir.write("bad.json", "{\"dataset_name\":").string();
  adapter.results = {CheckResult::fail("dataset_build", "invalid_json: not one object")};
  CheckReport full = complete_adapter_report(adapter);
  EXPECT_TRUE(full.results[0].passed);
  EXPECT_FALSE(full.results[1].passed);

  dir.write("run-3/metadata.json", "[]");
  adapter.metadata_path = (dir / "run-3").string();
  adapter.results = {CheckResult::fail("training_metadata", "not an object")};
  full = complete_adapter_report(adapter);
  EXPECT_TRUE(full.results[0].passed);
  EXPECT_EQ(full.results[1].detail,
            (dir / "run-3/metadata.json").string() + ": the JSON is an array, not an object");

  adapter.metadata_path = (dir / "gone.json").string();
  adapter.results = {CheckResult::fail("file_exists", "vanished before it was read")};
  full = complete_adapter_report(adapter);
  EXPECT_FALSE(full.results[0].passed);
  EXPECT_FALSE(full.results[1].passed);
  EXPECT_EQ(full.results.back().check, "file_exists");  // the adapter's own, kept
  EXPECT_EQ(full.results.back().detail, "vanished before it was read");
}

TEST(AdapterReportTest, ResultsWithoutWordsGetSome) {
  CheckReport adapter;
  adapter.metadata_path = "/nowhere/x.parquet";
  adapter.results = {CheckResult::pass("metadata_json"), CheckResult{"", false, ""}};
  adapter.results[0].detail = "ok";
  const CheckReport full = complete_adapter_report(adapter);
  EXPECT_EQ(full.results[2].detail, "no record was built: the adapter gave no reason");
  ASSERT_EQ(full.results.size(), 7u);
  EXPECT_TRUE(full.results[5].passed);
  EXPECT_EQ(full.results[5].detail, "");  // a passed check carries no detail
  EXPECT_EQ(full.results[6].check, "adapter_check");
  EXPECT_EQ(full.results[6].detail, "the adapter gave no reason");

  const CheckReport empty = complete_adapter_report(CheckReport{});
  EXPECT_EQ(empty.results.size(), 5u);
  EXPECT_EQ(empty.results[0].detail, "the record names no path");
}

}  // namespace
}  // namespace mlobs::validation
