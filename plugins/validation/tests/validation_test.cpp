// The validation processor through the SDK harness (the agent's own loader and host), over
// metadata files written for each test.
#include <gtest/gtest.h>
#include <mlobs/testing/harness.h>
#include <mlobs/testing/temp_dir.h>
#include <rapidjson/document.h>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace {

using mlobs::testing::CallResult;
using mlobs::testing::Component;
using mlobs::testing::Harness;
using mlobs::testing::TempDir;

constexpr int64_t kSecond = 1'000'000'000;
constexpr int64_t kNow = 1'775'556'000 * kSecond;  // 2026-04-07T10:00:00Z

std::string record(const std::string& kind, const std::string& body) {
  return R"({"kind":")" + kind + R"(","id":")" + kind +
         R"(:x","source":"adapter",)"
         R"("observed_at":"2026-04-07T10:00:00Z","request_id":"req-1","body":)" +
         body + "}";
}

std::string dataset_build(const std::string& path, const std::string& extra = "") {
  return record("dataset_build",
                R"({"dataset_name":"churn","dataset_version":"20260407_095000","path":")" + path +
                    R"(","built_at":"2026-04-07T09:50:00Z","row_count":1000)" + extra + "}");
}

std::string training_run(const std::string& metadata_path, const std::string& dataset_name,
                         const std::string& started_at, const std::string& completed_at) {
  return record("training_run",
                R"({"run_id":"run-7","model_name":"churn","model_version":"3",)"
                R"("input_dataset_name":")" +
                    dataset_name + R"(","input_dataset_version":"v1","started_at":")" + started_at +
                    R"(","completed_at":")" + completed_at +
                    R"(","metrics":{"rmse":0.31,"mae":0.2},"artifact_path":"s3://m/7",)"
                    R"("metadata_path":")" +
                    metadata_path + R"(","unknown_fields":[]})");
}

struct Report {
  rapidjson::Document doc;
  std::string kind() const { return doc["kind"].GetString(); }
  std::string id() const { return doc["id"].GetString(); }
  bool all_passed() const { return doc["body"]["all_passed"].GetBool(); }
  std::string metadata_path() const { return doc["body"]["metadata_path"].GetString(); }
  // The results array; an empty one when the body has none (the test then fails on content).
  const rapidjson::Value& results() const {
    static const rapidjson::Value kEmpty(rapidjson::kArrayType);
    if (!doc.IsObject() || !doc.HasMember("body") || !doc["body"].IsObject()) return kEmpty;
    const auto it = doc["body"].FindMember("results");
    return it != doc["body"].MemberEnd() && it->value.IsArray() ? it->value : kEmpty;
  }
  std::string check(size_t i) const {
    if (i >= results().Size()) return "(none)";
    return results()[static_cast<rapidjson::SizeType>(i)]["check"].GetString();
  }
  // The result of `check`; fails the test when there is none.
  const rapidjson::Value& result(const std::string& check) const {
    for (const auto& r : results().GetArray()) {
      if (check == r["check"].GetString()) return r;
    }
    ADD_FAILURE() << "no check " << check;
    static const rapidjson::Value kNone;
    return kNone;
  }
  bool passed(const std::string& check) const {
    const auto& r = result(check);
    return r.IsObject() && r["passed"].GetBool();
  }
  std::string detail(const std::string& check) const {
    const auto& r = result(check);
    return r.IsObject() && r.HasMember("detail") ? r["detail"].GetString() : "";
  }
};

std::unique_ptr<Report> parse(const std::string& json) {
  auto p = std::make_unique<Report>();
  p->doc.Parse(json.c_str());
  EXPECT_FALSE(p->doc.HasParseError()) << json;
  return p;
}

class ValidationTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string error;
    ASSERT_TRUE(harness_.load_plugin(PLUGIN_PATH, &error)) << error;
    harness_.set_clock([] { return kNow; });
    CallResult result;
    component_ = harness_.start("validation", "{}", &result);
    ASSERT_TRUE(result.ok()) << result.message;
  }

  std::vector<std::string> process(const std::vector<std::string>& records) {
    CallResult result;
    auto out = component_->process(records, &result);
    EXPECT_TRUE(result.ok()) << result.message;
    return out;
  }

  // The one report a single input makes, after the input itself.
  std::unique_ptr<Report> report_of(const std::string& input) {
    const auto out = process({input});
    EXPECT_EQ(out.size(), 2u);
    if (out.size() != 2) return parse("{}");
    EXPECT_EQ(out[0], input);  // the input passes unchanged, first
    auto report = parse(out[1]);
    EXPECT_EQ(report->kind(), "check_report");
    return report;
  }

  double failed_check_count(const std::string& check) const {
    return harness_.metric_value("mlobs_validation_checks_failed_total",
                                 {{"component", "under_test"}, {"check", check}});
  }

  TempDir dir_;
  Harness harness_;
  std::unique_ptr<Component> component_;
};

