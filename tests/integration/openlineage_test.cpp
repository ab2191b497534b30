// The OpenLineage exporters end to end: the real agent reads a fixture tree of dataset builds
// and a training run, and its openlineage_http sink POSTs RunEvents to a real HTTP receiver
// while its openlineage_file sink writes the same events as NDJSON. The events are checked field
// by field, and validated against the official OpenLineage JSON schemas with Ajv (node).
#include "prometheus_backends.h"
#include "support/agent_test.h"
#include "support/build_paths.h"
#include "support/node_runtime.h"
#include "support/config_template.h"
#include "support/http_receiver.h"
#include "support/json_lines.h"
#include "support/ml_fixture_tree.h"
#include "support/text_files.h"
#include "support/wait_for.h"

#include <algorithm>
#include <filesystem>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace mlobs::integration {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kNamespace = "churn-pipeline";
constexpr std::string_view kTokenVariable = "MLOBS_TEST_OPENLINEAGE_TOKEN";
constexpr std::string_view kToken = "t0ken-for-tests";

// The upstream run ids of the fixture tree (support/ml_fixture_tree.h), by OpenLineage job name.
const std::map<std::string, std::string> kUpstreamRunIds = {
    {"dataset_build/churn_features", "churn_features:20260403_230612"},
    {"dataset_build/orders", "orders:v42"},
    {"training/churn_model", "run-2026-04-04-001"},
};
constexpr size_t kEvents = 6;  // a START and a COMPLETE per run

constexpr std::string_view kSources = R"(
sources:
  datasets: { type: dataset_adapter, paths: [@datasets@], non_feature_columns: [account_id, event_ts, churned] }
  training: { type: training_adapter, paths: [@runs@] }
sinks:
)";

// The runId the exporters must give an upstream run: UUID v5 of "<namespace>/<run id>" under the
// URL namespace, computed here independently of the agent (node's SHA-1), as anyone could.
constexpr std::string_view kRunUuidScript = R"(
const h = require('crypto').createHash('sha1');
h.update(Buffer.from('6ba7b8119dad11d180b400c04fd430c8', 'hex'));
h.update(process.argv[1] + '/' + process.argv[2], 'utf8');
const b = h.digest().subarray(0, 16);
b[6] = (b[6] & 0x0f) | 0x50;
b[8] = (b[8] & 0x3f) | 0x80;
const x = b.toString('hex');
console.log([x.slice(0, 8), x.slice(8, 12), x.slice(12, 16), x.slice(16, 20), x.slice(20)].join('-'));
)";

// Every request of a receiver with the status it was answered, for counting exactly.
class AnsweredLog {
 public:
  void add(int status, std::string body) {
    std::lock_guard<std::mutex> lock(mu_);
    answered_.emplace_back(status, std::move(body));
  }
  std::vector<std::string> bodies_answered(int status) const {
    std::lock_guard<std::mutex> lock(mu_);
    std::vector<std::string> out;
    for (const auto& [s, body] : answered_) {
      if (s == status) out.push_back(body);
    }
    return out;
  }

 private:
  mutable std::mutex mu_;
  std::vector<std::pair<int, std::string>> answered_;
};

class OpenLineageTest : public AgentTest {
 protected:
  void SetUp() override { write_ml_fixture_tree(tmp_ / "tree"); }

  // The pipeline: both adapters over the fixture tree, then `sinks` (indented YAML lines).
  fs::path write_pipeline(std::string_view sinks) const {
    return write_config(agent_section() +
                        fill_template(kSources, {{"datasets", quoted(tmp_ / "tree/datasets/*")},
                                                 {"runs", quoted(tmp_ / "tree/runs/*")}}) +
                        std::string(sinks));
  }

  // The official schemas and ajv, or why the test cannot run (skip) or is misconfigured (fail).
  // True when the validation can run.
  bool validator_ready() {
    spec_dir_ = fs::path(kSourceDir) / ".." / "shared" / "openlineage-spec";
    if (!fs::exists(spec_dir_ / "OpenLineage.json")) {
      skip_reason_ = "the official OpenLineage schemas live in ../shared/openlineage-spec beside "
                     "the repository and are absent (" + spec_dir_.string() + ")";
      return false;
    }
    return true;
  }

  // node, with ajv installed in tests/node; fails the test when either is missing.
  std::optional<std::string> node() const {
    if (!fs::exists(fs::path(kNodeDir) / "node_modules" / "ajv")) {
      ADD_FAILURE() << "ajv is not installed in " << kNodeDir
                    << "/node_modules: run scripts/install-node-deps.sh";
      return std::nullopt;
    }
    std::optional<std::string> binary = node_binary();
    if (!binary) ADD_FAILURE() << "node is not installed: run scripts/install-node-deps.sh";
    return binary;
  }

