#include "config/component_settings.h"
#include "config/config.h"
#include "config/pipeline_graph.h"
#include "config/suggest.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <map>
#include <variant>

namespace mlobs::agent {
namespace {

using ::testing::ElementsAre;

KeySchema key(std::string name, mlobs_config_type type, bool required = false,
              std::optional<std::string> default_value = std::nullopt) {
  KeySchema k;
  k.name = std::move(name);
  k.type = type;
  k.required = required;
  k.default_value = std::move(default_value);
  return k;
}

// A stand-in for the plugin catalog with a few types of each kind.
class FakeSchemas {
 public:
  FakeSchemas() {
    add(MLOBS_COMPONENT_SOURCE, "jsonl_file",
        {key("paths", MLOBS_CONFIG_LIST, true), key("start_at", MLOBS_CONFIG_STRING, false, "end"),
         key("max_line_size", MLOBS_CONFIG_SIZE, false, "1MiB")});
    add(MLOBS_COMPONENT_SOURCE, "serving_ingest",
        {key("root", MLOBS_CONFIG_STRING, true), key("dedup_horizon", MLOBS_CONFIG_DURATION)});
    add(MLOBS_COMPONENT_PROCESSOR, "add_tag", {key("tag", MLOBS_CONFIG_STRING, true)});
    add(MLOBS_COMPONENT_PROCESSOR, "freshness",
        {key("threshold", MLOBS_CONFIG_DURATION, false, "1800s"),
         key("interval", MLOBS_CONFIG_DURATION), key("ratio", MLOBS_CONFIG_DOUBLE),
         key("enabled", MLOBS_CONFIG_BOOL, false, "true"), key("max_records", MLOBS_CONFIG_INT)});
    add(MLOBS_COMPONENT_SINK, "file", {key("path", MLOBS_CONFIG_STRING, true)});
    add(MLOBS_COMPONENT_SINK, "console", {});
    add(MLOBS_COMPONENT_SINK, "prometheus",
        {key("push.url", MLOBS_CONFIG_STRING), key("push.job", MLOBS_CONFIG_STRING, false, "mlobs"),
         key("push.interval", MLOBS_CONFIG_DURATION, false, "15s"),
         key("labels", MLOBS_CONFIG_OBJECT)});
  }

  SchemaLookup lookup() const {
    return [this](std::string_view name) -> const ComponentSchema* {
      auto it = schemas_.find(std::string(name));
      return it == schemas_.end() ? nullptr : &it->second;
    };
  }

  std::vector<std::string> names() const {
    std::vector<std::string> out;
    for (const auto& [name, s] : schemas_) out.push_back(name);
    return out;
  }

 private:
  void add(mlobs_component_kind kind, std::string name, std::vector<KeySchema> keys) {
    ComponentSchema s;
    s.kind = kind;
    s.type_name = name;
    s.keys = std::move(keys);
    schemas_.emplace(std::move(name), std::move(s));
  }

  std::map<std::string, ComponentSchema> schemas_;
};

EnvLookup no_env() {
  return [](std::string_view) -> std::optional<std::string> { return std::nullopt; };
}

class PipelineValidatorTest : public ::testing::Test {
 protected:
  std::variant<PipelineConfig, Diagnostics> validate(const std::string& yaml,
                                                     bool with_known_types = true) {
    auto parsed = parse_config_text(yaml, "p.yaml", no_env());
    if (auto* d = std::get_if<Diagnostics>(&parsed)) {
      for (const auto& e : *d) ADD_FAILURE() << "parse error: " << e.format();
      return *d;
    }
    if (with_known_types) {
      return validate_pipeline(std::get<ParsedConfig>(parsed), schemas_.lookup(), schemas_.names());
    }
    return validate_pipeline(std::get<ParsedConfig>(parsed), schemas_.lookup());
  }

  Diagnostics errors_of(const std::string& yaml, bool with_known_types = true) {
    auto result = validate(yaml, with_known_types);
    if (auto* d = std::get_if<Diagnostics>(&result)) return *d;
    ADD_FAILURE() << "expected errors for:\n" << yaml;
    return {};
  }

  PipelineConfig config_of(const std::string& yaml) {
    auto result = validate(yaml);
    if (auto* d = std::get_if<Diagnostics>(&result)) {
      for (const auto& e : *d) ADD_FAILURE() << e.format();
      return {};
    }
    return std::get<PipelineConfig>(std::move(result));
  }

