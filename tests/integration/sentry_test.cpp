// The sentry sink end to end: the real agent reads records from JSON lines and sends events to
// Sentry's Spotlight sidecar, which the tests read back (it answers 200 to anything, so its
// status proves nothing), or to a test server that answers with Sentry's rate limits.
#include "prometheus_backends.h"
#include "sentry_backends.h"
#include "support/admin_api.h"
#include "support/agent_test.h"
#include "support/config_template.h"
#include "support/http_receiver.h"
#include "support/json_lines.h"
#include "support/text_files.h"
#include "support/wait_for.h"

#include <chrono>
#include <csignal>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace mlobs::integration {
namespace {

constexpr std::string_view kPipeline = R"(
sources:
  records: { type: jsonl_file, paths: [@records@], read_from: beginning }
sinks:
  sentry:
    type: sentry
    inputs: [records]
    dsn: "${SENTRY_DSN}"
@settings@
)";

// A JSON string literal of `text`.
std::string quote(std::string_view text) {
  std::string out = "\"";
  for (const char c : text) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      default: out += c;
    }
  }
  return out + "\"";
}

std::string error_record(const std::string& id, const std::string& message) {
  return R"({"kind":"error","id":")" + id + R"(","body":{"level":"error","message":)" +
         quote(message) + "}}\n";
}

// The event payloads of captured envelopes (every item of type "event"), oldest first.
// Envelopes that do not parse, or whose header names another event, are reported.
std::vector<rapidjson::Document> events_in(const std::vector<std::string>& envelopes) {
  std::vector<rapidjson::Document> events;
  for (const std::string& bytes : envelopes) {
    std::optional<Envelope> envelope = parse_envelope(bytes);
    if (!envelope) {
      ADD_FAILURE() << "not an envelope:\n" << bytes.substr(0, 2000);
      continue;
    }
    for (EnvelopeItem& item : envelope->items) {
      if (json_string(item.header, "type") != "event") continue;
      std::optional<rapidjson::Document> payload = parse_json(item.payload);
      if (!payload) {
        ADD_FAILURE() << "event payload is not JSON:\n" << item.payload.substr(0, 2000);
        continue;
      }
      EXPECT_EQ(json_string(envelope->header, "event_id"), json_string(*payload, "event_id"));
      events.push_back(std::move(*payload));
    }
  }
  return events;
}

class SentryTest : public AgentTest {
 protected:
  // Spotlight on a free port, or a failure saying how to install it (a skip would let CI go
  // green without the real check).
  std::unique_ptr<SpotlightServer> start_spotlight() {
    if (const std::optional<std::string> why = spotlight_unavailable()) {
      ADD_FAILURE() << *why;
      return nullptr;
    }
    return std::make_unique<SpotlightServer>(tmp_ / "spotlight");
  }

  // The agent running kPipeline over `records`, sending to `dsn`; `settings` are more keys of
  // the sink, indented by four spaces. The admin port is in admin_.
  void start(const std::string& records, const std::string& dsn, const std::string& settings) {
    write_file(tmp_ / "records" / "records.jsonl", records);
    const auto config = write_config(
        agent_section() + fill_template(kPipeline, {{"records", quoted(tmp_ / "records/*.jsonl")},
                                                    {"settings", settings}}));
    agent_ = start_agent({"run", "--config", config.string()}, {{"SENTRY_DSN", dsn}});
    admin_ = wait_for_admin_port(*agent_);
    ASSERT_TRUE(admin_) << agent_->describe();
  }

  double events(const std::string& result) {
    return scrape_metric(*admin_, "mlobs_sentry_events_total",
                         {{"component", "sentry"}, {"result", result}})
        .value_or(-1);
  }

  // Waits until the sink has settled `n` records one way or another (skips are counted when a
  // whole batch is done, so this also means no batch is in flight).
  bool wait_settled(double n) {
    return wait_for([&] {
      return events("sent") + events("throttled") + events("skipped") + events("scrub_dropped") +
                 events("rejected") >=
             n;
    });
  }

