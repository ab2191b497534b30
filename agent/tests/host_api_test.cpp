// The host API table as a plugin sees it: records, batches, metrics and state through the C
// functions, with their status codes.
#include "host/component_context.h"
#include "host/host_api.h"
#include "pipeline/batch.h"
#include "pipeline/dead_letter.h"
#include "storage/state_store.h"
#include "telemetry/logger.h"
#include "telemetry/metrics_registry.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <string>

namespace mlobs::agent {
namespace {

mlobs_str s(std::string_view v) { return {v.data(), v.size()}; }
std::string_view v(mlobs_str x) { return {x.data, x.size}; }
void append(void* user, const char* data, size_t size) {
  static_cast<std::string*>(user)->append(data, size);
}

class HostApi : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / ("mlobs-host-api-" + std::to_string(::getpid()));
    state_ = std::make_unique<StateStore>(dir_);
    dead_letter_ = std::make_unique<DeadLetterOutput>("", &metrics_, [] { return int64_t{0}; });
    services_.logger = &logger_;
    services_.metrics = &metrics_;
    services_.state = state_.get();
    services_.dead_letter = dead_letter_.get();
    services_.clock = [] { return int64_t{1775556000000000000}; };
    ctx_.component_id = "comp";
    ctx_.services = &services_;
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  const mlobs_host_api* api = host_api_table(MLOBS_ABI_VERSION_MINOR);
  std::filesystem::path dir_;
  Logger logger_{Logger::Options{LogLevel::kError}, [](std::string_view) {}};
  MetricsRegistry metrics_;
  std::unique_ptr<StateStore> state_;
  std::unique_ptr<DeadLetterOutput> dead_letter_;
  HostServices services_;
  mlobs_host_ctx ctx_;
};

TEST_F(HostApi, TableIsServedForEveryMinorUpToTheHostsAndNotBeyond) {
  ASSERT_NE(api, nullptr);
  EXPECT_EQ(api->struct_size, sizeof(mlobs_host_api));
  EXPECT_EQ(host_api_table(0), api);
  EXPECT_EQ(host_api_table(MLOBS_ABI_VERSION_MINOR + 1), nullptr);
}

TEST_F(HostApi, CreatedRecordsCarryTheEnvelope) {
  mlobs_record* r = api->record_create(&ctx_, s("app_event"));
  mlobs_str out{};
  ASSERT_EQ(api->get_string(r, s("kind"), &out), MLOBS_OK);
  EXPECT_EQ(v(out), "app_event");
  ASSERT_EQ(api->get_string(r, s("source"), &out), MLOBS_OK);
  EXPECT_EQ(v(out), "comp");
  ASSERT_EQ(api->get_string(r, s("observed_at"), &out), MLOBS_OK);
  EXPECT_EQ(v(out), "2026-04-07T10:00:00.000Z");
  ASSERT_EQ(api->get_string(r, s("request_id"), &out), MLOBS_OK);
  EXPECT_EQ(out.size, 32u);
  api->record_destroy(r);
}

// Records made during one process() call share the time the call began; outside a call each
// reads the clock.
TEST_F(HostApi, RecordsOfOneProcessCallShareItsStartAsObservedAt) {
  ctx_.process_started_unix_nanos = int64_t{1775556001234000000};
  mlobs_record* made = api->record_create(&ctx_, s("k"));
  mlobs_record* parsed = nullptr;
  ASSERT_EQ(api->record_from_json(&ctx_, s("k"), s(R"({"a":1})"), &parsed), MLOBS_OK);
  ctx_.process_started_unix_nanos = 0;
  mlobs_record* later = api->record_create(&ctx_, s("k"));
  mlobs_str out{};
  for (mlobs_record* r : {made, parsed}) {
    ASSERT_EQ(api->get_string(r, s("observed_at"), &out), MLOBS_OK);
    EXPECT_EQ(v(out), "2026-04-07T10:00:01.234Z");
  }
  ASSERT_EQ(api->get_string(later, s("observed_at"), &out), MLOBS_OK);
  EXPECT_EQ(v(out), "2026-04-07T10:00:00.000Z");
  for (mlobs_record* r : {made, parsed, later}) api->record_destroy(r);
}

TEST_F(HostApi, TypedSettersAndGettersWithTheirStatuses) {
  mlobs_record* r = api->record_create(&ctx_, s("k"));
  ASSERT_EQ(api->set_int(r, s("body.counts.requests"), 42), MLOBS_OK);
  ASSERT_EQ(api->set_double(r, s("body.p99"), 12.5), MLOBS_OK);
  ASSERT_EQ(api->set_string(r, s("body.name"), s("dep-1")), MLOBS_OK);
  ASSERT_EQ(api->set_bool(r, s("body.ok"), 1), MLOBS_OK);
  ASSERT_EQ(api->set_json(r, s("body.list"), s("[1,2,3]")), MLOBS_OK);

  int64_t i = 0;
  double d = 0;
  int32_t b = 0;
  mlobs_str str{};
  EXPECT_EQ(api->get_int(r, s("body.counts.requests"), &i), MLOBS_OK);
  EXPECT_EQ(i, 42);
  EXPECT_EQ(api->get_double(r, s("body.counts.requests"), &d), MLOBS_OK) << "ints read as doubles";
  EXPECT_EQ(api->get_int(r, s("body.p99"), &i), MLOBS_FAILED_PRECONDITION) << "12.5 is not integral";
  EXPECT_EQ(api->get_bool(r, s("body.ok"), &b), MLOBS_OK);
  EXPECT_EQ(b, 1);
  EXPECT_EQ(api->get_string(r, s("body.p99"), &str), MLOBS_FAILED_PRECONDITION);
  EXPECT_EQ(api->get_string(r, s("body.missing"), &str), MLOBS_NOT_FOUND);
  EXPECT_EQ(api->get_type(r, s("body.list")), MLOBS_TYPE_ARRAY);
  EXPECT_EQ(api->get_size(r, s("body.list")), 3u);
  EXPECT_EQ(api->get_type(r, s("body.nothing")), MLOBS_TYPE_ABSENT);
  EXPECT_EQ(api->set_int(r, s("body.name.x"), 1), MLOBS_FAILED_PRECONDITION);
  EXPECT_EQ(api->set_int(r, s("kind"), 1), MLOBS_FAILED_PRECONDITION) << "envelope fields are strings";
  EXPECT_EQ(api->set_json(r, s("body.x"), s("{bad")), MLOBS_INVALID_ARGUMENT);
  EXPECT_EQ(api->remove(r, s("body.ok")), MLOBS_OK);
  EXPECT_EQ(api->remove(r, s("body.ok")), MLOBS_NOT_FOUND);

  std::string json;
  ASSERT_EQ(api->to_json(r, s("body"), append, &json), MLOBS_OK);
  EXPECT_EQ(json, R"({"counts":{"requests":42},"p99":12.5,"name":"dep-1","list":[1,2,3]})");
  api->record_destroy(r);
}

TEST_F(HostApi, KeysOfABodyKeptAsTextAreListedWithoutBuildingIt) {
  mlobs_record* r = nullptr;
  ASSERT_EQ(api->record_from_json(&ctx_, s("k"), s(R"({"a":1,"b":{"c":2},"d":"x"})"), &r), MLOBS_OK);
  ASSERT_EQ(api->get_size(r, s("body")), 3u);
  mlobs_str key{};
  ASSERT_EQ(api->get_key(r, s("body"), 1, &key), MLOBS_OK);
  EXPECT_EQ(v(key), "b");
  EXPECT_EQ(api->get_key(r, s("body"), 3, &key), MLOBS_NOT_FOUND);
  EXPECT_TRUE(reinterpret_cast<Record*>(r)->body_is_raw());
  int64_t c = 0;
  ASSERT_EQ(api->get_int(r, s("body.b.c"), &c), MLOBS_OK);
  EXPECT_EQ(c, 2);
  EXPECT_EQ(api->get_size(r, s("body")), 3u) << "the same answer from the built body";
  api->record_destroy(r);
}

// "name:type:value" for each member, the same from a body kept as text and from a built one.
std::string members(const mlobs_host_api* api, mlobs_record* r, std::string_view path) {
  std::string out;
  auto each = [](void* user, const mlobs_member* m) -> int32_t {
    auto& text = *static_cast<std::string*>(user);
    text += std::string(v(m->name)) + ":" + std::to_string(m->type) + ":";
    if (m->type == MLOBS_TYPE_STRING) text += std::string(v(m->string_value));
    if (m->type == MLOBS_TYPE_INT || m->type == MLOBS_TYPE_BOOL) text += std::to_string(m->int_value);
    if (m->type == MLOBS_TYPE_DOUBLE) text += std::to_string(m->double_value);
    text += " ";
    return v(m->name) == "stop" ? 1 : 0;
  };
  const mlobs_status st = api->for_each_member(r, s(path), each, &out);
  return st == MLOBS_OK ? out : "status " + std::to_string(st);
}

TEST_F(HostApi, ForEachMemberReportsEveryMemberTypedInOneCall) {
  mlobs_record* r = nullptr;
  ASSERT_EQ(api->record_from_json(
                &ctx_, s("k"), s(R"({"i":-3,"d":2.5,"s":"a\"b","t":true,"n":null,"o":{"x":1},"a":[1],"stop":0,"after":1})"),
                &r),
            MLOBS_OK);
  const std::string expected =
      "i:3:-3 d:4:2.500000 s:5:a\"b t:2:1 n:1: o:7: a:6: stop:3:0 ";
  EXPECT_EQ(members(api, r, "body"), expected) << "from the text";
  EXPECT_TRUE(reinterpret_cast<Record*>(r)->body_is_raw());
  ASSERT_EQ(api->set_int(r, s("body.o.x"), 2), MLOBS_OK);
  EXPECT_EQ(members(api, r, "body"), expected) << "from the built body";
  EXPECT_EQ(members(api, r, "body.o"), "x:3:2 ");
  EXPECT_EQ(members(api, r, "body.i"), "status " + std::to_string(MLOBS_FAILED_PRECONDITION));
  EXPECT_EQ(members(api, r, "body.missing"), "status " + std::to_string(MLOBS_NOT_FOUND));
  api->record_destroy(r);
}