  FakeSchemas schemas_;
};

void expect_at(const Diagnostic& d, int line, int column) {
  EXPECT_EQ(d.where.file, "p.yaml");
  EXPECT_EQ(d.where.line, line) << d.format();
  EXPECT_EQ(d.where.column, column) << d.format();
}

const ComponentConfig* find(const PipelineConfig& cfg, const std::string& id) {
  for (const auto& c : cfg.components) {
    if (c.id == id) return &c;
  }
  return nullptr;
}

// A source and a sink to make the rest of a snippet a complete pipeline.
constexpr const char* kTail = "  zz_src: { type: jsonl_file, paths: x }\n";

TEST_F(PipelineValidatorTest, ValidConfig) {
  PipelineConfig cfg = config_of(
      "sources:\n"
      "  app_logs: { type: jsonl_file, paths: [\"logs/*.jsonl\", b] }\n"
      "  app_more: { type: jsonl_file, paths: one.jsonl, max_line_size: 4KiB }\n"
      "  serving: { type: serving_ingest, root: /srv, dedup_horizon: 1h30m }\n"
      "processors:\n"
      "  late: { type: add_tag, inputs: [tag], tag: late }\n"
      "  tag: { type: add_tag, inputs: [app_logs], tag: demo }\n"
      "  fresh:\n"
      "    type: freshness\n"
      "    inputs: [{ id: serving, kinds: [serving_window] }, { id: \"app_*\", kinds: x }]\n"
      "    interval: 30\n"
      "    ratio: 0.5\n"
      "    enabled: false\n"
      "    max_records: -3\n"
      "sinks:\n"
      "  out:\n"
      "    type: file\n"
      "    inputs: [\"app_*\", tag, app_logs]\n"
      "    path: out/records.jsonl\n"
      "    buffer: { type: disk, max_size: 256MiB }\n"
      "  metrics:\n"
      "    type: prometheus\n"
      "    inputs: [\"*\"]\n"
      "    push: { url: \"http://127.0.0.1:9091\", interval: 1m }\n"
      "    labels: { env: prod, tier: { a: 1 }, list: [x, y] }\n");
  EXPECT_EQ(cfg.path, "p.yaml");
  ASSERT_EQ(cfg.components.size(), 8u);
  std::vector<std::string> ids;
  for (const auto& c : cfg.components) ids.push_back(c.id);
  EXPECT_THAT(ids, ElementsAre("app_logs", "app_more", "serving", "late", "tag", "fresh", "out",
                               "metrics"));
  EXPECT_THAT(cfg.topological_order, ElementsAre("app_logs", "app_more", "serving", "tag", "late",
                                                 "fresh", "out", "metrics"));

  const ComponentConfig* app = find(cfg, "app_logs");
  EXPECT_EQ(app->kind, MLOBS_COMPONENT_SOURCE);
  EXPECT_EQ(app->type, "jsonl_file");
  EXPECT_EQ(app->where.line, 2);
  EXPECT_EQ(app->where.column, 3);
  EXPECT_TRUE(app->inputs.empty());
  EXPECT_EQ(app->settings_json,
            R"({"paths":["logs/*.jsonl","b"],"start_at":"end","max_line_size":1048576})");
  EXPECT_EQ(find(cfg, "app_more")->settings_json,
            R"({"paths":["one.jsonl"],"start_at":"end","max_line_size":4096})");
  EXPECT_EQ(find(cfg, "serving")->settings_json, R"({"root":"/srv","dedup_horizon":5400000})");

  const ComponentConfig* fresh = find(cfg, "fresh");
  EXPECT_EQ(fresh->settings_json,
            R"({"threshold":1800000,"interval":30000,"ratio":0.5,"enabled":false,)"
            R"("max_records":-3})");
  ASSERT_EQ(fresh->inputs.size(), 3u);
  EXPECT_EQ(fresh->inputs[0].from, "serving");
  EXPECT_THAT(fresh->inputs[0].kinds, ElementsAre("serving_window"));
  EXPECT_EQ(fresh->inputs[1].from, "app_logs");
  EXPECT_THAT(fresh->inputs[1].kinds, ElementsAre("x"));
  EXPECT_EQ(fresh->inputs[2].from, "app_more");

  const ComponentConfig* out = find(cfg, "out");
  ASSERT_EQ(out->inputs.size(), 3u);  // app_logs listed twice: one edge
  EXPECT_EQ(out->inputs[0].from, "app_logs");
  EXPECT_EQ(out->inputs[1].from, "app_more");
  EXPECT_EQ(out->inputs[2].from, "tag");
  for (const auto& e : out->inputs) EXPECT_TRUE(e.kinds.empty());
  EXPECT_EQ(out->settings_json, R"({"path":"out/records.jsonl"})");
  EXPECT_TRUE(out->delivery.disk_buffer);
  EXPECT_EQ(out->delivery.buffer_max_size, 256ll << 20);

  const ComponentConfig* metrics = find(cfg, "metrics");
  std::vector<std::string> from;
  for (const auto& e : metrics->inputs) from.push_back(e.from);
  EXPECT_THAT(from, ElementsAre("app_logs", "app_more", "serving", "late", "tag", "fresh"));
  EXPECT_EQ(metrics->settings_json,
            R"({"push":{"url":"http://127.0.0.1:9091","job":"mlobs","interval":60000},)"
            R"("labels":{"env":"prod","tier":{"a":"1"},"list":["x","y"]}})");
  EXPECT_FALSE(metrics->delivery.disk_buffer);
  EXPECT_EQ(metrics->delivery.buffer_max_size, 64ll << 20);
}

TEST_F(PipelineValidatorTest, KindFiltersMerge) {
  PipelineConfig cfg = config_of(
      "sources:\n"
      "  a: { type: jsonl_file, paths: x }\n"
      "sinks:\n"
      "  s: { type: console, inputs: [{id: a, kinds: [k1]}, {id: a, kinds: [k2, k1]}] }\n"
      "  t: { type: console, inputs: [{id: a, kinds: k1}, a] }\n");
  EXPECT_THAT(find(cfg, "s")->inputs[0].kinds, ElementsAre("k1", "k2"));
  EXPECT_TRUE(find(cfg, "t")->inputs[0].kinds.empty());
  EXPECT_EQ(find(cfg, "s")->settings_json, "{}");
}

TEST_F(PipelineValidatorTest, UnknownComponentType) {
  Diagnostics d = errors_of(
      "sources:\n"
      "  app: { type: jsonl_fil, paths: [a] }\n"
      "sinks:\n"
      "  out: { type: file, inputs: [app], path: o }\n");
  ASSERT_EQ(d.size(), 1u);
  expect_at(d[0], 2, 16);
  EXPECT_EQ(d[0].format(),
            "p.yaml:2:16: error: unknown source type \"jsonl_fil\" "
            "(hint: did you mean \"jsonl_file\"?)");
}

TEST_F(PipelineValidatorTest, UnknownComponentTypeWithoutKnownTypes) {
  Diagnostics d = errors_of(
      "sources:\n"
      "  app: { type: jsonl_fil, paths: [a] }\n"
      "sinks:\n"
      "  out: { type: file, inputs: [app], path: o }\n",
      /*with_known_types=*/false);
  ASSERT_EQ(d.size(), 1u);
  expect_at(d[0], 2, 16);
  EXPECT_EQ(d[0].hint, "no loaded plugin provides component type \"jsonl_fil\"");
}

TEST_F(PipelineValidatorTest, UnknownComponentTypeListsTheKind) {
  Diagnostics d = errors_of(std::string("sources:\n") + kTail +
                            "sinks:\n"
                            "  out: { type: kafka, inputs: [zz_src] }\n");
  ASSERT_EQ(d.size(), 1u);
  expect_at(d[0], 4, 16);
  EXPECT_EQ(d[0].hint,
            "no loaded plugin provides component type \"kafka\"; the sink types are console, "
            "file, prometheus");
}

TEST_F(PipelineValidatorTest, WrongKind) {
  Diagnostics d = errors_of(std::string("sources:\n") + kTail +
                            "  oops: { type: file, path: x }\n"
                            "sinks:\n"
                            "  out: { type: console, inputs: [zz_src] }\n");
  ASSERT_EQ(d.size(), 1u);
  expect_at(d[0], 3, 17);
  EXPECT_EQ(d[0].message, "\"file\" is a sink type, not a source type");
  EXPECT_EQ(d[0].hint, "declare \"oops\" under sinks");
}

TEST_F(PipelineValidatorTest, MissingType) {
  Diagnostics d = errors_of(std::string("sources:\n") + kTail +
                            "sinks:\n"
                            "  out: { inputs: [zz_src] }\n"
                            "  bad: file\n");
  ASSERT_EQ(d.size(), 2u);
  expect_at(d[0], 4, 3);
  EXPECT_EQ(d[0].message, "sink \"out\" has no type");
  expect_at(d[1], 5, 8);
  EXPECT_EQ(d[1].message, "sink \"bad\" must be a map with a type");
}

TEST_F(PipelineValidatorTest, UnknownKeyWithHint) {
  Diagnostics d = errors_of(
      "sources:\n"
      "  app:\n"
      "    type: jsonl_file\n"
      "    pahts: [a]\n"
      "    paths: [b]\n"
      "    color: red\n"
      "sinks:\n"
      "  out: { type: prometheus, input: [app], push: { ulr: x }, url: y }\n");
  ASSERT_EQ(d.size(), 6u);
  expect_at(d[0], 4, 5);
  EXPECT_EQ(d[0].message, "unknown key \"pahts\" in source \"app\"");
  EXPECT_EQ(d[0].hint, "did you mean \"paths\"?");
  expect_at(d[1], 6, 5);
  EXPECT_EQ(d[1].hint, "\"jsonl_file\" takes the keys paths, start_at, max_line_size");
  // The sink lacks inputs because of the typo: both are reported.
  expect_at(d[2], 8, 3);
  EXPECT_EQ(d[2].message, "sink \"out\" has no inputs");
  expect_at(d[3], 8, 28);
  EXPECT_EQ(d[3].hint, "did you mean \"inputs\"?");
  expect_at(d[4], 8, 50);
  EXPECT_EQ(d[4].message, "unknown key \"push.ulr\" in sink \"out\"");
  EXPECT_EQ(d[4].hint, "did you mean \"push.url\"?");
  expect_at(d[5], 8, 60);
  EXPECT_EQ(d[5].hint, "did you mean \"push.url\"?");
}

TEST_F(PipelineValidatorTest, NestedKeyMustBeAMap) {
  Diagnostics d = errors_of(std::string("sources:\n") + kTail +
                            "sinks:\n"
                            "  m: { type: prometheus, inputs: [zz_src], push: http://x }\n");
  ASSERT_EQ(d.size(), 1u);
  expect_at(d[0], 4, 50);
  EXPECT_EQ(d[0].message, "sinks.m.push must be a map, got \"http://x\"");
}

TEST_F(PipelineValidatorTest, MissingRequiredKey) {
  Diagnostics d = errors_of(
      "sources:\n"
      "  app: { type: jsonl_file }\n"
      "  srv: { type: serving_ingest, root: }\n"
      "sinks:\n"
      "  out: { type: file, inputs: [app, srv] }\n");
  ASSERT_EQ(d.size(), 3u);
  expect_at(d[0], 2, 3);
  EXPECT_EQ(d[0].message, "source \"app\" is missing required key \"paths\"");
  expect_at(d[1], 3, 3);
  EXPECT_EQ(d[1].message, "source \"srv\" is missing required key \"root\"");
  expect_at(d[2], 5, 3);
  EXPECT_EQ(d[2].message, "sink \"out\" is missing required key \"path\"");
}

TEST_F(PipelineValidatorTest, BadValueTypes) {
  Diagnostics d = errors_of(
      "sources:\n"
      "  app: { type: jsonl_file, paths: [a, [b]], max_line_size: huge }\n"
      "processors:\n"
      "  f:\n"
      "    type: freshness\n"
      "    inputs: [app]\n"
      "    max_records: many\n"
      "    threshold: 10 minutes\n"
      "    enabled: yes\n"
      "    ratio: half\n"
      "sinks:\n"
      "  out: { type: file, inputs: [f], path: [x], buffer: { type: ssd, max_size: 0 } }\n");
  ASSERT_EQ(d.size(), 9u);
  expect_at(d[0], 2, 39);
  EXPECT_EQ(d[0].message, "entries of sources.app.paths must be strings, got a list");
  expect_at(d[1], 2, 60);
  EXPECT_EQ(d[1].message, "sources.app.max_line_size must be a size, got \"huge\"");
  EXPECT_EQ(d[1].hint, "write a size such as 512, 64KiB, 64MiB, 1GiB or 10MB");
  expect_at(d[2], 7, 18);
  EXPECT_EQ(d[2].message, "processors.f.max_records must be an integer, got \"many\"");
  expect_at(d[3], 8, 16);
  EXPECT_EQ(d[3].message, "processors.f.threshold must be a duration, got \"10 minutes\"");
  EXPECT_EQ(d[3].hint, "write a duration such as 250ms, 30s, 5m or 1h30m");
  expect_at(d[4], 9, 14);
  EXPECT_EQ(d[4].message, "processors.f.enabled must be true or false, got \"yes\"");
  expect_at(d[5], 10, 12);
  EXPECT_EQ(d[5].message, "processors.f.ratio must be a number, got \"half\"");
  expect_at(d[6], 12, 41);
  EXPECT_EQ(d[6].message, "sinks.out.path must be a string, got a list");
  expect_at(d[7], 12, 62);
  EXPECT_EQ(d[7].message, "sinks.out.buffer.type must be memory or disk, got \"ssd\"");
  expect_at(d[8], 12, 77);
  EXPECT_EQ(d[8].message, "sinks.out.buffer.max_size must be a size above zero, got \"0\"");
}

TEST_F(PipelineValidatorTest, UnknownInputId) {
  Diagnostics d = errors_of(
      "sources:\n"
      "  app_logs: { type: jsonl_file, paths: x }\n"
      "sinks:\n"
      "  out: { type: file, path: o, inputs: [app_log, nothing_like_it] }\n");
  ASSERT_EQ(d.size(), 2u);
  expect_at(d[0], 4, 40);
  EXPECT_EQ(d[0].format(),
            "p.yaml:4:40: error: unknown input \"app_log\" of sink \"out\" "
            "(hint: did you mean \"app_logs\"?)");
  expect_at(d[1], 4, 49);
  EXPECT_EQ(d[1].hint, "inputs name a source or processor declared in this file");
}

TEST_F(PipelineValidatorTest, GlobMatchingNothing) {
  Diagnostics d = errors_of(
      "sources:\n"
      "  app_logs: { type: jsonl_file, paths: x }\n"
      "sinks:\n"
      "  out: { type: file, path: o, inputs: [app_logs, \"db_*\"] }\n");
  ASSERT_EQ(d.size(), 1u);
  expect_at(d[0], 4, 50);
  EXPECT_EQ(d[0].message, "input \"db_*\" matches no source or processor");
  EXPECT_EQ(d[0].hint, "they are app_logs");
}

TEST_F(PipelineValidatorTest, GlobNeverMatchesSinks) {
  Diagnostics d = errors_of(std::string("sources:\n") + kTail +
                            "sinks:\n"
                            "  out_a: { type: console, inputs: [zz_src] }\n"
                            "  out_b: { type: console, inputs: [\"out_*\"] }\n");
  ASSERT_EQ(d.size(), 1u);
  expect_at(d[0], 5, 36);
}

TEST_F(PipelineValidatorTest, SinkCannotBeAnInput) {
  Diagnostics d = errors_of(std::string("sources:\n") + kTail +
                            "sinks:\n"
                            "  a: { type: console, inputs: [zz_src] }\n"
                            "  b: { type: console, inputs: [a] }\n");
  ASSERT_EQ(d.size(), 1u);
  expect_at(d[0], 5, 32);
  EXPECT_EQ(d[0].message, "sink \"a\" cannot be an input");
}

TEST_F(PipelineValidatorTest, Cycle) {
  Diagnostics d = errors_of(std::string("sources:\n") + kTail +
                            "processors:\n"
                            "  a: { type: add_tag, tag: t, inputs: [zz_src, c] }\n"
                            "  b: { type: add_tag, tag: t, inputs: [a] }\n"
                            "  c: { type: add_tag, tag: t, inputs: [b] }\n"
                            "sinks:\n"
                            "  out: { type: console, inputs: [c] }\n");
  ASSERT_EQ(d.size(), 1u);
  expect_at(d[0], 4, 3);
  EXPECT_EQ(d[0].message, "cycle: a -> b -> c -> a");
}

TEST_F(PipelineValidatorTest, CycleStartsAtTheFirstDeclared) {
  Diagnostics d = errors_of(std::string("sources:\n") + kTail +
                            "processors:\n"
                            "  x: { type: add_tag, tag: t, inputs: [zz_src, y] }\n"
                            "  y: { type: add_tag, tag: t, inputs: [x] }\n"
                            "sinks:\n"
                            "  out: { type: console, inputs: [\"*\"] }\n");
  ASSERT_EQ(d.size(), 1u);
  expect_at(d[0], 4, 3);
  EXPECT_EQ(d[0].message, "cycle: x -> y -> x");
}

TEST_F(PipelineValidatorTest, SelfInputIsACycle) {
  Diagnostics d = errors_of(std::string("sources:\n") + kTail +
                            "processors:\n"
                            "  p: { type: add_tag, tag: t, inputs: [p] }\n"
                            "  q: { type: add_tag, tag: t, inputs: [\"*\"] }\n"
                            "sinks:\n"
                            "  out: { type: console, inputs: [q] }\n");
  // `q` reads everything but itself through its glob: no second cycle.
  ASSERT_EQ(d.size(), 1u);
  expect_at(d[0], 4, 3);
  EXPECT_EQ(d[0].message, "cycle: p -> p");
}

TEST_F(PipelineValidatorTest, SinkWithNoInputs) {
  Diagnostics d = errors_of(std::string("sources:\n") + kTail +
                            "processors:\n"
                            "  p: { type: add_tag, tag: t, inputs: [] }\n"
                            "sinks:\n"
                            "  out: { type: console }\n");
  ASSERT_EQ(d.size(), 2u);
  expect_at(d[0], 4, 3);
  EXPECT_EQ(d[0].message, "processor \"p\" has no inputs");
  expect_at(d[1], 6, 3);
  EXPECT_EQ(d[1].format(),
            "p.yaml:6:3: error: sink \"out\" has no inputs (hint: add inputs: [...] naming the "
            "sources or processors it reads from)");
}

TEST_F(PipelineValidatorTest, SourceWithInputs) {
  Diagnostics d = errors_of(std::string("sources:\n") + kTail +
                            "  b: { type: jsonl_file, paths: x, inputs: [zz_src] }\n"
                            "sinks:\n"
                            "  out: { type: console, inputs: [b] }\n");
  ASSERT_EQ(d.size(), 1u);
  expect_at(d[0], 3, 36);
  EXPECT_EQ(d[0].message, "a source takes no inputs");
}

TEST_F(PipelineValidatorTest, DuplicateIdAcrossSections) {
  Diagnostics d = errors_of(
      "sources:\n"
      "  app: { type: jsonl_file, paths: x }\n"
      "processors:\n"
      "  app: { type: add_tag, tag: t, inputs: [app] }\n"
      "sinks:\n"
      "  out: { type: console, inputs: [app] }\n");
  ASSERT_EQ(d.size(), 1u);
  expect_at(d[0], 4, 3);
  EXPECT_EQ(d[0].message, "duplicate component id \"app\"");
  EXPECT_EQ(d[0].hint,
            "it already names the source at line 2; ids are unique across sources, processors "
            "and sinks");
}

TEST_F(PipelineValidatorTest, InvalidId) {
  Diagnostics d = errors_of(std::string("sources:\n") + kTail +
                            "sinks:\n"
                            "  \"my sink\": { type: console, inputs: [zz_src] }\n");
  ASSERT_EQ(d.size(), 1u);
  expect_at(d[0], 4, 3);
  EXPECT_EQ(d[0].message, "invalid component id \"my sink\"");
}

TEST_F(PipelineValidatorTest, MalformedInputEntries) {
  Diagnostics d = errors_of(std::string("sources:\n") + kTail +
                            "sinks:\n"
                            "  out:\n"
                            "    type: console\n"
                            "    inputs:\n"
                            "      - [zz_src]\n"
                            "      - { kinds: [a] }\n"
                            "      - { id: zz_src, knids: [a] }\n"
                            "      - { id: zz_src, kinds: [] }\n");
  ASSERT_EQ(d.size(), 4u);
  expect_at(d[0], 7, 9);
  expect_at(d[1], 8, 9);
  EXPECT_EQ(d[1].message, "an input map needs an id");
  expect_at(d[2], 9, 23);
  EXPECT_EQ(d[2].hint, "did you mean \"kinds\"?");
  expect_at(d[3], 10, 30);
}

TEST_F(PipelineValidatorTest, NoSourcesOrSinks) {
  Diagnostics d = errors_of("agent: {}\nsinks: {}\n");
  ASSERT_EQ(d.size(), 2u);
  expect_at(d[0], 1, 1);
  EXPECT_EQ(d[0].message, "the config defines no sources");
  expect_at(d[1], 2, 1);
  EXPECT_EQ(d[1].message, "the config defines no sinks");
}

TEST_F(PipelineValidatorTest, InvalidPluginDefaultIsReported) {
  ComponentSchema bad;
  bad.kind = MLOBS_COMPONENT_SINK;
  bad.type_name = "bad_default";
  bad.keys = {key("every", MLOBS_CONFIG_DURATION, false, "often")};
  SchemaLookup lookup = [&](std::string_view name) -> const ComponentSchema* {
    return name == "bad_default" ? &bad : schemas_.lookup()(name);
  };
  auto parsed = parse_config_text(
      std::string("sources:\n") + kTail + "sinks:\n  s: { type: bad_default, inputs: [zz_src] }\n",
      "p.yaml", no_env());
  ASSERT_TRUE(std::holds_alternative<ParsedConfig>(parsed));
  auto result = validate_pipeline(std::get<ParsedConfig>(parsed), lookup);
  ASSERT_TRUE(std::holds_alternative<Diagnostics>(result));
  const Diagnostics& d = std::get<Diagnostics>(result);
  ASSERT_EQ(d.size(), 1u);
  expect_at(d[0], 4, 3);
}

TEST_F(PipelineValidatorTest, ManyErrorsAtOnce) {
  Diagnostics d = errors_of(
      "sources:\n"
      "  app: { type: jsonl_file, paths: x, extra: 1 }\n"
      "  web: { type: nope }\n"
      "processors:\n"
      "  loop: { type: add_tag, tag: t, inputs: [loop] }\n"
      "sinks:\n"
      "  out: { type: file, path: o, inputs: [ap, \"zz*\"] }\n"
      "  idle: { type: console }\n");
  ASSERT_EQ(d.size(), 6u);
  expect_at(d[0], 2, 38);  // unknown key
  expect_at(d[1], 3, 16);  // unknown type
  expect_at(d[2], 5, 3);   // cycle
  expect_at(d[3], 7, 40);  // unknown input
  expect_at(d[4], 7, 44);  // glob matching nothing
  expect_at(d[5], 8, 3);   // no inputs
}

TEST_F(PipelineValidatorTest, ThrowingSchemaLookupBecomesADiagnostic) {
  auto parsed = parse_config_text(std::string("sources:\n") + kTail, "p.yaml", no_env());
  ASSERT_TRUE(std::holds_alternative<ParsedConfig>(parsed));
  SchemaLookup throwing = [](std::string_view) -> const ComponentSchema* {
    throw std::runtime_error("boom");
  };
  auto result = validate_pipeline(std::get<ParsedConfig>(parsed), throwing);
  ASSERT_TRUE(std::holds_alternative<Diagnostics>(result));
  EXPECT_EQ(std::get<Diagnostics>(result)[0].message, "cannot validate config: boom");
}

TEST(ComponentSettingsFromYamlTest, TypesAndDefaults) {
  FakeSchemas schemas;
  const ComponentSchema* prometheus = schemas.lookup()("prometheus");
  std::string json;
  Diagnostics d =
      component_settings_from_yaml("push: { url: u }\nlabels: { a: b }\n", *prometheus, &json);
  EXPECT_TRUE(d.empty());
  EXPECT_EQ(json, R"({"push":{"url":"u","job":"mlobs","interval":15000},"labels":{"a":"b"}})");
  d = component_settings_from_yaml("", *prometheus, &json);
  EXPECT_TRUE(d.empty());
  EXPECT_EQ(json, R"({"push":{"job":"mlobs","interval":15000}})");
}

TEST(ComponentSettingsFromYamlTest, Errors) {
  FakeSchemas schemas;
  const ComponentSchema* file = schemas.lookup()("file");
  std::string json = "untouched";
  Diagnostics d = component_settings_from_yaml("pth: x\n", *file, &json);
  ASSERT_EQ(d.size(), 2u);
  EXPECT_EQ(d[0].format(),
            "settings:1:1: error: unknown key \"pth\" in sink \"file\" "
            "(hint: did you mean \"path\"?)");
  EXPECT_EQ(d[1].format(), "settings:1:1: error: sink \"file\" is missing required key \"path\"");
  EXPECT_EQ(json, "untouched");
  d = component_settings_from_yaml("[a", *file, &json);
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].where.file, "settings");
  d = component_settings_from_yaml("- a\n", *file, &json);
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].message, "settings must be a map, got a list");
}

