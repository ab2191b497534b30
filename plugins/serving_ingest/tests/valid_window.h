// A valid serving_window v1 line for tests, and a way to vary one field of it.
#pragma once

#include <string>

namespace mlobs::serving_ingest::testing {

inline std::string valid_fields() {
  return "\"schema_version\":\"1\",\"window_start\":\"2026-04-07T10:00:00Z\","
         "\"window_end\":\"2026-04-07T10:01:00Z\",\"service_name\":\"ranker\","
         "\"service_version\":\"3.1.0\",\"environment\":\"prod\",\"deployment_id\":\"dep-001\","
         "\"endpoint_name\":\"/predict\",\"model_name\":\"ctr\",\"model_version\":\"7\","
         "\"bundle_id\":\"b-7\",\"input_dataset_name\":\"clicks\","
         "\"input_dataset_version\":\"20260407\",\"request_count\":100,\"success_count\":97,"
         "\"failure_count\":3,\"rejected_count\":0,\"timeout_count\":1,"
         "\"latency_p50_ms\":12.5,\"latency_p95_ms\":40,\"latency_p99_ms\":80.25,"
         "\"validation_error_count\":0,\"feature_lookup_error_count\":0,"
         "\"model_load_error_count\":0,\"inference_runtime_error_count\":0,"
         "\"dependency_error_count\":0,\"internal_error_count\":0,"
         "\"input_schema_failure_count\":0,\"missing_required_field_count\":0,"
         "\"invalid_type_count\":0,\"domain_violation_count\":0,\"prediction_count\":97,"
         "\"prediction_null_count\":0,\"prediction_non_finite_count\":0,"
         "\"prediction_out_of_range_count\":0,\"fallback_prediction_count\":0,"
         "\"heartbeat_emitted_at\":\"2026-04-07T10:01:02.5+00:00\"";
}

inline std::string valid_line() { return "{" + valid_fields() + "}"; }

// valid_line() with `"name":<old value>` replaced by `"name":<json>`, or removed when `json`
// is empty.
inline std::string with_field(const std::string& name, const std::string& json) {
  std::string line = valid_line();
  const std::string key = "\"" + name + "\":";
  const size_t at = line.find(key);
  if (at == std::string::npos) return line;
  size_t end = at + key.size();
  if (line[end] == '"') {
    end = line.find('"', end + 1) + 1;
  } else {
    end = line.find_first_of(",}", end);
  }
  if (json.empty()) {
    size_t from = at;
    if (line[end] == ',') {
      ++end;
    } else if (line[from - 1] == ',') {
      --from;
    }
    return line.substr(0, from) + line.substr(end);
  }
  return line.substr(0, at + key.size()) + json + line.substr(end);
}

}  // namespace mlobs::serving_ingest::testing