  void stop_agent() {
    ASSERT_TRUE(agent_->send_signal(SIGTERM));
    EXPECT_EQ(run_to_exit(*agent_), 0) << agent_->describe();
  }

  std::unique_ptr<AgentProcess> agent_;
  std::optional<uint16_t> admin_;
};

TEST_F(SentryTest, AlertingRecordsArriveInSpotlightAsEvents) {
  std::unique_ptr<SpotlightServer> spotlight = start_spotlight();
  if (!spotlight) return;
  const std::string health_fields = R"("model_name":"churn","model_version":"7","bundle_id":"b-1",)"
                                    R"("evaluated_windows":15,"missing_window_count":2,)";
  const std::string records =
      R"({"kind":"deployment_health","id":"dh-1","body":{"deployment_id":"dep-001",)" +
      health_fields + R"("status":"degraded","detail":"p99 latency 612 ms > 500 ms"}})" "\n" +
      R"({"kind":"deployment_health","id":"dh-2","body":{"deployment_id":"dep-002",)" +
      health_fields + R"("status":"unhealthy","detail":"newest window ended 900s ago"}})" "\n" +
      R"({"kind":"deployment_health","id":"dh-3","body":{"deployment_id":"dep-003",)" +
      health_fields + R"("status":"healthy","detail":"no rule fired"}})" "\n" +
      R"({"kind":"check_report","id":"cr-1","body":{"metadata_path":"exports/churn.json",)"
      R"("all_passed":false,"results":[{"check":"file_exists","passed":true},)"
      R"({"check":"valid_json","passed":false,"detail":"unexpected end at line 3"}]}})" "\n"
      R"({"kind":"error","id":"err-1","body":{"level":"error","message":"feature store unreachable",)"
      R"("tags":{"store":"redis"},"context":{"attempts":3}}})" "\n"
      R"({"kind":"serving_window","id":"sw-1","body":{"deployment_id":"dep-001"}})" "\n";
  start(records, spotlight->dsn(),
        "    environment: it-env\n"
        "    release: mlobs@1.2.3\n"
        "    server_name: it-host\n"
        "    http: { compression: gzip }\n");
  ASSERT_TRUE(admin_);
  ASSERT_TRUE(wait_settled(6)) << agent_->describe();
  EXPECT_EQ(events("sent"), 4);
  EXPECT_EQ(events("skipped"), 2);  // the healthy deployment and the serving window

  const std::vector<rapidjson::Document> got = events_in(spotlight->captured());
  ASSERT_EQ(got.size(), 4u) << spotlight->describe();
  std::map<std::string, const rapidjson::Document*> by_message;
  std::set<std::string> ids;
  for (const rapidjson::Document& e : got) {
    by_message[json_string(e, "message.formatted").value_or("")] = &e;
    ids.insert(json_string(e, "event_id").value_or(""));
    EXPECT_EQ(json_string(e, "environment"), "it-env");
    EXPECT_EQ(json_string(e, "release"), "mlobs@1.2.3");
    EXPECT_EQ(json_string(e, "server_name"), "it-host");
  }
  EXPECT_EQ(ids.size(), 4u);

  const auto* degraded = by_message["deployment dep-001 is degraded: p99 latency 612 ms > 500 ms"];
  ASSERT_TRUE(degraded);
  EXPECT_EQ(json_string(*degraded, "level"), "warning");
  EXPECT_EQ(json_string(*degraded, "tags.deployment_id"), "dep-001");
  EXPECT_EQ(json_string(*degraded, "tags.model_name"), "churn");
  EXPECT_EQ(json_string(*degraded, "tags.model_version"), "7");
  EXPECT_EQ(json_string(*degraded, "tags.status"), "degraded");
  EXPECT_EQ(json_int(*degraded, "contexts.deployment.missing_window_count"), 2);

  const auto* unhealthy = by_message["deployment dep-002 is unhealthy: newest window ended 900s ago"];
  ASSERT_TRUE(unhealthy);
  EXPECT_EQ(json_string(*unhealthy, "level"), "error");

  const auto* report = by_message["checks failed for exports/churn.json: valid_json"];
  ASSERT_TRUE(report);
  EXPECT_EQ(json_string(*report, "level"), "error");
  const rapidjson::Value* tags = json_at(*report, "tags");
  ASSERT_TRUE(tags && tags->IsObject());
  EXPECT_TRUE(tags->HasMember("check.valid_json"));
  EXPECT_FALSE(tags->HasMember("check.file_exists"));

  const auto* error = by_message["feature store unreachable"];
  ASSERT_TRUE(error);
  EXPECT_EQ(json_string(*error, "level"), "error");
  EXPECT_EQ(json_string(*error, "tags.store"), "redis");
  EXPECT_EQ(json_int(*error, "contexts.context.attempts"), 3);

  for (const auto& [message, e] : by_message) {
    EXPECT_EQ(message.find("dep-003"), std::string::npos) << message;
  }
  stop_agent();
}

