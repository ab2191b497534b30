#include "dataset_build_checks.h"

#include <gtest/gtest.h>
#include <mlobs/testing/temp_dir.h>

#include <string>
#include <vector>

namespace mlobs::validation {
namespace {

using mlobs::testing::TempDir;

constexpr int64_t kSecond = 1'000'000'000;
constexpr int64_t kNow = 1'775'556'000 * kSecond;  // 2026-04-07T10:00:00Z

std::vector<std::string> check_names(const CheckReport& report) {
  std::vector<std::string> names;
  for (const CheckResult& r : report.results) names.push_back(r.check);
  return names;
}

const CheckResult& result(const CheckReport& report, const std::string& check) {
  for (const CheckResult& r : report.results) {
    if (r.check == check) return r;
  }
  static const CheckResult kMissing = CheckResult::fail("(absent)", "no such check");
  ADD_FAILURE() << "no check " << check;
  return kMissing;
}

class DatasetBuildChecksTest : public ::testing::Test {
 protected:
  void SetUp() override {
    fields_.path =
        FieldValue::string(dir_.write("churn.json", R"({"dataset_name":"churn"})").string());
    fields_.dataset_name = FieldValue::string("churn");
    fields_.dataset_version = FieldValue::string("20260407_095000");
    fields_.built_at = FieldValue::string("2026-04-07T09:50:00Z");
    fields_.row_count = FieldValue::integer_value(1000);
    fields_.feature_count = FieldValue::integer_value(12);
  }

