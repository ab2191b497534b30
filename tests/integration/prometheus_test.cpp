// The prometheus sink end to end with real backends: the agent reads fixture serving windows and
// deployment health records, a real Prometheus server scrapes the agent's /metrics, and a real
// Pushgateway receives the sink's pushes. Both are asked for the values the fixtures imply.
#include "prometheus_backends.h"
#include "support/admin_api.h"
#include "support/agent_test.h"
#include "support/config_template.h"
#include "support/json_lines.h"
#include "support/prom_text.h"
#include "support/text_files.h"
#include "support/wait_for.h"

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace mlobs::integration {
namespace {

struct Window {
  std::string hour_dir;  // <date>/<hour>, as serving windows are laid out
  std::string deployment_id;
  std::string window_end;
  std::optional<int> prediction_count;  // absent: the sink counts success_count
  int success_count;
};

// Two deployments over two hours; one window predates prediction_count.
const std::vector<Window> kWindows = {
    {"2026-04-07/10", "dep-001", "2026-04-07T10:01:00Z", 40, 41},
    {"2026-04-07/10", "dep-001", "2026-04-07T10:02:00Z", 25, 25},
    {"2026-04-07/10", "dep-002", "2026-04-07T10:01:00Z", 7, 9},
    {"2026-04-07/11", "dep-001", "2026-04-07T11:01:00Z", std::nullopt, 13},
    {"2026-04-07/11", "dep-002", "2026-04-07T11:01:00Z", 3, 3},
};

// In file order; the last status of each deployment is the current one.
const std::vector<std::pair<std::string, std::string>> kHealth = {{"dep-001", "healthy"},
                                                                  {"dep-002", "healthy"},
                                                                  {"dep-001", "degraded"},
                                                                  {"dep-002", "unhealthy"},
                                                                  {"dep-001", "healthy"}};

constexpr std::string_view kStatuses[] = {"healthy", "degraded", "unhealthy"};

std::string window_line(const Window& w) {
  std::string line =
      R"({"schema_version":"1","window_start":"2026-04-07T10:00:00Z","window_end":")" +
      w.window_end + R"(","deployment_id":")" + w.deployment_id +
      R"(","endpoint_name":"/predict","model_name":"churn","model_version":"7",)" +
      R"("request_count":)" + std::to_string(w.success_count + 1) + R"(,"success_count":)" +
      std::to_string(w.success_count) +
      R"(,"failure_count":1,"timeout_count":0,"latency_p50_ms":12,)" +
      R"("latency_p95_ms":40,"latency_p99_ms":75)";
  if (w.prediction_count) line += R"(,"prediction_count":)" + std::to_string(*w.prediction_count);
  return line + "}\n";
}

std::map<std::string, double> expected_predictions() {
  std::map<std::string, double> out;
  for (const Window& w : kWindows) {
    out[w.deployment_id] += w.prediction_count.value_or(w.success_count);
  }
  return out;
}

std::map<std::pair<std::string, std::string>, double> expected_health() {
  std::map<std::string, std::string> current;
  for (const auto& [deployment, status] : kHealth) current[deployment] = status;
  std::map<std::pair<std::string, std::string>, double> out;
  for (const auto& [deployment, status] : current) {
    for (std::string_view s : kStatuses) out[{deployment, std::string(s)}] = s == status ? 1 : 0;
  }
  return out;
}

// The instant vector of `query` from Prometheus' HTTP API as (label values -> value); nullopt
// when the API did not answer with success.
std::optional<std::map<std::vector<std::string>, double>> query_prometheus(
    uint16_t port, std::string_view query, const std::vector<std::string>& labels) {
  const SimpleResponse r = http10_get(port, "/api/v1/query?query=" + std::string(query));
  if (r.status != 200) return std::nullopt;
  std::optional<rapidjson::Document> doc = parse_json(r.body);
  if (!doc || json_string(*doc, "status") != "success") return std::nullopt;
  const rapidjson::Value* result = json_at(*doc, "data.result");
  if (!result || !result->IsArray()) return std::nullopt;
  std::map<std::vector<std::string>, double> out;
  for (const auto& sample : result->GetArray()) {
    std::vector<std::string> key;
    for (const auto& l : labels) key.push_back(json_string(sample, "metric." + l).value_or(""));
    const rapidjson::Value* value = json_at(sample, "value");
    if (!value || !value->IsArray() || value->Size() != 2 || !(*value)[1].IsString()) {
      return std::nullopt;
    }
    out[key] = std::strtod((*value)[1].GetString(), nullptr);
  }
  return out;
}

constexpr std::string_view kPipeline = R"(
sources:
  serving: { type: jsonl_file, paths: [@windows@], kind: serving_window, read_from: beginning }
  health: { type: jsonl_file, paths: [@health@], read_from: beginning }
sinks:
  metrics:
    type: prometheus
    inputs: [serving, health]
    push:
      url: "http://127.0.0.1:@pushgateway_port@"
      job: mlobs_it
      interval: 200ms
      grouping: { instance: it-host }
)";