// The kinds of secret of plugins/common/secret_scrubber/tests: the text each travels in, and
// the part that must never leave the host.
struct Secret {
  std::string text;
  std::string secret;
};

const std::vector<Secret>& secrets() {
  static const std::vector<Secret> kSecrets = {
      {"Authorization: Bearer abcDEF123456789xyz", "abcDEF123456789xyz"},
      {"Basic dXNlcjpodW50ZXIyMDI2", "dXNlcjpodW50ZXIyMDI2"},
      {"https://alice:hunter2pw@db.internal/x", "hunter2pw"},
      {"postgres://svc:S3cr3tPg@10.0.0.5:5432/features", "S3cr3tPg"},
      {"https://0123456789abcdef0123456789abcdef@o1.ingest.sentry.io/42",
       "0123456789abcdef0123456789abcdef"},
      {"key AKIAIOSFODNN7EXAMPLE used", "AKIAIOSFODNN7EXAMPLE"},
      {"aws_secret_access_key=wJalrXUtnFEMIK7MDENGbPxRfiCYEXAMPLEKEY",
       "wJalrXUtnFEMIK7MDENGbPxRfiCYEXAMPLEKEY"},
      {"eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U",
       "dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U"},
      {"ghp_16C7e42F292c6912E7710c838347Ae178B4a", "ghp_16C7e42F292c6912E7710c838347Ae178B4a"},
      {"github_pat_11ABCDEFG0123456789_abcdefghijklmnop",
       "github_pat_11ABCDEFG0123456789_abcdefghijklmnop"},
      {"glpat-xxxxxxxxxxxxxxxxxxxx1234", "glpat-xxxxxxxxxxxxxxxxxxxx1234"},
      {"xoxb-123456789012-abcdefghijkl", "xoxb-123456789012-abcdefghijkl"},
      {"AIzaSyA-1234567890abcdefghijklmnopqrstu", "AIzaSyA-1234567890abcdefghijklmnopqrstu"},
      {"sk_live_4eC39HqLyjWDarjtT1zdp7dc", "sk_live_4eC39HqLyjWDarjtT1zdp7dc"},
      {"sk-proj-abcdefghijklmnopqrstuvwxyz012345", "abcdefghijklmnopqrstuvwxyz012345"},
      {"npm_abcdefghijklmnopqrstuvwxyz0123456789", "npm_abcdefghijklmnopqrstuvwxyz0123456789"},
      {"SG.abcdefghijklmnopqrstuv.abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG",
       "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG"},
      {"-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEAw5Zq\n-----END RSA PRIVATE KEY-----",
       "MIIEowIBAAKCAQEAw5Zq"},
      {"login failed password=hunter2!", "hunter2!"},
      {"token: tok_live_998877", "tok_live_998877"},
      {"api-key=ak_4455667788", "ak_4455667788"},
      {"client_secret='cs_0099887766'", "cs_0099887766"},
      {"cookie=sessid_abcdef123", "sessid_abcdef123"},
      {"session: s_7f8e9d0c", "s_7f8e9d0c"},
      {"DefaultEndpointsProtocol=https;AccountKey=Zm9vYmFyYmF6cXV4==;", "Zm9vYmFyYmF6cXV4=="},
  };
  return kSecrets;
}