  TempDir dir_;
  DatasetBuildFields fields_;
};

TEST_F(DatasetBuildChecksTest, AGoodBuildPassesEveryCheckInOrder) {
  const CheckReport report = check_dataset_build(fields_, kNow);
  EXPECT_EQ(report.metadata_path, fields_.path.text);
  EXPECT_EQ(check_names(report),
            (std::vector<std::string>{"file_exists", "valid_json", "dataset_name_present",
                                      "dataset_version_present", "freshness_computable",
                                      "row_count_non_negative", "feature_count_non_negative",
                                      "built_at_not_in_future"}));
  for (const CheckResult& r : report.results) {
    EXPECT_TRUE(r.passed) << r.check << ": " << r.detail;
    EXPECT_TRUE(r.detail.empty()) << r.check;
  }
  EXPECT_TRUE(report.all_passed());
}

TEST_F(DatasetBuildChecksTest, AParquetFileIsNotAJsonInput) {
  fields_.path = FieldValue::string(dir_.write("churn.parquet", "PAR1 not json PAR1").string());
  fields_.row_count = FieldValue::absent();  // optional counts
  fields_.feature_count = FieldValue::absent();
  EXPECT_TRUE(check_dataset_build(fields_, kNow).all_passed());
}

TEST_F(DatasetBuildChecksTest, ADeletedFileFailsFileExists) {
  const std::string path = (dir_ / "gone.parquet").string();
  fields_.path = FieldValue::string(path);
  const CheckReport report = check_dataset_build(fields_, kNow);
  EXPECT_FALSE(report.all_passed());
  EXPECT_FALSE(result(report, "file_exists").passed);
  EXPECT_EQ(result(report, "file_exists").detail,
            path + " cannot be found: No such file or directory");
  EXPECT_TRUE(result(report, "valid_json").passed);
}

TEST_F(DatasetBuildChecksTest, WithoutAPathTheFileChecksFail) {
  fields_.path = FieldValue::absent();
  const CheckReport report = check_dataset_build(fields_, kNow);
  EXPECT_EQ(report.metadata_path, "");
  EXPECT_EQ(result(report, "file_exists").detail, "the record names no path");
  EXPECT_EQ(result(report, "valid_json").detail, "the record names no path");
}

TEST_F(DatasetBuildChecksTest, InvalidJsonFailsValidJson) {
  fields_.path = FieldValue::string(dir_.write("broken.json", "{\"dataset_name\": ").string());
  const CheckReport report = check_dataset_build(fields_, kNow);
  EXPECT_TRUE(result(report, "file_exists").passed);
  EXPECT_FALSE(result(report, "valid_json").passed);
  EXPECT_NE(result(report, "valid_json").detail.find("not valid JSON"), std::string::npos);
}

TEST_F(DatasetBuildChecksTest, MissingNameAndVersion) {
  fields_.dataset_name = FieldValue::absent();
  fields_.dataset_version = FieldValue::string("");
  const CheckReport report = check_dataset_build(fields_, kNow);
  EXPECT_EQ(result(report, "dataset_name_present").detail, "dataset_name is missing");
  EXPECT_EQ(result(report, "dataset_version_present").detail, "dataset_version is empty");
}

TEST_F(DatasetBuildChecksTest, ABadBuiltAtFailsFreshnessAndTheFutureRule) {
  fields_.built_at = FieldValue::string("20260407_095000");
  const CheckReport report = check_dataset_build(fields_, kNow);
  EXPECT_EQ(result(report, "freshness_computable").detail,
            "built_at \"20260407_095000\" is not an RFC 3339 time");
  EXPECT_EQ(result(report, "built_at_not_in_future").detail,
            "built_at \"20260407_095000\" is not an RFC 3339 time, so it cannot be compared "
            "with the clock");
}

TEST_F(DatasetBuildChecksTest, ABuildInTheFutureFailsBeyondFiveMinutes) {
  fields_.built_at = FieldValue::string("2026-04-07T10:05:00Z");  // exactly 5m ahead
  EXPECT_TRUE(check_dataset_build(fields_, kNow).all_passed());
  fields_.built_at = FieldValue::string("2026-04-07T11:05:01Z");
  const CheckReport report = check_dataset_build(fields_, kNow);
  EXPECT_FALSE(report.all_passed());
  EXPECT_EQ(result(report, "built_at_not_in_future").detail,
            "built_at 2026-04-07T11:05:01Z is 1h5m1s ahead of the clock "
            "(2026-04-07T10:00:00Z; at most 5m allowed)");
  EXPECT_TRUE(result(report, "freshness_computable").passed);
}

TEST_F(DatasetBuildChecksTest, ABuildCenturiesAgoIsNotInTheFuture) {
  fields_.built_at = FieldValue::string("1680-01-01T00:00:00Z");
  EXPECT_TRUE(result(check_dataset_build(fields_, kNow), "built_at_not_in_future").passed);
}

TEST_F(DatasetBuildChecksTest, NegativeOrNonIntegerCountsFail) {
  fields_.row_count = FieldValue::integer_value(-1);
  fields_.feature_count = FieldValue::string("12");
  const CheckReport report = check_dataset_build(fields_, kNow);
  EXPECT_EQ(result(report, "row_count_non_negative").detail, "row_count is -1, below 0");
  EXPECT_EQ(result(report, "feature_count_non_negative").detail,
            "feature_count is a string, not an integer");
}

TEST_F(DatasetBuildChecksTest, BodyJsonCarriesDetailOnlyOnFailures) {
  fields_.row_count = FieldValue::integer_value(-1);
  CheckReport report = check_dataset_build(fields_, kNow);
  report.metadata_path = "/d/churn.json";  // a fixed path for the comparison
  EXPECT_EQ(report.body_json(),
            R"({"metadata_path":"/d/churn.json","all_passed":false,"results":[)"
            R"({"check":"file_exists","passed":true},{"check":"valid_json","passed":true},)"
            R"({"check":"dataset_name_present","passed":true},)"
            R"({"check":"dataset_version_present","passed":true},)"
            R"({"check":"freshness_computable","passed":true},)"
            R"({"check":"row_count_non_negative","passed":false,)"
            R"("detail":"row_count is -1, below 0"},)"
            R"({"check":"feature_count_non_negative","passed":true},)"
            R"({"check":"built_at_not_in_future","passed":true}]})");
}

}  // namespace
}  // namespace mlobs::validation