  // Runs node with `args`; its exit code and output.
  std::pair<std::optional<int>, std::string> run_node(const std::string& binary,
                                                      std::vector<std::string> args) const {
    ProcessOptions options;
    options.binary = binary;
    options.args = std::move(args);
    options.working_dir = std::string(kNodeDir);
    AgentProcess process(std::move(options));
    const std::optional<int> code = process.wait_exit(kDeadline);
    return {code, process.stdout_text() + process.stderr_text()};
  }

  std::string expected_run_id(const std::string& binary, const std::string& upstream) const {
    auto [code, out] = run_node(binary, {"-e", std::string(kRunUuidScript), std::string(kNamespace),
                                         upstream});
    EXPECT_EQ(code, 0) << out;
    out.erase(std::remove(out.begin(), out.end(), '\n'), out.end());
    return out;
  }

  fs::path spec_dir_;
  std::string skip_reason_;
};

// The events of a list of JSON texts, by "<job name> <eventType>".
std::map<std::string, rapidjson::Document> by_job_and_type(const std::vector<std::string>& jsons) {
  std::map<std::string, rapidjson::Document> out;
  for (const std::string& json : jsons) {
    std::optional<rapidjson::Document> doc = parse_json(json);
    EXPECT_TRUE(doc) << json;
    if (!doc) continue;
    const std::string key =
        json_string(*doc, "job.name").value_or("?") + " " + json_string(*doc, "eventType").value_or("?");
    EXPECT_EQ(out.count(key), 0u) << "twice: " << key;
    out[key] = std::move(*doc);
  }
  return out;
}

std::string dataset_id(const rapidjson::Value& dataset) {
  return json_string(dataset, "namespace").value_or("?") + "|" +
         json_string(dataset, "name").value_or("?");
}

TEST_F(OpenLineageTest, ExportsAStartAndACompletePerRunThatValidateAgainstTheSpec) {
  if (!validator_ready()) GTEST_SKIP() << skip_reason_;
  const std::optional<std::string> node_binary = node();
  if (!node_binary) return;

  HttpReceiver receiver;
  receiver.start();
  const fs::path events_file = tmp_ / "openlineage" / "events.ndjson";
  const auto config = write_pipeline(fill_template(R"(
  marquez: { type: openlineage_http, inputs: [datasets, training], url: @url@, namespace: @ns@, api_key_env: @token@ }
  archive: { type: openlineage_file, inputs: [datasets, training], path: @file@, namespace: @ns@ }
)", {{"url", "\"" + receiver.url() + "\""}, {"ns", std::string(kNamespace)},
     {"token", std::string(kTokenVariable)}, {"file", quoted(events_file)}}));
  auto agent = start_agent({"run", "--config", config.string()},
                           {{std::string(kTokenVariable), std::string(kToken)}});

  ASSERT_TRUE(wait_for([&] {
    return receiver.request_count() >= kEvents && read_lines(events_file).size() >= kEvents;
  })) << "requests: " << receiver.request_count() << "\n" << agent->describe();

  // What arrived over HTTP: one POST per event, JSON, with the token and a request id.
  const std::vector<ReceivedRequest> requests = receiver.requests();
  ASSERT_EQ(requests.size(), kEvents);
  std::vector<std::string> bodies;
  for (const ReceivedRequest& r : requests) {
    EXPECT_EQ(r.method, "POST");
    EXPECT_EQ(r.target, "/api/v1/lineage");
    EXPECT_EQ(r.headers.count("content-type") ? r.headers.at("content-type") : "",
              "application/json");
    EXPECT_EQ(r.headers.count("authorization") ? r.headers.at("authorization") : "",
              "Bearer " + std::string(kToken));
    EXPECT_FALSE(r.headers.count("x-request-id") == 0 || r.headers.at("x-request-id").empty());
    bodies.push_back(r.body);
  }
  EXPECT_EQ(agent->stderr_text().find(kToken), std::string::npos) << "the token reached the log";

  const auto sent = by_job_and_type(bodies);
  ASSERT_EQ(sent.size(), kEvents);
  for (const auto& [job, upstream] : kUpstreamRunIds) {
    ASSERT_TRUE(sent.count(job + " START")) << job;
    ASSERT_TRUE(sent.count(job + " COMPLETE")) << job;
    const rapidjson::Document& start = sent.at(job + " START");
    const rapidjson::Document& complete = sent.at(job + " COMPLETE");
    const std::string run_id = expected_run_id(*node_binary, upstream);
    EXPECT_EQ(json_string(start, "run.runId"), run_id) << job;
    EXPECT_EQ(json_string(complete, "run.runId"), run_id) << job;
    EXPECT_EQ(json_string(complete, "job.namespace"), std::string(kNamespace));
    EXPECT_LE(json_string(start, "eventTime").value_or(""),
              json_string(complete, "eventTime").value_or(""));
  }
  // The link: the run read exactly the dataset the build wrote.
  const rapidjson::Document& training = sent.at("training/churn_model COMPLETE");
  const rapidjson::Document& build = sent.at("dataset_build/churn_features COMPLETE");
  ASSERT_TRUE(training["inputs"].IsArray() && training["inputs"].Size() == 1);
  ASSERT_TRUE(build["outputs"].IsArray() && build["outputs"].Size() == 1);
  EXPECT_EQ(dataset_id(training["inputs"][0]), dataset_id(build["outputs"][0]));
  EXPECT_EQ(json_string(training["outputs"][0], "name"), "models/churn_model");
  EXPECT_TRUE(json_at(build["outputs"][0], "outputFacets.outputStatistics.rowCount"));

  // The file sink wrote the very same events.
  std::vector<std::string> lines = read_lines(events_file);
  std::vector<std::string> sorted_bodies = bodies;
  std::sort(lines.begin(), lines.end());
  std::sort(sorted_bodies.begin(), sorted_bodies.end());
  EXPECT_EQ(lines, sorted_bodies);

  // And all of them validate against the official schemas, facets included.
  const fs::path captured = tmp_ / "captured.ndjson";
  std::string all;
  for (const std::string& body : bodies) all += body + "\n";
  for (const std::string& line : read_lines(events_file)) all += line + "\n";
  write_file(captured, all);
  const auto [code, output] =
      run_node(*node_binary, {(fs::path(kNodeDir) / "ol_validate.mjs").string(),
                              spec_dir_.string(), captured.string()});
  EXPECT_EQ(code, 0) << output;
  EXPECT_NE(output.find("validated " + std::to_string(2 * kEvents) + " events"), std::string::npos)
      << output;
}