TEST_F(ValidationTest, AGoodDatasetBuildJsonPassesEveryCheck) {
  const std::string path = dir_.write("churn.json", R"({"dataset_name":"churn"})").string();
  const auto report = report_of(dataset_build(path, R"(,"feature_count":12)"));
  EXPECT_EQ(report->id(), "check_report:" + path);
  EXPECT_EQ(report->metadata_path(), path);
  EXPECT_TRUE(report->all_passed());
  const std::vector<std::string> expected = {"file_exists",
                                             "valid_json",
                                             "dataset_name_present",
                                             "dataset_version_present",
                                             "freshness_computable",
                                             "row_count_non_negative",
                                             "feature_count_non_negative",
                                             "built_at_not_in_future"};
  ASSERT_EQ(report->results().Size(), expected.size());
  for (size_t i = 0; i < expected.size(); ++i) {
    EXPECT_EQ(report->check(i), expected[i]);
    EXPECT_TRUE(report->passed(expected[i]));
    EXPECT_FALSE(report->result(expected[i]).HasMember("detail"));
  }
  EXPECT_EQ(harness_.metric_value("mlobs_validation_reports_total",
                                  {{"component", "under_test"}, {"result", "passed"}}),
            1);
}

TEST_F(ValidationTest, ADeletedFileFailsFileExists) {
  const std::string path = dir_.write("churn.parquet", "PAR1").string();
  std::filesystem::remove(path);
  const auto report = report_of(dataset_build(path));
  EXPECT_FALSE(report->all_passed());
  EXPECT_FALSE(report->passed("file_exists"));
  EXPECT_EQ(report->detail("file_exists"), path + " cannot be found: No such file or directory");
  EXPECT_TRUE(report->passed("valid_json"));  // a Parquet file is not a JSON input
  EXPECT_EQ(harness_.metric_value("mlobs_validation_reports_total",
                                  {{"component", "under_test"}, {"result", "failed"}}),
            1);
  EXPECT_EQ(failed_check_count("file_exists"), 1);
}

TEST_F(ValidationTest, AnInvalidJsonFileFailsValidJson) {
  const std::string path = dir_.write("churn.json", R"({"dataset_name": "churn",)").string();
  const auto report = report_of(dataset_build(path));
  EXPECT_TRUE(report->passed("file_exists"));
  EXPECT_FALSE(report->passed("valid_json"));
  EXPECT_NE(report->detail("valid_json").find(path + ": not valid JSON at byte"), std::string::npos)
      << report->detail("valid_json");
  EXPECT_EQ(failed_check_count("valid_json"), 1);
}

TEST_F(ValidationTest, MissingNameAndVersionFail) {
  const std::string path = dir_.write("x.json", "{}").string();
  const auto report = report_of(
      record("dataset_build", R"({"path":")" + path + R"(","built_at":"2026-04-07T09:50:00Z"})"));
  EXPECT_EQ(report->detail("dataset_name_present"), "dataset_name is missing");
  EXPECT_EQ(report->detail("dataset_version_present"), "dataset_version is missing");
  EXPECT_TRUE(report->passed("freshness_computable"));
}

TEST_F(ValidationTest, ABuiltAtInTheFutureFails) {
  const std::string path = dir_.write("churn.json", "{}").string();
  const std::string input =
      record("dataset_build", R"({"dataset_name":"churn","dataset_version":"v1","path":")" + path +
                                  R"(","built_at":"2026-04-07T10:30:00Z"})");
  const auto report = report_of(input);
  EXPECT_FALSE(report->passed("built_at_not_in_future"));
  EXPECT_EQ(report->detail("built_at_not_in_future"),
            "built_at 2026-04-07T10:30:00Z is 30m ahead of the clock (2026-04-07T10:00:00Z; at "
            "most 5m allowed)");
}

TEST_F(ValidationTest, ANegativeRowCountFails) {
  const std::string path = dir_.write("churn.json", "{}").string();
  std::string input = dataset_build(path);
  input.replace(input.find("\"row_count\":1000"), 16, "\"row_count\":-3");
  const auto report = report_of(input);
  EXPECT_EQ(report->detail("row_count_non_negative"), "row_count is -3, below 0");
  EXPECT_EQ(failed_check_count("row_count_non_negative"), 1);
}

TEST_F(ValidationTest, ATrainingRunWithAnUnknownInputDatasetFails) {
  dir_.write("run-7/metadata.json", R"({"run_id":"run-7"})");
  const std::string bundle = (dir_ / "run-7").string();
  const auto report =
      report_of(training_run(bundle, "unknown", "2026-04-07T09:00:00Z", "2026-04-07T09:20:00Z"));
  EXPECT_EQ(report->id(), "check_report:" + bundle);
  EXPECT_TRUE(report->passed("file_exists"));
  EXPECT_TRUE(report->passed("valid_json"));
  EXPECT_EQ(report->detail("dataset_name_present"),
            "input_dataset_name is \"unknown\": the upstream metadata does not say");
  EXPECT_TRUE(report->passed("dataset_version_present"));
  EXPECT_TRUE(report->passed("metrics_numeric"));
  EXPECT_FALSE(report->all_passed());
  EXPECT_EQ(report->check(5), "run_id_present");
  EXPECT_EQ(report->check(8), "metrics_numeric");
}