TEST_F(HostApi, ABatchSinksShareIsReadOnly) {
  mlobs_record* r = nullptr;
  ASSERT_EQ(api->record_from_json(&ctx_, s("k"), s(R"({"a":{"b":1}})"), &r), MLOBS_OK);
  mlobs_batch batch;
  batch.records.emplace_back(reinterpret_cast<Record*>(r));
  freeze(&batch);
  EXPECT_EQ(api->set_int(r, s("body.a.b"), 2), MLOBS_FAILED_PRECONDITION);
  EXPECT_EQ(api->set_string(r, s("id"), s("x")), MLOBS_FAILED_PRECONDITION);
  EXPECT_EQ(api->set_json(r, s("body.c"), s("{}")), MLOBS_FAILED_PRECONDITION);
  EXPECT_EQ(api->remove(r, s("body.a")), MLOBS_FAILED_PRECONDITION);
  EXPECT_EQ(api->batch_remove(&batch, 0), MLOBS_FAILED_PRECONDITION);
  mlobs_record* extra = api->record_create(&ctx_, s("k"));
  EXPECT_EQ(api->batch_append(&batch, extra), MLOBS_FAILED_PRECONDITION) << "and frees it";
  int64_t b = 0;
  ASSERT_EQ(api->get_int(r, s("body.a.b"), &b), MLOBS_OK) << "reading is fine";
  EXPECT_EQ(b, 1);
  ASSERT_EQ(batch.records.size(), 1u);
  mlobs_record* copy = api->record_clone(r);
  EXPECT_EQ(api->set_int(copy, s("body.a.b"), 2), MLOBS_OK) << "a copy is the caller's own";
  api->record_destroy(copy);
}