// Records straight from files, so every shape the exporter can make is validated too: a build
// with a schema and its source data, a failed training run (FAIL), and a lineage record of a
// run that was aborted (ABORT), next to their START events.
TEST_F(OpenLineageTest, AFailedRunAndALineageRecordValidateAgainstTheSpecToo) {
  if (!validator_ready()) GTEST_SKIP() << skip_reason_;
  const std::optional<std::string> node_binary = node();
  if (!node_binary) return;

  write_file(tmp_ / "in/builds.jsonl",
             R"({"dataset_name":"orders","dataset_version":"v7","built_at":"2026-04-03T23:06:12Z",)"
             R"("row_count":120,"feature_count":2,"columns":["order_id","amount","event_ts"],)"
             R"("source_data":["/srv/raw/orders.csv"],"build_duration_seconds":30})" "\n");
  write_file(tmp_ / "in/runs.jsonl",
             R"({"run_id":"run-9","model_name":"churn","model_version":"3","status":"failed",)"
             R"("input_dataset_name":"orders","input_dataset_version":"v7",)"
             R"("started_at":"2026-04-04T01:00:00Z","completed_at":"2026-04-04T02:00:00Z",)"
             R"("artifact_path":"/srv/models/churn/3"})" "\n");
  write_file(tmp_ / "in/lineage.jsonl",
             R"({"event_time":"2026-04-04T03:00:00Z","event_type":"ABORT",)"
             R"("run":{"run_id":"backfill-77","started_at":"2026-04-04T02:30:00Z"},)"
             R"("job":{"name":"orders_backfill"},)"
             R"("inputs":[{"namespace":"warehouse","name":"orders","version":"v7"}],)"
             R"("outputs":[{"name":"orders_backfilled"}]})" "\n");
  const fs::path events_file = tmp_ / "events.ndjson";
  const auto config = write_config(agent_section() + fill_template(R"(
sources:
  builds: { type: jsonl_file, paths: [@builds@], kind: dataset_build, read_from: beginning }
  runs: { type: jsonl_file, paths: [@runs@], kind: training_run, read_from: beginning }
  lineage: { type: jsonl_file, paths: [@lineage@], kind: lineage, read_from: beginning }
sinks:
  archive: { type: openlineage_file, inputs: [builds, runs, lineage], path: @file@ }
)", {{"builds", quoted(tmp_ / "in/builds.jsonl")}, {"runs", quoted(tmp_ / "in/runs.jsonl")},
     {"lineage", quoted(tmp_ / "in/lineage.jsonl")}, {"file", quoted(events_file)}}));
  auto agent = start_agent({"run", "--once", "--config", config.string()});
  ASSERT_EQ(run_to_exit(*agent), 0) << agent->describe();

  const auto events = by_job_and_type(read_lines(events_file));
  std::vector<std::string> keys;
  for (const auto& [key, doc] : events) keys.push_back(key);
  EXPECT_EQ(keys, (std::vector<std::string>{
                      "dataset_build/orders COMPLETE", "dataset_build/orders START",
                      "orders_backfill ABORT", "orders_backfill START", "training/churn FAIL",
                      "training/churn START"}));
  const auto [code, output] =
      run_node(*node_binary, {(fs::path(kNodeDir) / "ol_validate.mjs").string(),
                              spec_dir_.string(), events_file.string()});
  EXPECT_EQ(code, 0) << output;
  EXPECT_NE(output.find("validated 6 events"), std::string::npos) << output;
}

