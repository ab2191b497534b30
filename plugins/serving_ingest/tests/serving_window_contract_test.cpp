// One failing and one passing example per contract rule.
#include "serving_window_contract.h"

#include "serving_window_parser.h"
#include "valid_window.h"

#include <gtest/gtest.h>

#include <string>

namespace mlobs::serving_ingest {
namespace {

using testing::valid_line;
using testing::with_field;

// The reason label for a line, or "ok".
std::string verdict(const std::string& line, std::string* detail = nullptr) {
  ServingWindowParser parser;
  ServingWindow w;
  Violation v;
  if (!parser.parse(line, &w, &v) || !validate(&w, &v)) {
    if (detail) *detail = v.detail;
    return std::string(v.reason);
  }
  return "ok";
}

TEST(ServingWindowContractTest, ValidLinePasses) {
  EXPECT_EQ(verdict(valid_line()), "ok");
  ServingWindowParser parser;
  ServingWindow w;
  Violation v;
  ASSERT_TRUE(parser.parse(valid_line(), &w, &v));
  ASSERT_TRUE(validate(&w, &v));
  EXPECT_EQ(w.deployment_id, "dep-001");
  EXPECT_EQ(w.endpoint_name, "/predict");
  EXPECT_EQ(w.request_count, 100);
  EXPECT_DOUBLE_EQ(w.latency_p99_ms, 80.25);
  EXPECT_EQ(w.end.seconds - w.start.seconds, 60);
}

TEST(ServingWindowContractTest, FieldTableIsConsistent) {
  size_t counts = 0;
  for (size_t i = 0; i < kFields.size(); ++i) {
    EXPECT_EQ(field_index(kFields[i].name), static_cast<int>(i));
    if (kFields[i].type == FieldType::kCount) ++counts;
  }
  EXPECT_EQ(counts, kCountFields);
  EXPECT_EQ(field_index("no_such_field"), -1);
}

TEST(ServingWindowContractTest, InvalidJson) {
  EXPECT_EQ(verdict("{\"schema_version\":"), "invalid_json");
  EXPECT_EQ(verdict("[1,2]"), "invalid_json");
  EXPECT_EQ(verdict("\"text\""), "invalid_json");
  EXPECT_EQ(verdict(valid_line() + " {}"), "invalid_json");
  EXPECT_EQ(verdict(valid_line() + "  "), "ok");
}

TEST(ServingWindowContractTest, EveryRequiredFieldIsRequired) {
  for (const FieldSpec& f : kFields) {
    std::string detail;
    const std::string got = verdict(with_field(std::string(f.name), ""), &detail);
    if (f.required) {
      EXPECT_EQ(got, "missing_field") << f.name;
      EXPECT_NE(detail.find(f.name), std::string::npos) << detail;
    } else {
      EXPECT_EQ(got, "ok") << f.name;
    }
  }
}

TEST(ServingWindowContractTest, OptionalFieldsMayBeNull) {
  EXPECT_EQ(verdict(with_field("bundle_id", "null")), "ok");
  EXPECT_EQ(verdict(with_field("heartbeat_emitted_at", "null")), "ok");
  EXPECT_EQ(verdict(with_field("deployment_id", "null")), "wrong_type");
}

TEST(ServingWindowContractTest, WrongType) {
  std::string detail;
  EXPECT_EQ(verdict(with_field("deployment_id", "17"), &detail), "wrong_type");
  EXPECT_NE(detail.find("deployment_id"), std::string::npos) << detail;
  EXPECT_EQ(verdict(with_field("request_count", "1.5")), "wrong_type");
  EXPECT_EQ(verdict(with_field("request_count", "1.0")), "wrong_type");
  EXPECT_EQ(verdict(with_field("request_count", "\"3\"")), "wrong_type");
  EXPECT_EQ(verdict(with_field("request_count", "true")), "wrong_type");
  EXPECT_EQ(verdict(with_field("latency_p50_ms", "\"12\"")), "wrong_type");
  EXPECT_EQ(verdict(with_field("model_name", "{\"a\":1}")), "wrong_type");
  EXPECT_EQ(verdict(with_field("endpoint_name", "[\"/p\"]")), "wrong_type");
  EXPECT_EQ(verdict(with_field("window_start", "1775556000")), "wrong_type");
  EXPECT_EQ(verdict(with_field("schema_version", "1")), "ok");
  EXPECT_EQ(verdict(with_field("schema_version", "1.5")), "wrong_type");
  EXPECT_EQ(verdict(with_field("latency_p50_ms", "12")), "ok");
  EXPECT_EQ(verdict(with_field("request_count", "18446744073709551615")), "ok");
}

TEST(ServingWindowContractTest, NegativeCount) {
  EXPECT_EQ(verdict(with_field("failure_count", "-1")), "negative_count");
  EXPECT_EQ(verdict(with_field("failure_count", "0")), "ok");
  EXPECT_EQ(verdict(with_field("prediction_null_count", "-9223372036854775808")), "negative_count");
}

TEST(ServingWindowContractTest, NegativeLatency) {
  std::string line = with_field("latency_p50_ms", "-0.5");
  EXPECT_EQ(verdict(line), "negative_latency");
  EXPECT_EQ(verdict(with_field("latency_p50_ms", "0")), "ok");
}

TEST(ServingWindowContractTest, WindowOrder) {
  EXPECT_EQ(verdict(with_field("window_end", "\"2026-04-07T10:00:00Z\"")), "window_order");
  EXPECT_EQ(verdict(with_field("window_end", "\"2026-04-07T09:59:00Z\"")), "window_order");
  // Same instant written with an offset is still not after the start.
  EXPECT_EQ(verdict(with_field("window_end", "\"2026-04-07T12:00:00+02:00\"")), "window_order");
  EXPECT_EQ(verdict(with_field("window_end", "\"2026-04-07T10:00:00.001Z\"")), "ok");
}

TEST(ServingWindowContractTest, LatencyOrder) {
  EXPECT_EQ(verdict(with_field("latency_p50_ms", "50")), "latency_order");
  EXPECT_EQ(verdict(with_field("latency_p99_ms", "39.9")), "latency_order");
  EXPECT_EQ(verdict(with_field("latency_p50_ms", "40")), "ok");  // equal is fine
  EXPECT_EQ(verdict(with_field("latency_p99_ms", "40")), "ok");
}

TEST(ServingWindowContractTest, BadTimestamp) {
  std::string detail;
  EXPECT_EQ(verdict(with_field("window_start", "\"2026-04-07 10:00\""), &detail), "bad_timestamp");
  EXPECT_NE(detail.find("window_start"), std::string::npos) << detail;
  EXPECT_EQ(verdict(with_field("window_end", "\"yesterday\"")), "bad_timestamp");
  EXPECT_EQ(verdict(with_field("heartbeat_emitted_at", "\"2026-04-07T10:01:02\"")),
            "bad_timestamp");
  EXPECT_EQ(verdict(with_field("window_start", "\"2026-04-07T09:00:00.5-01:00\"")), "ok");
}

TEST(ServingWindowContractTest, UnknownFieldsAreIgnored) {
  std::string line = valid_line();
  line.insert(1, "\"extra\":{\"request_count\":-1,\"deep\":[[{}]]},\"x\":null,");
  EXPECT_EQ(verdict(line), "ok");
}

}  // namespace
}  // namespace mlobs::serving_ingest