TEST(SuggestTest, EditDistance) {
  using config_internal::edit_distance;
  EXPECT_EQ(edit_distance("paths", "paths"), 0u);
  EXPECT_EQ(edit_distance("pahts", "paths"), 1u);  // a swap is one edit
  EXPECT_EQ(edit_distance("Paths", "paths"), 0u);
  EXPECT_EQ(edit_distance("", "abc"), 3u);
  EXPECT_EQ(edit_distance("kitten", "sitting"), 3u);
}

TEST(SuggestTest, DidYouMean) {
  using config_internal::did_you_mean;
  const std::vector<std::string> names = {"paths", "path", "push.url", "inputs", "warn"};
  EXPECT_EQ(did_you_mean("pth", names), "did you mean \"path\"?");
  EXPECT_EQ(did_you_mean("pahts", names), "did you mean \"paths\" or \"path\"?");
  EXPECT_EQ(did_you_mean("input", names), "did you mean \"inputs\"?");
  EXPECT_EQ(did_you_mean("warning", names), "did you mean \"warn\"?");
  EXPECT_EQ(did_you_mean("zebra", names), "");
  EXPECT_EQ(did_you_mean("paths", names), "did you mean \"path\"?");
}

TEST(GlobTest, Match) {
  using config_internal::glob_match;
  EXPECT_TRUE(glob_match("*", "anything"));
  EXPECT_TRUE(glob_match("app_*", "app_logs"));
  EXPECT_TRUE(glob_match("app_*", "app_"));
  EXPECT_TRUE(glob_match("*_logs", "app_logs"));
  EXPECT_TRUE(glob_match("a*b*c", "a_b_b_c"));
  EXPECT_TRUE(glob_match("exact", "exact"));
  EXPECT_FALSE(glob_match("app_*", "ap"));
  EXPECT_FALSE(glob_match("a*b*c", "a_b_b_d"));
  EXPECT_FALSE(glob_match("*x", "abc"));
  EXPECT_FALSE(glob_match("", "a"));
}