TEST_F(ValidationTest, ATrainingRunCompletedBeforeItStartedFails) {
  const std::string file = dir_.write("run-8.json", R"({"run_id":"run-8"})").string();
  const auto report = report_of(
      training_run(file, "churn_features", "2026-04-07T09:00:00Z", "2026-04-07T08:59:00Z"));
  EXPECT_EQ(report->detail("completed_not_before_started"),
            "completed_at 2026-04-07T08:59:00Z is before started_at 2026-04-07T09:00:00Z");
  EXPECT_TRUE(report->passed("dataset_name_present"));
}

TEST_F(ValidationTest, AnAdapterReportIsReplacedWhereItIsByTheFullOne) {
  const std::string path = dir_.write("cut.parquet", "PAR1 cut off").string();
  const std::string good = dir_.write("good.json", "{}").string();
  const std::string adapter_report =
      record("check_report", R"({"metadata_path":")" + path +
                                 R"(","all_passed":false,"results":[{"check":"parquet_footer",)"
                                 R"("passed":false,"detail":"bad_magic: no PAR1 at the end"}]})");
  const std::string other = record("serving_window", R"({"deployment_id":"dep-1"})");
  const auto out = process({adapter_report, dataset_build(good), other});
  ASSERT_EQ(out.size(), 4u);
  const auto full = parse(out[0]);
  EXPECT_EQ(full->kind(), "check_report");
  EXPECT_EQ(full->id(), "check_report:" + path);
  EXPECT_EQ(full->doc["request_id"].GetString(), std::string("req-1"));  // still the same record
  EXPECT_EQ(full->doc["source"].GetString(), std::string("under_test"));
  EXPECT_FALSE(full->all_passed());
  ASSERT_EQ(full->results().Size(), 6u);
  const std::vector<std::string> expected = {"file_exists",          "valid_json",
                                             "dataset_name_present", "dataset_version_present",
                                             "freshness_computable", "parquet_footer"};
  for (size_t i = 0; i < expected.size(); ++i) EXPECT_EQ(full->check(i), expected[i]);
  EXPECT_TRUE(full->passed("file_exists"));
  EXPECT_TRUE(full->passed("valid_json"));
  EXPECT_EQ(full->detail("freshness_computable"),
            "no record was built: bad_magic: no PAR1 at the end");
  EXPECT_FALSE(full->passed("parquet_footer"));
  EXPECT_EQ(full->detail("parquet_footer"), "bad_magic: no PAR1 at the end");

  EXPECT_EQ(parse(out[1])->kind(), "dataset_build");
  EXPECT_EQ(out[2], other);  // other kinds untouched, in place
  EXPECT_EQ(parse(out[3])->metadata_path(), good);
  EXPECT_TRUE(parse(out[3])->all_passed());
  EXPECT_EQ(failed_check_count("parquet_footer"), 1);
  EXPECT_EQ(failed_check_count("dataset_name_present"), 1);

  // A report that is already complete passes a second validation step unchanged.
  EXPECT_EQ(process({out[0]}), std::vector<std::string>{out[0]});
}

TEST_F(ValidationTest, OtherKindsPassUntouched) {
  const std::vector<std::string> input = {record("freshness", R"({"dataset_name":"churn"})"),
                                          record("lineage", R"({"run_id":"r"})")};
  EXPECT_EQ(process(input), input);
}

TEST_F(ValidationTest, BrokenInputsStillGetAReportAndNeverACrash) {
  const auto out =
      process({record("dataset_build", R"({"path":7,"dataset_name":["x"],)"
                                       R"("built_at":null,"row_count":"many"})"),
               record("training_run", "{}"), record("check_report", R"({"results":"nope"})")});
  ASSERT_EQ(out.size(), 5u);
  const auto adapter = parse(out[2]);
  EXPECT_EQ(adapter->id(), "check_report:");
  EXPECT_EQ(adapter->detail("file_exists"), "the record names no path");
  EXPECT_EQ(adapter->results().Size(), 5u);
  const auto build = parse(out[3]);
  EXPECT_EQ(build->detail("dataset_name_present"), "dataset_name is an array, not a string");
  EXPECT_EQ(build->detail("freshness_computable"), "built_at is null, not a string");
  EXPECT_EQ(build->detail("row_count_non_negative"), "row_count is a string, not an integer");
  const auto run = parse(out[4]);
  EXPECT_EQ(run->detail("file_exists"), "the record names no path");
  EXPECT_EQ(run->detail("metrics_numeric"), "metrics is missing");
  for (const auto& json : {out[2], out[3], out[4]}) {
    const auto r = parse(json);
    EXPECT_FALSE(r->all_passed());
    for (const auto& result : r->results().GetArray()) {
      if (!result["passed"].GetBool()) {
        ASSERT_TRUE(result.HasMember("detail")) << json;
        EXPECT_GT(result["detail"].GetStringLength(), 0u) << json;
      }
    }
  }
  EXPECT_EQ(harness_.metric_value("mlobs_validation_reports_total",
                                  {{"component", "under_test"}, {"result", "failed"}}),
            3);
}

}  // namespace