// An error record and a deployment_health record carrying `s` in every field they have: the
// message, tag keys and values, nested context objects and arrays, keys, sensitive keys.
std::string records_with(size_t i, const Secret& s) {
  const std::string n = std::to_string(i);
  const std::string t = quote(s.text);
  return R"({"kind":"error","id":"secret-error-)" + n +
         R"(","body":{"level":"error","message":)" + quote("step " + n + " failed: " + s.text) +
         R"(,"tags":{"endpoint":)" + t + "," + t + R"(:"tag key"},)" +
         R"("context":{"request":{"headers":[)" + t + R"(,{"auth":)" + t + R"(}]},)" +
         R"("password":)" + quote(s.secret) + "," + t + R"(:"a key",)" +
         R"("db":{"dsn":)" + t + R"(,"api_key":)" + quote(s.secret) + "}}}}\n" +
         R"({"kind":"deployment_health","id":"secret-health-)" + n +
         R"(","body":{"deployment_id":"dep-secret-)" + n + R"(","model_name":)" + t +
         R"(,"model_version":)" + t + R"(,"status":"unhealthy","detail":)" + t +
         R"(,"bundle_id":)" + t + "}}\n";
}

TEST_F(SentryTest, NoSecretReachesSpotlightFromAnyField) {
  std::unique_ptr<SpotlightServer> spotlight = start_spotlight();
  if (!spotlight) return;
  ASSERT_GE(secrets().size(), 20u);
  std::string records;
  for (size_t i = 0; i < secrets().size(); ++i) records += records_with(i, secrets()[i]);
  start(records, spotlight->dsn(), "    throttle_max_events: 1000\n");
  ASSERT_TRUE(admin_);
  const double total = 2.0 * static_cast<double>(secrets().size());
  ASSERT_TRUE(wait_settled(total)) << agent_->describe();

  const std::vector<std::string> captured = spotlight->captured();
  EXPECT_EQ(static_cast<double>(captured.size()), events("sent"));
  EXPECT_GT(captured.size(), secrets().size());  // the scrubber masks; it rarely has to drop
  std::string all;
  for (const std::string& c : captured) all += c;
  for (const Secret& s : secrets()) {
    EXPECT_EQ(all.find(s.secret), std::string::npos) << "leaked: " << s.secret;
  }
  EXPECT_NE(all.find("[Filtered]"), std::string::npos);
  EXPECT_EQ(events_in(captured).size(), captured.size());
  stop_agent();
}

