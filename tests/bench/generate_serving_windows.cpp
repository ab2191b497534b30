// Writes N serving windows (contract v1, about 1 KiB each) over D deployments as JSON lines in
// the <root>/<date>/<hour>/windows.jsonl layout serving_ingest reads. A fraction of lines can be
// made invalid (broken JSON or a contract violation) to exercise the dead-letter path.
// usage: generate_serving_windows N D ROOT [INVALID_FRACTION]
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <random>
#include <string>

namespace {

std::string rfc3339(time_t t) {
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof(buf), "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 4) {
    std::fprintf(stderr, "usage: %s N DEPLOYMENTS ROOT [INVALID_FRACTION]\n", argv[0]);
    return 2;
  }
  const long n = std::atol(argv[1]);
  const long deployments = std::max(1L, std::atol(argv[2]));
  const std::filesystem::path root = argv[3];
  const double invalid = argc > 4 ? std::atof(argv[4]) : 0.0;
  std::mt19937_64 rng(7);
  std::uniform_real_distribution<double> u(0, 1);

  const time_t start = 1775556000;  // 2026-04-07T10:00:00Z; one window per minute per deployment
  std::FILE* out = nullptr;
  std::string open_dir;
  for (long i = 0; i < n; ++i) {
    const long dep = i % deployments;
    const time_t ws = start + (i / deployments) * 60;
    std::tm tm{};
    gmtime_r(&ws, &tm);
    char dir[32];
    std::strftime(dir, sizeof(dir), "%Y-%m-%d/%H", &tm);
    if (dir != open_dir) {
      if (out) std::fclose(out);
      std::filesystem::create_directories(root / dir);
      out = std::fopen((root / dir / "windows.jsonl").c_str(), "w");
      if (!out) {
        std::perror(dir);
        return 1;
      }
      open_dir = dir;
    }
    const double r = u(rng);
    if (r < invalid / 2) {
      std::fprintf(out, "{\"schema_version\":\"1\",\"deployment_id\":\"dep-%03ld\",\n", dep);
      continue;
    }
    const long requests = 1000 + static_cast<long>(rng() % 9000);
    const long failures = static_cast<long>(rng() % 20);
    const long timeouts = static_cast<long>(rng() % 5);
    const long rejected = static_cast<long>(rng() % 5);
    const double p50 = 5 + u(rng) * 20;
    const double p95 = p50 + u(rng) * 50;
    // An invalid window: p99 below p95 (a contract violation, not a syntax error).
    const double p99 = r < invalid ? p95 - 1 : p95 + u(rng) * 100;
    std::fprintf(
        out,
        "{\"schema_version\":\"1\",\"window_start\":\"%s\",\"window_end\":\"%s\","
        "\"service_name\":\"ranker\",\"service_version\":\"2.4.1\",\"environment\":\"prod\","
        "\"deployment_id\":\"dep-%03ld\",\"endpoint_name\":\"/predict\",\"model_name\":\"ranker-%ld\","
        "\"model_version\":\"%ld\",\"bundle_id\":\"bundle-%03ld\",\"input_dataset_name\":\"clicks\","
        "\"input_dataset_version\":\"20260403_230612\",\"request_count\":%ld,\"success_count\":%ld,"
        "\"failure_count\":%ld,\"rejected_count\":%ld,\"timeout_count\":%ld,"
        "\"latency_p50_ms\":%.3f,\"latency_p95_ms\":%.3f,\"latency_p99_ms\":%.3f,"
        "\"validation_error_count\":%ld,\"feature_lookup_error_count\":%ld,"
        "\"model_load_error_count\":0,\"inference_runtime_error_count\":%ld,"
        "\"dependency_error_count\":0,\"internal_error_count\":0,\"input_schema_failure_count\":0,"
        "\"missing_required_field_count\":%ld,\"invalid_type_count\":0,\"domain_violation_count\":0,"
        "\"prediction_count\":%ld,\"prediction_null_count\":0,\"prediction_non_finite_count\":0,"
        "\"prediction_out_of_range_count\":%ld,\"fallback_prediction_count\":%ld,"
        "\"heartbeat_emitted_at\":\"%s\"}\n",
        rfc3339(ws).c_str(), rfc3339(ws + 60).c_str(), dep, dep % 7, 1 + dep % 3, dep,
        requests, requests - failures - timeouts - rejected, failures, rejected, timeouts, p50, p95,
        p99, failures / 2, failures / 3, failures / 4, rejected, requests - failures - timeouts - rejected,
        static_cast<long>(rng() % 3), static_cast<long>(rng() % 10), rfc3339(ws + 61).c_str());
  }
  if (out && std::fclose(out) != 0) return 1;
  return 0;
}