TEST_F(PipelineValidatorTest, DeliveryKeysOfASink) {
  PipelineConfig cfg = config_of(
      "sources:\n"
      "  a: { type: jsonl_file, paths: x }\n"
      "sinks:\n"
      "  out:\n"
      "    type: file\n"
      "    inputs: [a]\n"
      "    path: o\n"
      "    buffer: { type: disk, max_size: 1GiB }\n"
      "    retry: { initial_backoff: 250ms, max_backoff: 2m }\n"
      "    http:\n"
      "      timeout: 3s\n"
      "      connect_timeout: 1s\n"
      "      compression: gzip\n"
      "      tls: { verify: false, ca_file: /etc/ssl/lab.pem }\n");
  const DeliverySettings& d = find(cfg, "out")->delivery;
  EXPECT_TRUE(d.disk_buffer);
  EXPECT_EQ(d.buffer_max_size, 1ll << 30);
  EXPECT_EQ(d.retry_initial_backoff_ms, 250);
  EXPECT_EQ(d.retry_max_backoff_ms, 120000);
  EXPECT_EQ(d.http.timeout_ms, 3000);
  EXPECT_EQ(d.http.connect_timeout_ms, 1000);
  EXPECT_TRUE(d.http.gzip);
  EXPECT_FALSE(d.http.tls_verify);
  EXPECT_EQ(d.http.tls_ca_file, "/etc/ssl/lab.pem");
  EXPECT_EQ(find(cfg, "out")->settings_json, R"({"path":"o"})");
}

