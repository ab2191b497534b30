// Dataset builds from the footers of the DuckDB-written fixtures, and each reason a footer does
// not make one.
#include "dataset_build.h"

#include <gtest/gtest.h>
#include <rapidjson/document.h>

namespace mlobs::dataset_adapter {
namespace {

const std::filesystem::path kFixtures = FIXTURES_DIR;

parquet::Footer footer_of(const std::string& name) {
  const parquet::FooterResult r = parquet::read_footer(kFixtures / name);
  EXPECT_TRUE(r.footer) << name << ": " << r.detail;
  return r.footer.value_or(parquet::Footer());
}

DatasetSettings churn_settings() {
  DatasetSettings s;
  s.non_feature_columns = {"customer_id", "event_ts", "churned", "id", "not_in_any_file"};
  s.target = "churned";
  s.entity = "customer_id";
  s.event_ts = "event_ts";
  return s;
}

TEST(BuildTimestamp, BecomesAnRfc3339UtcTimeWhenItIsARealOne) {
  EXPECT_EQ(built_at_from_build_timestamp("20260403_230612"), "2026-04-03T23:06:12Z");
  EXPECT_EQ(built_at_from_build_timestamp("20240229_000000"), "2024-02-29T00:00:00Z");
  for (const char* bad : {"20230229_000000", "20261301_000000", "20260431_000000",
                          "20260403_240000", "20260403_236000", "20260403_230660",
                          "20260403-230612", "2026040_3230612", "20260403_23061",
                          "2026040a_230612", "", "20260403_230612Z"}) {
    EXPECT_FALSE(built_at_from_build_timestamp(bad)) << bad;
  }
}

TEST(DatasetBuild, FromAFooterWithItsKeyValuesAndColumns) {
  const Mapped m = map_parquet_footer(kFixtures / "churn_features.parquet",
                                      footer_of("churn_features.parquet"), churn_settings());
  ASSERT_TRUE(m.build) << m.reason << ": " << m.detail;
  const DatasetBuild& b = *m.build;
  EXPECT_EQ(b.dataset_name, "churn_features");
  EXPECT_EQ(b.dataset_version, "20260403_230612");
  EXPECT_EQ(b.built_at, "2026-04-03T23:06:12Z");
  EXPECT_EQ(b.row_count, 100);
  EXPECT_EQ(b.feature_count, 3);  // six columns less customer_id, event_ts and churned

  const std::string json = b.to_json();
  rapidjson::Document doc;
  doc.Parse(json.c_str());
  ASSERT_TRUE(doc.IsObject()) << json;
  EXPECT_STREQ(doc["target"].GetString(), "churned");
  EXPECT_STREQ(doc["entity"].GetString(), "customer_id");
  EXPECT_STREQ(doc["event_ts"].GetString(), "event_ts");
  EXPECT_EQ(doc["feature_count"].GetInt64(), 3);
  EXPECT_FALSE(doc.HasMember("schema_version"));  // absent fields are left out
}

TEST(DatasetBuild, RowCountFromTheKeyValuesElseFromTheFooter) {
  const Mapped many = map_parquet_footer(kFixtures / "many_row_groups.parquet",
                                         footer_of("many_row_groups.parquet"), DatasetSettings());
  ASSERT_TRUE(many.build) << many.detail;
  EXPECT_EQ(many.build->row_count, 131072);

  const Mapped wide = map_parquet_footer(kFixtures / "wide.parquet", footer_of("wide.parquet"),
                                         churn_settings());
  ASSERT_TRUE(wide.build) << wide.detail;
  EXPECT_EQ(wide.build->row_count, 10);        // no row_count key: num_rows
  EXPECT_EQ(wide.build->feature_count, 300);   // 301 columns less id
}

TEST(DatasetBuild, EachReasonAFooterMakesNoBuild) {
  const Mapped none = map_parquet_footer(kFixtures / "nested_no_kv.parquet",
                                         footer_of("nested_no_kv.parquet"), DatasetSettings());
  EXPECT_FALSE(none.build);
  EXPECT_EQ(none.reason, "missing_key");
  EXPECT_NE(none.detail.find("build_timestamp"), std::string::npos) << none.detail;

  parquet::Footer f = footer_of("churn_features.parquet");
  for (auto& [k, v] : f.key_values) {
    if (k == "row_count") v = "12x";
  }
  EXPECT_EQ(map_parquet_footer("x.parquet", f, DatasetSettings()).reason, "bad_row_count");
  for (auto& [k, v] : f.key_values) {
    if (k == "build_timestamp") v = "2026-04-03";
  }
  EXPECT_EQ(map_parquet_footer("x.parquet", f, DatasetSettings()).reason, "bad_build_timestamp");
}

TEST(DatasetBuildParquet, ReadsTheOptionalDurationAndSourceDataKeys) {
  parquet::Footer f = footer_of("churn_features.parquet");
  f.key_values.emplace_back("build_duration_seconds", "312.5");
  f.key_values.emplace_back("source_data", "s3://raw/events/2026-04-03, /data/accounts.csv,");
  const Mapped m = map_parquet_footer("churn.parquet", f, DatasetSettings());
  ASSERT_TRUE(m.build) << m.detail;
  EXPECT_EQ(m.build->build_duration_seconds, 312.5);
  EXPECT_EQ(m.build->source_data,
            (std::vector<std::string>{"s3://raw/events/2026-04-03", "/data/accounts.csv"}));
  EXPECT_NE(m.build->to_json().find(R"("build_duration_seconds":312.5)"), std::string::npos);

  for (auto& [k, v] : f.key_values) {
    if (k == "build_duration_seconds") v = "-1";
  }
  EXPECT_EQ(map_parquet_footer("x.parquet", f, DatasetSettings()).reason, "bad_build_duration");
}

}  // namespace
}  // namespace mlobs::dataset_adapter

