#include "training_run_checks.h"

#include <gtest/gtest.h>
#include <mlobs/testing/temp_dir.h>

#include <string>
#include <vector>

namespace mlobs::validation {
namespace {

using mlobs::testing::TempDir;

const CheckResult& result(const CheckReport& report, const std::string& check) {
  for (const CheckResult& r : report.results) {
    if (r.check == check) return r;
  }
  static const CheckResult kMissing = CheckResult::fail("(absent)", "no such check");
  ADD_FAILURE() << "no check " << check;
  return kMissing;
}

class TrainingRunChecksTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_.write("run-7/metadata.json", R"({"run_id":"run-7","candidate_name":"churn"})");
    fields_.metadata_path = FieldValue::string((dir_ / "run-7").string());
    fields_.run_id = FieldValue::string("run-7");
    fields_.model_name = FieldValue::string("churn");
    fields_.input_dataset_name = FieldValue::string("churn_features");
    fields_.input_dataset_version = FieldValue::string("20260407_095000");
    fields_.started_at = FieldValue::string("2026-04-07T10:00:00Z");
    fields_.completed_at = FieldValue::string("2026-04-07T10:20:00Z");
    fields_.metrics = FieldValue::object({{"rmse", MLOBS_TYPE_DOUBLE}, {"n", MLOBS_TYPE_INT}});
  }

  TempDir dir_;
  TrainingRunFields fields_;
};

TEST_F(TrainingRunChecksTest, AGoodBundlePassesEveryCheckInOrder) {
  const CheckReport report = check_training_run(fields_);
  std::vector<std::string> names;
  for (const CheckResult& r : report.results) {
    names.push_back(r.check);
    EXPECT_TRUE(r.passed) << r.check << ": " << r.detail;
  }
  EXPECT_EQ(names, (std::vector<std::string>{"file_exists", "valid_json", "dataset_name_present",
                                             "dataset_version_present", "freshness_computable",
                                             "run_id_present", "model_name_present",
                                             "completed_not_before_started", "metrics_numeric"}));
  EXPECT_EQ(report.metadata_path, (dir_ / "run-7").string());
}

TEST_F(TrainingRunChecksTest, AMetadataFileWhateverItsNameMustBeJson) {
  fields_.metadata_path = FieldValue::string(dir_.write("run.meta", R"({"run_id":"r"})").string());
  EXPECT_TRUE(check_training_run(fields_).all_passed());
  fields_.metadata_path = FieldValue::string(dir_.write("run2.meta", "run_id=r").string());
  const CheckReport report = check_training_run(fields_);
  EXPECT_TRUE(result(report, "file_exists").passed);
  EXPECT_FALSE(result(report, "valid_json").passed);
}

TEST_F(TrainingRunChecksTest, AMissingBundleFailsBothFileChecks) {
  fields_.metadata_path = FieldValue::string((dir_ / "run-8").string());
  const CheckReport report = check_training_run(fields_);
  EXPECT_FALSE(result(report, "file_exists").passed);
  EXPECT_FALSE(result(report, "valid_json").passed);
}

TEST_F(TrainingRunChecksTest, AnUnknownInputDatasetFails) {
  fields_.input_dataset_name = FieldValue::string("unknown");
  fields_.input_dataset_version = FieldValue::string("unknown");
  const CheckReport report = check_training_run(fields_);
  EXPECT_FALSE(report.all_passed());
  EXPECT_EQ(result(report, "dataset_name_present").detail,
            "input_dataset_name is \"unknown\": the upstream metadata does not say");
  EXPECT_EQ(result(report, "dataset_version_present").detail,
            "input_dataset_version is \"unknown\": the upstream metadata does not say");
}

TEST_F(TrainingRunChecksTest, CompletedBeforeStartedFails) {
  fields_.completed_at = FieldValue::string("2026-04-07T09:59:59Z");
  const CheckReport report = check_training_run(fields_);
  EXPECT_EQ(result(report, "completed_not_before_started").detail,
            "completed_at 2026-04-07T09:59:59Z is before started_at 2026-04-07T10:00:00Z");
  EXPECT_TRUE(result(report, "freshness_computable").passed);
}

TEST_F(TrainingRunChecksTest, TimesAreComparedAsInstantsNotText) {
  fields_.started_at = FieldValue::string("2026-04-07T12:00:00+02:00");  // 10:00Z
  fields_.completed_at = FieldValue::string("2026-04-07T10:00:00Z");
  EXPECT_TRUE(result(check_training_run(fields_), "completed_not_before_started").passed);
}

TEST_F(TrainingRunChecksTest, StartedAtIsOptional) {
  for (const FieldValue& started : {FieldValue::absent(), FieldValue::string("unknown")}) {
    fields_.started_at = started;
    EXPECT_TRUE(result(check_training_run(fields_), "completed_not_before_started").passed);
  }
  fields_.started_at = FieldValue::string("soon");
  EXPECT_EQ(result(check_training_run(fields_), "completed_not_before_started").detail,
            "started_at \"soon\" is not an RFC 3339 time");
}

TEST_F(TrainingRunChecksTest, AnUnknownCompletionFailsFreshnessAndTheOrderRule) {
  fields_.completed_at = FieldValue::string("unknown");
  const CheckReport report = check_training_run(fields_);
  EXPECT_EQ(result(report, "freshness_computable").detail,
            "completed_at is \"unknown\": the upstream metadata does not say");
  EXPECT_EQ(result(report, "completed_not_before_started").detail,
            "completed_at is \"unknown\": the upstream metadata does not say, so it cannot be "
            "compared with started_at");
}

TEST_F(TrainingRunChecksTest, RunIdAndModelName) {
  fields_.run_id = FieldValue::absent();
  fields_.model_name = FieldValue::string("unknown");
  const CheckReport report = check_training_run(fields_);
  EXPECT_EQ(result(report, "run_id_present").detail, "run_id is missing");
  EXPECT_EQ(result(report, "model_name_present").detail,
            "model_name is \"unknown\": the upstream metadata does not say");
}

TEST_F(TrainingRunChecksTest, MetricsMustAllBeNumbers) {
  fields_.metrics = FieldValue::object({});
  EXPECT_TRUE(result(check_training_run(fields_), "metrics_numeric").passed);
  fields_.metrics = FieldValue::object(
      {{"rmse", MLOBS_TYPE_STRING}, {"mae", MLOBS_TYPE_DOUBLE}, {"auc", MLOBS_TYPE_NULL}});
  EXPECT_EQ(result(check_training_run(fields_), "metrics_numeric").detail,
            "metrics that are not numbers: \"rmse\" is a string, \"auc\" is null");
  fields_.metrics = FieldValue::object({{"a", MLOBS_TYPE_STRING},
                                        {"b", MLOBS_TYPE_STRING},
                                        {"c", MLOBS_TYPE_STRING},
                                        {"d", MLOBS_TYPE_STRING},
                                        {"e", MLOBS_TYPE_ARRAY}});
  EXPECT_EQ(result(check_training_run(fields_), "metrics_numeric").detail,
            "metrics that are not numbers: \"a\" is a string, \"b\" is a string, \"c\" is a "
            "string and 2 more");
  fields_.metrics = FieldValue::string("unknown");
  EXPECT_EQ(result(check_training_run(fields_), "metrics_numeric").detail,
            "metrics is a string, not an object of numbers");
  fields_.metrics = FieldValue::absent();
  EXPECT_EQ(result(check_training_run(fields_), "metrics_numeric").detail, "metrics is missing");
}

}  // namespace
}  // namespace mlobs::validation