TEST_F(PipelineValidatorTest, DeliveryKeyMistakes) {
  Diagnostics d = errors_of(
      "sources:\n"
      "  a: { type: jsonl_file, paths: x, retry: { max_backoff: 1s } }\n"
      "sinks:\n"
      "  out:\n"
      "    type: file\n"
      "    inputs: [a]\n"
      "    path: o\n"
      "    retry: { initial_backof: 1s, max_backoff: never }\n"
      "    http: { compression: brotli, tls: { verify: maybe } }\n");
  ASSERT_EQ(d.size(), 5u);
  expect_at(d[0], 2, 36);
  EXPECT_EQ(d[0].message, "only sinks have a retry");
  expect_at(d[1], 8, 14);
  EXPECT_EQ(d[1].message, "unknown key \"initial_backof\" in the retry of sink \"out\"");
  EXPECT_EQ(d[1].hint, "did you mean \"initial_backoff\"?");
  expect_at(d[2], 8, 47);
  EXPECT_EQ(d[2].message, "sinks.out.retry.max_backoff must be a duration above zero, got \"never\"");
  expect_at(d[3], 9, 26);
  EXPECT_EQ(d[3].message, "sinks.out.http.compression must be none or gzip, got \"brotli\"");
  expect_at(d[4], 9, 49);
  EXPECT_EQ(d[4].message, "sinks.out.http.tls.verify must be true or false, got \"maybe\"");
}

}  // namespace
}  // namespace mlobs::agent