TEST_F(HostApi, BadJsonIsInvalidArgumentWithAMessage) {
  mlobs_record* r = nullptr;
  EXPECT_EQ(api->record_from_json(&ctx_, s("k"), s("{nope"), &r), MLOBS_INVALID_ARGUMENT);
  EXPECT_EQ(r, nullptr);
  EXPECT_NE(ctx_.take_error().find("invalid JSON"), std::string::npos);
}

TEST_F(HostApi, BatchesOwnAppendedRecordsAndSkipRemovedOnes) {
  Batch batch;
  batch.capacity = 8;
  batch.sequence = 5;
  auto* b = static_cast<mlobs_batch*>(&batch);
  EXPECT_EQ(api->batch_capacity(b), 8u);
  EXPECT_EQ(api->batch_sequence(b), 5u);
  for (int n = 0; n < 3; ++n) {
    mlobs_record* r = api->record_create(&ctx_, s("k"));
    api->set_int(r, s("body.n"), n);
    ASSERT_EQ(api->batch_append(b, r), MLOBS_OK);
  }
  EXPECT_EQ(api->batch_remove(b, 1), MLOBS_OK);
  EXPECT_EQ(api->batch_get(b, 1), nullptr);
  EXPECT_EQ(api->batch_get(b, 9), nullptr);
  compact(&batch);
  ASSERT_EQ(api->batch_size(b), 2u);
  int64_t n = 0;
  api->get_int(api->batch_get(b, 1), s("body.n"), &n);
  EXPECT_EQ(n, 2);
}