class PrometheusTest : public AgentTest {
 protected:
  // A missing server fails the test: skipping would let CI go green without the real check.
  static std::string require(std::string_view binary) {
    std::optional<std::string> path = find_executable(binary);
    if (!path) {
      ADD_FAILURE() << binary << " is not installed: apt-get install -y --no-install-recommends "
                    << "prometheus prometheus-pushgateway (scripts/install-deps.sh does)";
      return {};
    }
    return *path;
  }

  void write_fixtures() {
    for (const Window& w : kWindows) {
      append_file(tmp_ / "serving" / w.hour_dir / "windows.jsonl", window_line(w));
    }
    std::string lines;
    for (const auto& [deployment, status] : kHealth) {
      lines += R"({"kind":"deployment_health","body":{"deployment_id":")" + deployment +
               R"(","model_name":"churn","model_version":"7","status":")" + status + "\"}}\n";
    }
    write_file(tmp_ / "health" / "health.jsonl", lines);
  }
};

TEST_F(PrometheusTest, PrometheusScrapesAndPushgatewayReceivesTheFixtureValues) {
  const std::string prometheus_bin = require("prometheus");
  const std::string pushgateway_bin = require("prometheus-pushgateway");
  if (prometheus_bin.empty() || pushgateway_bin.empty()) return;

  write_fixtures();
  std::unique_ptr<BackendServer> pushgateway = start_pushgateway(pushgateway_bin);
  const auto config = write_config(
      agent_section() +
      fill_template(kPipeline, {{"windows", quoted(tmp_ / "serving/*/*/*.jsonl")},
                                {"health", quoted(tmp_ / "health/*.jsonl")},
                                {"pushgateway_port", std::to_string(pushgateway->port())}}));
  auto agent = start_agent({"run", "--config", config.string()});
  const std::optional<uint16_t> admin = wait_for_admin_port(*agent);
  ASSERT_TRUE(admin) << agent->describe();
  std::unique_ptr<BackendServer> prometheus =
      start_prometheus(prometheus_bin, tmp_ / "prometheus", "127.0.0.1:" + std::to_string(*admin));

  const std::map<std::string, double> predictions = expected_predictions();
  const auto health = expected_health();
  std::map<std::vector<std::string>, double> want_predictions;
  for (const auto& [deployment, v] : predictions) want_predictions[{deployment, "churn", "7"}] = v;
  std::map<std::vector<std::string>, double> want_health;
  for (const auto& [key, v] : health) want_health[{key.first, key.second}] = v;

  // Prometheus discovers targets in 5 s batches, so the first scrape comes late: poll.
  std::optional<std::map<std::vector<std::string>, double>> got_predictions;
  std::optional<std::map<std::vector<std::string>, double>> got_health;
  const bool scraped = wait_for(
      [&] {
        got_predictions = query_prometheus(prometheus->port(), "ml_prediction_total",
                                           {"deployment_id", "model_name", "model_version"});
        got_health = query_prometheus(prometheus->port(), "mlobs_deployment_health",
                                      {"deployment_id", "status"});
        return got_predictions == want_predictions && got_health == want_health;
      },
      std::chrono::seconds(40), std::chrono::milliseconds(250));
  EXPECT_TRUE(scraped) << "Prometheus never returned the fixture values; last predictions: "
                       << (got_predictions ? got_predictions->size() : 0)
                       << " series, health: " << (got_health ? got_health->size() : 0)
                       << " series\n"
                       << agent->describe();

  // The Pushgateway holds the pushed group under job and grouping labels.
  std::string body;
  const std::map<std::string, std::string> group = {{"job", "mlobs_it"}, {"instance", "it-host"}};
  auto pushed_matches = [&] {
    const SimpleResponse r = http10_get(pushgateway->port(), "/metrics");
    if (r.status != 200) return false;
    body = r.body;  // saved, then searched
    for (const auto& [deployment, v] : predictions) {
      auto labels = group;
      labels["deployment_id"] = deployment;
      if (prom_value(body, "ml_prediction_total", labels) != v) return false;
    }
    for (const auto& [key, v] : health) {
      auto labels = group;
      labels["deployment_id"] = key.first;
      labels["status"] = key.second;
      if (prom_value(body, "mlobs_deployment_health", labels) != v) return false;
    }
    return true;
  };
  EXPECT_TRUE(wait_for(pushed_matches)) << "Pushgateway /metrics:\n" << body.substr(0, 4000);
  EXPECT_GE(scrape_metric(*admin, "mlobs_prometheus_pushes_total").value_or(0), 1.0);
  EXPECT_EQ(scrape_metric(*admin, "mlobs_prometheus_push_failures_total").value_or(-1), 0.0);

  ASSERT_TRUE(agent->send_signal(SIGTERM));
  EXPECT_EQ(run_to_exit(*agent), 0) << agent->describe();
  prometheus->stop();
  pushgateway->stop();
}