namespace mlobs::dataset_adapter {
namespace {

TEST(DatasetBuildJson, TakesTheContractsFieldsAndFillsTheRestFromBuildTimestampAndSettings) {
  const Mapped m = map_metadata_json(
      "/data/churn.json",
      R"({"dataset_name":"churn","build_timestamp":"20260403_230612","row_count":1245231,
          "feature_count":42,"entity":"account_id"})",
      churn_settings());
  ASSERT_TRUE(m.build) << m.reason << ": " << m.detail;
  EXPECT_EQ(m.build->dataset_name, "churn");
  EXPECT_EQ(m.build->dataset_version, "20260403_230612");
  EXPECT_EQ(m.build->built_at, "2026-04-03T23:06:12Z");
  EXPECT_EQ(m.build->row_count, 1245231);
  EXPECT_EQ(m.build->feature_count, 42);
  EXPECT_EQ(m.build->entity, "account_id");  // the file's own wins over the configuration
  EXPECT_EQ(m.build->target, "churned");
  EXPECT_EQ(m.build->path, "/data/churn.json");

  const Mapped explicit_fields = map_metadata_json(
      "m.json",
      R"({"dataset_name":"d","dataset_version":"v7","built_at":"2026-04-03T23:06:12+02:00",
          "path":"s3://bucket/d/v7"})",
      DatasetSettings());
  ASSERT_TRUE(explicit_fields.build) << explicit_fields.detail;
  EXPECT_EQ(explicit_fields.build->dataset_version, "v7");
  EXPECT_EQ(explicit_fields.build->path, "s3://bucket/d/v7");

  const Mapped with_inputs = map_metadata_json(
      "m.json",
      R"({"dataset_name":"d","build_timestamp":"20260403_230612","build_duration_seconds":95,
          "source_data":["s3://raw/a","s3://raw/b"]})",
      DatasetSettings());
  ASSERT_TRUE(with_inputs.build) << with_inputs.detail;
  EXPECT_EQ(with_inputs.build->build_duration_seconds, 95.0);
  EXPECT_EQ(with_inputs.build->source_data, (std::vector<std::string>{"s3://raw/a", "s3://raw/b"}));
  EXPECT_NE(with_inputs.build->to_json().find(R"("source_data":["s3://raw/a","s3://raw/b"])"),
            std::string::npos);
}

TEST(DatasetBuildJson, EachReasonMetadataMakesNoBuild) {
  const std::pair<const char*, const char*> cases[] = {
      {"{", "invalid_json"},
      {"[1]", "invalid_json"},
      {R"({"dataset_name":"d","build_timestamp":"x"})", "bad_build_timestamp"},
      {R"({"build_timestamp":"20260403_230612"})", "missing_field"},
      {R"({"dataset_name":"d","built_at":"2026-04-03T23:06:12Z"})", "missing_field"},
      {R"({"dataset_name":"d","dataset_version":"v"})", "missing_field"},
      {R"({"dataset_name":"d","dataset_version":"v","built_at":"yesterday"})", "bad_timestamp"},
      {R"({"dataset_name":7,"build_timestamp":"20260403_230612"})", "wrong_type"},
      {R"({"dataset_name":"d","build_timestamp":"20260403_230612","row_count":-1})",
       "wrong_type"},
      {R"({"dataset_name":"d","build_timestamp":"20260403_230612","row_count":1.5})",
       "wrong_type"},
      {R"({"dataset_name":"d","build_timestamp":"20260403_230612","build_duration_seconds":-2})",
       "wrong_type"},
      {R"({"dataset_name":"d","build_timestamp":"20260403_230612","source_data":[1]})",
       "wrong_type"},
      {R"({"dataset_name":"d","build_timestamp":"20260403_230612","source_data":{}})",
       "wrong_type"},
  };
  for (const auto& [json, reason] : cases) {
    const Mapped m = map_metadata_json("m.json", json, DatasetSettings());
    EXPECT_FALSE(m.build) << json;
    EXPECT_EQ(m.reason, reason) << json;
    EXPECT_FALSE(m.detail.empty()) << json;
  }
}

}  // namespace
}  // namespace mlobs::dataset_adapter