TEST_F(HostApi, MetricRegistrationIsIdempotentAndConflictsAreErrors) {
  const mlobs_str labels[] = {s("deployment_id")};
  mlobs_metric* a = nullptr;
  mlobs_metric* b = nullptr;
  ASSERT_EQ(api->metric_register(&ctx_, MLOBS_METRIC_COUNTER, s("ml_x_total"), s("help"), labels, 1,
                                 nullptr, 0, &a),
            MLOBS_OK);
  ASSERT_EQ(api->metric_register(&ctx_, MLOBS_METRIC_COUNTER, s("ml_x_total"), s("help"), labels, 1,
                                 nullptr, 0, &b),
            MLOBS_OK);
  EXPECT_EQ(a, b);
  mlobs_metric* c = nullptr;
  EXPECT_EQ(api->metric_register(&ctx_, MLOBS_METRIC_GAUGE, s("ml_x_total"), s("help"), labels, 1,
                                 nullptr, 0, &c),
            MLOBS_FAILED_PRECONDITION);
  EXPECT_FALSE(ctx_.take_error().empty());

  const mlobs_str values[] = {s("dep-1")};
  mlobs_series* series = nullptr;
  ASSERT_EQ(api->metric_series(a, values, 1, &series), MLOBS_OK);
  api->series_add(series, 3);
  EXPECT_EQ(api->metric_series(a, values, 0, &series), MLOBS_INVALID_ARGUMENT);
  EXPECT_DOUBLE_EQ(metrics_.value("ml_x_total", {{{"deployment_id", "dep-1"}}}), 3.0);
}

TEST_F(HostApi, StateIsScopedToTheComponent) {
  ASSERT_EQ(api->state_put(&ctx_, s("checkpoint"), s("offset=10")), MLOBS_OK);
  std::string got;
  ASSERT_EQ(api->state_get(&ctx_, s("checkpoint"), append, &got), MLOBS_OK);
  EXPECT_EQ(got, "offset=10");
  EXPECT_EQ(state_->get("comp", "checkpoint").value_or(""), "offset=10");
  EXPECT_EQ(api->state_delete(&ctx_, s("checkpoint")), MLOBS_OK);
  EXPECT_EQ(api->state_get(&ctx_, s("checkpoint"), append, &got), MLOBS_NOT_FOUND);
}

TEST_F(HostApi, DeadLetterCountsByComponentAndReason) {
  const mlobs_field f[] = {{s("file"), s("a.jsonl")}, {s("line"), s("3")}};
  api->dead_letter(&ctx_, nullptr, s("invalid_json"), f, 2);
  EXPECT_EQ(dead_letter_->count(), 1u);
  EXPECT_DOUBLE_EQ(
      metrics_.value("mlobs_records_rejected_total", {{{"component", "comp"}, {"reason", "invalid_json"}}}),
      1.0);
}

TEST_F(HostApi, DurationsParse) {
  int64_t ms = 0;
  EXPECT_EQ(api->parse_duration(s("5m"), &ms), MLOBS_OK);
  EXPECT_EQ(ms, 300000);
  EXPECT_EQ(api->parse_duration(s("soon"), &ms), MLOBS_INVALID_ARGUMENT);
}

}  // namespace
}  // namespace mlobs::agent