TEST_F(OpenLineageTest, ARejectedEventSendsItsRecordsToTheDeadLetterFileWithTheAnswer) {
  HttpReceiver receiver([](const ReceivedRequest&) {
    return Reply{400, {}, R"({"error":"facet schema mismatch at run.facets"})"};
  });
  receiver.start();
  const auto config = write_pipeline(fill_template(R"(
  marquez: { type: openlineage_http, inputs: [datasets, training], url: @url@ }
)", {{"url", "\"" + receiver.url() + "\""}}));
  auto agent = start_agent({"run", "--config", config.string()});

  const fs::path dead_letters = data_dir() / "dead_letter.jsonl";
  // The lines of our sink about the records that make runs: id -> error.
  std::vector<std::pair<std::string, std::string>> rejected;
  ASSERT_TRUE(wait_for([&] {
    rejected.clear();
    for (const auto& doc : parse_json_lines(read_file(dead_letters).value_or("")).docs) {
      if (json_string(doc, "component") != "marquez") continue;
      const std::string kind = json_string(doc, "record.kind").value_or("");
      if (kind != "dataset_build" && kind != "training_run") continue;
      rejected.emplace_back(json_string(doc, "record.id").value_or("?"),
                            json_string(doc, "error").value_or(""));
    }
    return rejected.size() >= kUpstreamRunIds.size();
  })) << read_file(dead_letters).value_or("<no dead-letter file>") << "\n" << agent->describe();

  ASSERT_EQ(rejected.size(), kUpstreamRunIds.size());  // each record once
  for (const auto& [id, error] : rejected) {
    EXPECT_NE(error.find("400"), std::string::npos) << id << ": " << error;
    EXPECT_NE(error.find("facet schema mismatch at run.facets"), std::string::npos)
        << id << ": " << error;
  }
  // A permanent rejection is not retried: at most the first event of each batch was sent.
  EXPECT_GE(receiver.request_count(), 1u);
  EXPECT_LE(receiver.request_count(), kUpstreamRunIds.size());
}

TEST_F(OpenLineageTest, AnUnavailableBackendIsRetriedUntilEveryEventArrivesOnce) {
  AnsweredLog log;
  std::mutex mu;
  int refusals_left = 2;
  HttpReceiver receiver([&](const ReceivedRequest& r) {
    std::lock_guard<std::mutex> lock(mu);
    const int status = refusals_left-- > 0 ? 503 : 200;
    log.add(status, r.body);
    return Reply{status, {}, status == 503 ? "busy" : "{}"};
  });
  receiver.start();
  const auto config = write_pipeline(fill_template(R"(
  marquez: { type: openlineage_http, inputs: [datasets, training], url: @url@,
             retry: { initial_backoff: 10ms, max_backoff: 50ms } }
)", {{"url", "\"" + receiver.url() + "\""}}));
  auto agent = start_agent({"run", "--config", config.string()});

  ASSERT_TRUE(wait_for([&] { return log.bodies_answered(200).size() >= kEvents; }))
      << "accepted: " << log.bodies_answered(200).size() << "\n" << agent->describe();
  const std::vector<std::string> accepted = log.bodies_answered(200);
  EXPECT_EQ(accepted.size(), kEvents);  // nothing the backend accepted was sent again
  EXPECT_EQ(by_job_and_type(accepted).size(), kEvents);
  EXPECT_EQ(log.bodies_answered(503).size(), 2u);
  EXPECT_EQ(receiver.request_count(), kEvents + 2);
}

}  // namespace
}  // namespace mlobs::integration
