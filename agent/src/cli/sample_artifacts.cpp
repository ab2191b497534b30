#include "cli/sample_artifacts.h"

#include "record/record.h"

#include <ctime>
#include <fstream>

namespace mlobs::agent {
namespace {

constexpr int64_t kNanos = 1000000000;

std::string strftime_utc(int64_t unix_nanos, const char* format) {
  const std::time_t seconds = static_cast<std::time_t>(unix_nanos / kNanos);
  std::tm tm{};
  gmtime_r(&seconds, &tm);
  char buf[32];
  return std::string(buf, std::strftime(buf, sizeof buf, format, &tm));
}

std::string count_fields(int64_t predictions) {
  const std::string n = std::to_string(predictions);
  return "\"request_count\":" + n + ",\"success_count\":" + n +
         ",\"failure_count\":0,\"rejected_count\":0,\"timeout_count\":0,"
         "\"validation_error_count\":0,\"feature_lookup_error_count\":0,"
         "\"model_load_error_count\":0,\"inference_runtime_error_count\":0,"
         "\"dependency_error_count\":0,\"internal_error_count\":0,"
         "\"input_schema_failure_count\":0,\"missing_required_field_count\":0,"
         "\"invalid_type_count\":0,\"domain_violation_count\":0,\"prediction_count\":" +
         n +
         ",\"prediction_null_count\":0,\"prediction_non_finite_count\":0,"
         "\"prediction_out_of_range_count\":0,\"fallback_prediction_count\":0";
}

}  // namespace

std::filesystem::path write_serving_windows(const std::filesystem::path& root,
                                            const ServingSample& s, int64_t now) {
  // Whole minutes, so windows line up with the slots serving_health evaluates.
  const int64_t last_end = now / (60 * kNanos) * (60 * kNanos);
  const std::filesystem::path dir =
      root / strftime_utc(last_end, "%Y-%m-%d") / strftime_utc(last_end, "%H");
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  const std::filesystem::path file = dir / (s.deployment_id + ".jsonl");
  std::ofstream out(file, std::ios::app);
  for (int64_t i = s.windows - 1; i >= 0; --i) {
    const int64_t end = last_end - i * 60 * kNanos;
    out << R"({"schema_version":"1","window_start":")" << format_rfc3339(end - 60 * kNanos)
        << R"(","window_end":")" << format_rfc3339(end)
        << R"(","service_name":"demo","service_version":"1.0.0","environment":"demo",)"
        << R"("deployment_id":")" << s.deployment_id << R"(","endpoint_name":"/predict",)"
        << R"("model_name":")" << s.model_name << R"(","model_version":")" << s.model_version
        << R"(","bundle_id":"demo-bundle","input_dataset_name":"churn_features",)"
        << R"("input_dataset_version":"20260403_230612",)" << count_fields(s.predictions_per_window)
        << R"(,"latency_p50_ms":12.5,"latency_p95_ms":40.0,"latency_p99_ms":85.0,)"
        << R"("heartbeat_emitted_at":")" << format_rfc3339(end) << "\"}\n";
  }
  out.close();
  return out ? file : std::filesystem::path();
}

std::string write_dataset_metadata(const std::filesystem::path& file,
                                   const std::string& dataset_name, int64_t age_seconds,
                                   int64_t now) {
  const int64_t built = now - age_seconds * kNanos;
  const std::string version = strftime_utc(built, "%Y%m%d_%H%M%S");
  std::ofstream out(file);
  out << R"({"dataset_name":")" << dataset_name << R"(","build_timestamp":")" << version
      << R"(","row_count":1245231,"feature_count":42,"build_duration_seconds":312.5,)"
      << R"("source_data":["s3://raw/events/)" << strftime_utc(built, "%Y-%m-%d") << "\"]}\n";
  out.close();
  return out ? version : std::string();
}

bool write_training_metadata(const std::filesystem::path& file, const std::string& dataset_name,
                             const std::string& dataset_version, const std::string& model_name,
                             int64_t age_seconds, int64_t now) {
  const int64_t completed = now - age_seconds * kNanos;
  std::ofstream out(file);
  out << R"({"run_id":"demo-run-)" << strftime_utc(completed, "%Y%m%d%H%M%S")
      << R"(","model_name":")" << model_name << R"(","model_version":"3",)"
      << R"("input_dataset_name":")" << dataset_name << R"(","input_dataset_version":")" << dataset_version << R"(","started_at":")"
      << format_rfc3339(completed - 1800 * kNanos) << R"(","completed_at":")"
      << format_rfc3339(completed)
      << R"(","metrics":{"rmse":0.31,"mae":0.22},"artifact_path":"s3://models/)" << model_name
      << "/3\"}\n";
  out.close();
  return static_cast<bool>(out);
}

}  // namespace mlobs::agent