// The whole serving path: serving_ingest -> serving_health -> prometheus, with a duplicate and a
// broken window among the fixtures. Prometheus sees each window's predictions once, and every
// deployment unhealthy: the fixture windows ended long before the agent's clock (stale).
constexpr std::string_view kServingPipeline = R"(
sources:
  serving: { type: serving_ingest, root: @root@ }
processors:
  health: { type: serving_health, inputs: [serving] }
sinks:
  metrics: { type: prometheus, inputs: [serving, { id: health, kinds: [deployment_health] }] }
)";

std::string contract_window(const std::string& deployment, int minute, int predictions) {
  char start[32], end[32];
  std::snprintf(start, sizeof(start), "2026-04-07T10:%02d:00Z", minute);
  std::snprintf(end, sizeof(end), "2026-04-07T10:%02d:00Z", minute + 1);
  std::string line = std::string(R"({"schema_version":"1","window_start":")") + start +
                     R"(","window_end":")" + end + R"(","deployment_id":")" + deployment +
                     R"(","endpoint_name":"/predict","model_name":"churn","model_version":"7")";
  for (const char* count :
       {"request_count", "success_count", "prediction_count"}) {
    line += std::string(",\"") + count + "\":" + std::to_string(predictions);
  }
  for (const char* zero :
       {"failure_count", "rejected_count", "timeout_count", "validation_error_count",
        "feature_lookup_error_count", "model_load_error_count", "inference_runtime_error_count",
        "dependency_error_count", "internal_error_count", "input_schema_failure_count",
        "missing_required_field_count", "invalid_type_count", "domain_violation_count",
        "prediction_null_count", "prediction_non_finite_count", "prediction_out_of_range_count",
        "fallback_prediction_count"}) {
    line += std::string(",\"") + zero + "\":0";
  }
  return line + R"(,"latency_p50_ms":10,"latency_p95_ms":20,"latency_p99_ms":30})" "\n";
}

TEST_F(PrometheusTest, ServingPipelineEndToEndIntoARealPrometheus) {
  const std::string prometheus_bin = require("prometheus");
  if (prometheus_bin.empty()) return;

  std::map<std::string, double> predictions;
  std::string lines;
  for (int minute = 0; minute < 5; ++minute) {
    for (const std::string dep : {"dep-a", "dep-b", "dep-c"}) {
      const int n = 10 * (minute + 1) + static_cast<int>(dep.back() - 'a');
      lines += contract_window(dep, minute, n);
      predictions[dep] += n;
    }
  }
  lines += contract_window("dep-a", 0, 10);  // a duplicate window: counted once
  lines += R"({"schema_version":"1","deployment_id":"dep-a","window_start":)" "\n";  // broken
  write_file(tmp_ / "serving/2026-04-07/10/windows.jsonl", lines);

  const auto config = write_config(
      agent_section() + fill_template(kServingPipeline, {{"root", quoted(tmp_ / "serving")}}));
  auto agent = start_agent({"run", "--config", config.string()});
  const std::optional<uint16_t> admin = wait_for_admin_port(*agent);
  ASSERT_TRUE(admin) << agent->describe();
  std::unique_ptr<BackendServer> prometheus =
      start_prometheus(prometheus_bin, tmp_ / "prometheus", "127.0.0.1:" + std::to_string(*admin));

  std::map<std::vector<std::string>, double> want_predictions;
  std::map<std::vector<std::string>, double> want_health;
  for (const auto& [dep, v] : predictions) {
    want_predictions[{dep, "churn", "7"}] = v;
    for (std::string_view status : kStatuses) {
      want_health[{dep, std::string(status)}] = status == "unhealthy" ? 1 : 0;
    }
  }
  std::optional<std::map<std::vector<std::string>, double>> got_predictions;
  std::optional<std::map<std::vector<std::string>, double>> got_health;
  const bool scraped = wait_for(
      [&] {
        got_predictions = query_prometheus(prometheus->port(), "ml_prediction_total",
                                           {"deployment_id", "model_name", "model_version"});
        got_health = query_prometheus(prometheus->port(), "mlobs_deployment_health",
                                      {"deployment_id", "status"});
        return got_predictions == want_predictions && got_health == want_health;
      },
      std::chrono::seconds(40), std::chrono::milliseconds(250));
  auto show = [](const auto& series) {
    std::string out;
    if (!series) return std::string("none");
    for (const auto& [labels, v] : *series) {
      for (const auto& l : labels) out += l + ",";
      out += "=" + std::to_string(v) + "; ";
    }
    return out;
  };
  EXPECT_TRUE(scraped) << "predictions: " << show(got_predictions)
                       << "\nhealth: " << show(got_health) << "\n"
                       << agent->describe();
  EXPECT_EQ(scrape_metric(*admin, "mlobs_serving_duplicates_total").value_or(-1), 1.0);
  EXPECT_EQ(scrape_metric(*admin, "mlobs_records_rejected_total").value_or(-1), 1.0);

  ASSERT_TRUE(agent->send_signal(SIGTERM));
  EXPECT_EQ(run_to_exit(*agent), 0) << agent->describe();
  prometheus->stop();
}

}  // namespace
}  // namespace mlobs::integration