TEST_F(SentryTest, ARateLimitIsWaitedOutAndTheEventSentOnce) {
  using Clock = std::chrono::steady_clock;
  std::mutex mutex;
  std::vector<Clock::time_point> arrivals;
  HttpReceiver sentry([&](const ReceivedRequest&) {
    std::lock_guard<std::mutex> lock(mutex);
    arrivals.push_back(Clock::now());
    if (arrivals.size() > 1) return Reply{};
    return Reply{429,
                 {{"X-Sentry-Rate-Limits", "2:error;default:organization"}, {"Retry-After", "2"}},
                 ""};
  });
  sentry.start();
  start(error_record("rl-1", "model registry timed out"),
        "http://publickey@127.0.0.1:" + std::to_string(sentry.port()) + "/1",
        "    retry: { initial_backoff: 50ms, max_backoff: 200ms }\n");
  ASSERT_TRUE(admin_);
  ASSERT_TRUE(wait_for([&] { return events("sent") == 1; })) << agent_->describe();
  EXPECT_GE(events("rate_limited"), 1);

  const std::vector<ReceivedRequest> requests = sentry.requests();
  ASSERT_EQ(requests.size(), 2u);  // one refused, one accepted: no knocking in between
  for (const ReceivedRequest& r : requests) {
    EXPECT_EQ(r.method, "POST");
    EXPECT_EQ(r.target, "/api/1/envelope/");
    EXPECT_EQ(r.headers.at("content-type"), "application/x-sentry-envelope");
    EXPECT_NE(r.headers.at("x-sentry-auth").find("sentry_key=publickey"), std::string::npos);
  }
  const std::optional<Envelope> first = parse_envelope(requests[0].body);
  const std::optional<Envelope> second = parse_envelope(requests[1].body);
  ASSERT_TRUE(first && second);
  EXPECT_EQ(json_string(first->header, "event_id"), json_string(second->header, "event_id"));
  ASSERT_EQ(first->items.size(), 1u);
  ASSERT_EQ(second->items.size(), 1u);
  EXPECT_EQ(first->items[0].payload, second->items[0].payload);  // the same event, resent
  {
    // The second attempt came no earlier than the limit allowed (a lower bound the sink
    // guarantees, not a measure of speed).
    std::lock_guard<std::mutex> lock(mutex);
    ASSERT_EQ(arrivals.size(), 2u);
    EXPECT_GE(arrivals[1] - arrivals[0], std::chrono::milliseconds(1900));
  }
  stop_agent();
  EXPECT_EQ(sentry.request_count(), 2u);
}

// Sentry refuses one event for good (400): its record goes to the dead-letter output with the
// answer, and the events around it are still sent, once.
TEST_F(SentryTest, ARefusedEventIsDeadLetteredAndTheOthersStillSent) {
  HttpReceiver sentry([](const ReceivedRequest& r) {
    if (r.body.find("feature store schema drift") != std::string::npos) {
      return Reply{400, {}, R"({"detail":"invalid event: bad tag"})"};
    }
    return Reply{};
  });
  sentry.start();
  start(error_record("ok-1", "inference latency over budget") +
            error_record("bad-1", "feature store schema drift") +
            error_record("ok-2", "model registry timed out"),
        "http://publickey@127.0.0.1:" + std::to_string(sentry.port()) + "/1", "");
  ASSERT_TRUE(admin_);
  ASSERT_TRUE(wait_settled(3)) << agent_->describe();
  EXPECT_EQ(events("sent"), 2);
  EXPECT_EQ(events("rejected"), 1);
  EXPECT_EQ(sentry.request_count(), 3u);  // nothing resent
  std::vector<std::string> rejected;
  for (const auto& doc : parse_json_lines(read_file(data_dir() / "dead_letter.jsonl").value_or("")).docs) {
    EXPECT_EQ(json_string(doc, "reason"), "sentry_rejected");
    EXPECT_NE(json_string(doc, "error").value_or("").find("400"), std::string::npos);
    rejected.push_back(json_string(doc, "record.id").value_or("?"));
  }
  EXPECT_EQ(rejected, std::vector<std::string>{"bad-1"});
  stop_agent();
}

TEST_F(SentryTest, RepeatsOfOneFingerprintAreThrottled) {
  HttpReceiver sentry;
  sentry.start();
  std::string records;
  for (int i = 0; i < 50; ++i) {
    records += error_record("same-" + std::to_string(i), "GPU node lost during inference");
  }
  start(records, "http://publickey@127.0.0.1:" + std::to_string(sentry.port()) + "/1",
        "    throttle_window: 1h\n"
        "    throttle_max_events: 3\n");
  ASSERT_TRUE(admin_);
  ASSERT_TRUE(wait_settled(50)) << agent_->describe();
  EXPECT_EQ(events("sent"), 3);
  EXPECT_EQ(events("throttled"), 47);
  EXPECT_EQ(sentry.request_count(), 3u);
  stop_agent();
}

}  // namespace
}  // namespace mlobs::integration
