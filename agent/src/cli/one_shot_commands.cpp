// The one-shot commands, for people used to a monitoring CLI. Each is a small pipeline of the
// shipped plugins (see one_shot_pipeline.h): the same adapters, checks and sinks as `run`.
#include "cli/commands.h"
#include "cli/one_shot_pipeline.h"
#include "cli/sample_artifacts.h"
#include "telemetry/metrics_registry.h"

#include <rapidjson/document.h>

#include <charconv>
#include <chrono>
#include <iostream>
#include <map>
#include <optional>
#include <set>

namespace mlobs::agent {
namespace {

using Flags = std::map<std::string, std::vector<std::string>>;

int usage_error(const std::string& why) {
  std::cerr << "mlobs-agent: " << why << " (`mlobs-agent help` lists every command)\n";
  return 2;
}

// --name VALUE or --name=VALUE, each name among `allowed`; repeated names collect every value.
bool parse_flags(const std::vector<std::string>& args, const std::set<std::string>& allowed,
                 Flags* out, std::string* error) {
  for (size_t i = 0; i < args.size(); ++i) {
    std::string name = args[i];
    std::string value;
    const size_t eq = name.find('=');
    if (name.rfind("--", 0) == 0 && eq != std::string::npos) {
      value = name.substr(eq + 1);
      name = name.substr(0, eq);
    } else if (i + 1 < args.size()) {
      value = args[++i];
    } else {
      *error = "option \"" + name + "\" needs a value";
      return false;
    }
    if (name.rfind("--", 0) != 0 || !allowed.count(name.substr(2))) {
      *error = "unknown option \"" + name + "\"";
      return false;
    }
    (*out)[name.substr(2)].push_back(value);
  }
  return true;
}

std::string flag(const Flags& flags, const std::string& name, std::string fallback = {}) {
  auto it = flags.find(name);
  return it == flags.end() ? fallback : it->second.back();
}

std::vector<std::string> flag_list(const Flags& flags, const std::string& name) {
  auto it = flags.find(name);
  return it == flags.end() ? std::vector<std::string>() : it->second;
}

std::optional<int64_t> integer(const std::string& text) {
  int64_t v = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return v;
}

// The adapter source reading the metadata file (or training bundle) at `path` once. The path is
// made absolute, so records and lineage name the file wherever the command ran.
std::string adapter_source(const std::string& path, bool training) {
  std::error_code ec;
  const std::filesystem::path absolute = std::filesystem::absolute(path, ec);
  return std::string("sources:\n  in: { type: ") +
         (training ? "training_adapter" : "dataset_adapter") + ", paths: [" +
         yaml_quoted(ec ? path : absolute.lexically_normal().string()) + "] }\n";
}

// Prints the bodies of the `kind` records among `lines`; how many it printed.
size_t print_bodies(const std::vector<std::string>& lines, std::string_view kind) {
  size_t printed = 0;
  for (const std::string& line : lines) {
    if (!is_kind(line, kind)) continue;
    std::cout << body_of(line) << "\n";
    ++printed;
  }
  return printed;
}

bool all_passed(const std::string& check_report_line) {
  rapidjson::Document doc;
  doc.Parse(check_report_line.c_str(), check_report_line.size());
  if (!doc.IsObject() || !doc.HasMember("body") || !doc["body"].IsObject()) return false;
  auto it = doc["body"].FindMember("all_passed");
  return it != doc["body"].MemberEnd() && it->value.IsBool() && it->value.GetBool();
}

// Runs a pipeline once; false (after saying why on stderr) when it did not run.
bool run_once(OneShotPipeline& pipeline) {
  RunOptions options;
  options.once = true;
  if (pipeline.run(options) == 0) return true;
  std::cerr << "mlobs-agent: the pipeline did not run (see the log above)\n";
  return false;
}

int emit_lineage(const std::vector<std::string>& args) {
  if (args.empty() || (args[0] != "dataset-build" && args[0] != "training-run")) {
    return usage_error("emit-lineage needs dataset-build or training-run");
  }
  Flags flags;
  std::string error;
  if (!parse_flags({args.begin() + 1, args.end()}, {"metadata-path", "lineage-dir", "namespace"},
                   &flags, &error)) {
    return usage_error(error);
  }
  const std::string metadata = flag(flags, "metadata-path");
  if (metadata.empty()) return usage_error("emit-lineage needs --metadata-path F");
  ScratchDir scratch;
  if (!scratch.ok()) return usage_error("cannot make a scratch directory");
  const std::string ns = yaml_quoted(flag(flags, "namespace", "mlobs"));
  std::string components = adapter_source(metadata, args[0] == "training-run") +
                           "sinks:\n"
                           "  lineage: { type: lineage_file, inputs: [in], dir: " +
                           yaml_quoted((scratch / "lineage").string()) + ", namespace: " + ns +
                           " }\n"
                           "  out: { type: file, inputs: [in], path: " +
                           yaml_quoted((scratch / "out.jsonl").string()) + " }\n";
  if (const std::string kept = flag(flags, "lineage-dir"); !kept.empty()) {
    components += "  kept: { type: lineage_file, inputs: [in], dir: " + yaml_quoted(kept) +
                  ", namespace: " + ns + " }\n";
  }
  OneShotPipeline pipeline(scratch, components);
  if (!run_once(pipeline)) return 1;
  const std::vector<std::string> events = pipeline.lines_of("lineage");
  for (const std::string& event : events) std::cout << event << "\n";
  if (!events.empty()) return 0;
  print_bodies(pipeline.lines_of("out.jsonl"), "check_report");
  pipeline.report_dead_letters();
  return 1;
}

int compute_freshness(const std::vector<std::string>& args) {
  Flags flags;
  std::string error;
  if (!parse_flags(args, {"metadata-path", "threshold"}, &flags, &error)) {
    return usage_error(error);
  }
  const std::string metadata = flag(flags, "metadata-path");
  if (metadata.empty()) return usage_error("compute-freshness needs --metadata-path F");
  ScratchDir scratch;
  if (!scratch.ok()) return usage_error("cannot make a scratch directory");
  OneShotPipeline pipeline(
      scratch, adapter_source(metadata, false) +
                   "processors:\n"
                   "  freshness: { type: freshness, inputs: [in], threshold: " +
                   yaml_quoted(flag(flags, "threshold", "1800s")) +
                   " }\n"
                   "sinks:\n"
                   "  out: { type: file, inputs: [freshness], path: " +
                   yaml_quoted((scratch / "out.jsonl").string()) + " }\n");
  if (!run_once(pipeline)) return 1;
  const std::vector<std::string> lines = pipeline.lines_of("out.jsonl");
  // The freshness processor reports each dataset when it arrives and again when it flushes:
  // the last report per dataset is the answer.
  std::map<std::string, std::string> newest;
  for (const std::string& line : lines) {
    if (is_kind(line, "freshness")) newest[body_string(line, "dataset_name")] = line;
  }
  bool stale = false;
  for (const auto& [name, line] : newest) {
    std::cout << body_of(line) << "\n";
    stale |= body_string(line, "status") != "FRESH";
  }
  if (!newest.empty()) return stale ? 1 : 0;
  print_bodies(lines, "check_report");
  pipeline.report_dead_letters();
  return 1;
}

int run_checks(const std::vector<std::string>& args) {
  Flags flags;
  std::string error;
  if (!parse_flags(args, {"metadata-path", "kind"}, &flags, &error)) return usage_error(error);
  const std::string metadata = flag(flags, "metadata-path");
  if (metadata.empty()) return usage_error("run-checks needs --metadata-path F");
  std::error_code ec;
  const std::string kind =
      flag(flags, "kind", std::filesystem::is_directory(metadata, ec) ? "training" : "dataset");
  if (kind != "dataset" && kind != "training") {
    return usage_error("--kind is dataset or training, not \"" + kind + "\"");
  }
  ScratchDir scratch;
  if (!scratch.ok()) return usage_error("cannot make a scratch directory");
  OneShotPipeline pipeline(scratch, adapter_source(metadata, kind == "training") +
                                        "processors:\n"
                                        "  checks: { type: validation, inputs: [in] }\n"
                                        "sinks:\n"
                                        "  out: { type: file, inputs: [checks], path: " +
                                        yaml_quoted((scratch / "out.jsonl").string()) + " }\n");
  if (!run_once(pipeline)) return 1;
  bool passed = false;
  size_t reports = 0;
  for (const std::string& line : pipeline.lines_of("out.jsonl")) {
    if (!is_kind(line, "check_report")) continue;
    std::cout << body_of(line) << "\n";
    passed = (reports++ == 0 || passed) && all_passed(line);
  }
  if (!passed) pipeline.report_dead_letters();
  return reports > 0 && passed ? 0 : 1;
}

// The metrics pipeline serve-metrics and demo-metrics run: every adapter that has inputs, into
// the freshness and health processors, into the prometheus sink.
std::string metrics_components(const std::vector<std::string>& dataset_globs,
                               const std::vector<std::string>& training_globs,
                               const std::string& serving_root) {
  auto list = [](const std::vector<std::string>& items) {
    std::string out;
    for (const std::string& item : items) out += (out.empty() ? "" : ", ") + yaml_quoted(item);
    return "[" + out + "]";
  };
  std::string sources;
  std::string processors;
  std::vector<std::string> metric_inputs;
  if (!dataset_globs.empty()) {
    sources += "  datasets: { type: dataset_adapter, paths: " + list(dataset_globs) + " }\n";
    processors += "  freshness: { type: freshness, inputs: [datasets] }\n";
    // The processors pass their input on as well: take only their own records from them.
    metric_inputs.insert(metric_inputs.end(),
                         {"datasets", "{ id: freshness, kinds: [freshness] }"});
  }
  if (!training_globs.empty()) {
    sources += "  training: { type: training_adapter, paths: " + list(training_globs) + " }\n";
    metric_inputs.push_back("training");
  }
  if (!serving_root.empty()) {
    sources += "  serving: { type: serving_ingest, root: " + yaml_quoted(serving_root) + " }\n";
    processors += "  health: { type: serving_health, inputs: [serving] }\n";
    metric_inputs.insert(metric_inputs.end(),
                         {"serving", "{ id: health, kinds: [deployment_health] }"});
  }
  if (sources.empty()) return {};
  std::string inputs;
  for (const std::string& id : metric_inputs) inputs += (inputs.empty() ? "" : ", ") + id;
  return "sources:\n" + sources + (processors.empty() ? "" : "processors:\n" + processors) +
         "sinks:\n  metrics: { type: prometheus, inputs: [" + inputs + "] }\n";
}

// Runs the metrics pipeline until SIGINT/SIGTERM, saying where /metrics is once it listens.
int serve(const ScratchDir& scratch, const std::string& components, const std::string& port) {
  const std::optional<int64_t> number = integer(port);
  if (!number || *number < 0 || *number > 65535) {
    return usage_error("--port is a port number (0: any free one), not \"" + port + "\"");
  }
  OneShotPipeline pipeline(scratch, components, "127.0.0.1:" + port);
  RunOptions options;
  options.on_listening = [](int bound) {
    const std::string base = "http://127.0.0.1:" + std::to_string(bound);
    std::cout << R"({"metrics_url":")" << base << R"(/metrics","ready_url":")" << base
              << R"(/v1/health/ready"})" << std::endl;
  };
  return pipeline.run(options);
}

int serve_metrics(const std::vector<std::string>& args) {
  Flags flags;
  std::string error;
  if (!parse_flags(args, {"port", "metadata-path", "training-path", "serving-root"}, &flags,
                   &error)) {
    return usage_error(error);
  }
  const std::string port = flag(flags, "port");
  if (port.empty()) return usage_error("serve-metrics needs --port P");
  const std::string components =
      metrics_components(flag_list(flags, "metadata-path"), flag_list(flags, "training-path"),
                         flag(flags, "serving-root"));
  if (components.empty()) {
    return usage_error(
        "serve-metrics needs something to serve: --metadata-path, --training-path or "
        "--serving-root");
  }
  ScratchDir scratch;
  if (!scratch.ok()) return usage_error("cannot make a scratch directory");
  return serve(scratch, components, port);
}

int64_t now_unix_nanos() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

int demo_metrics(const std::vector<std::string>& args) {
  Flags flags;
  std::string error;
  if (!parse_flags(args, {"port"}, &flags, &error)) return usage_error(error);
  const std::string port = flag(flags, "port");
  if (port.empty()) return usage_error("demo-metrics needs --port P");
  ScratchDir scratch;
  if (!scratch.ok()) return usage_error("cannot make a scratch directory");
  // Sample artifacts as the upstream stages leave them, a little in the past.
  const int64_t now = now_unix_nanos();
  std::error_code ec;
  std::filesystem::create_directories(scratch / "datasets", ec);
  std::filesystem::create_directories(scratch / "runs", ec);
  const std::string version =
      write_dataset_metadata(scratch / "datasets" / "churn_features.json", "churn_features", 600, now);
  ServingSample serving;
  serving.windows = 5;
  serving.predictions_per_window = 120;
  if (version.empty() ||
      !write_dataset_metadata(scratch / "datasets" / "orders.json", "orders", 7200, now).size() ||
      !write_training_metadata(scratch / "runs" / "churn_model.json", "churn_features", version,
                               "churn_model", 300, now) ||
      write_serving_windows(scratch / "serving", serving, now).empty()) {
    std::cerr << "mlobs-agent: cannot write the sample artifacts under " << scratch.path() << "\n";
    return 1;
  }
  return serve(scratch,
               metrics_components({(scratch / "datasets" / "*.json").string()},
                                  {(scratch / "runs" / "*.json").string()},
                                  (scratch / "serving").string()),
               port);
}

int simulate_prediction(const std::vector<std::string>& args) {
  Flags flags;
  std::string error;
  if (!parse_flags(args, {"count", "model-name", "deployment-id"}, &flags, &error)) {
    return usage_error(error);
  }
  const std::optional<int64_t> count = integer(flag(flags, "count"));
  if (!count || *count <= 0) return usage_error("simulate-prediction needs --count N (N > 0)");
  ServingSample sample;
  sample.model_name = flag(flags, "model-name");
  if (sample.model_name.empty()) return usage_error("simulate-prediction needs --model-name M");
  sample.deployment_id = flag(flags, "deployment-id", sample.deployment_id);
  for (const std::string* name : {&sample.model_name, &sample.deployment_id}) {
    for (const char c : *name) {
      if (c == '"' || c == '\\' || static_cast<unsigned char>(c) < 0x20) {
        return usage_error("names are plain text: no quotes, backslashes or control characters");
      }
    }
  }
  sample.windows = *count;  // one prediction per one-minute window, ending now

  ScratchDir scratch;
  if (!scratch.ok()) return usage_error("cannot make a scratch directory");
  if (write_serving_windows(scratch / "serving", sample, now_unix_nanos()).empty()) {
    std::cerr << "mlobs-agent: cannot write the simulated windows under " << scratch.path()
              << "\n";
    return 1;
  }
  OneShotPipeline pipeline(scratch, "sources:\n  serving: { type: serving_ingest, root: " +
                                        yaml_quoted((scratch / "serving").string()) +
                                        " }\n"
                                        "sinks:\n  metrics: { type: prometheus, inputs: [serving] }\n");
  double counted = 0;
  RunOptions options;
  options.once = true;
  options.on_stopped = [&](const MetricsRegistry& metrics, uint64_t) {
    const std::pair<std::string, std::string> labels[] = {{"deployment_id", sample.deployment_id},
                                                          {"model_name", sample.model_name},
                                                          {"model_version", sample.model_version}};
    counted = metrics.value("ml_prediction_total", labels);
  };
  if (pipeline.run(options) != 0) return 1;
  std::cout << R"({"deployment_id":")" << sample.deployment_id << R"(","model_name":")"
            << sample.model_name << R"(","model_version":")" << sample.model_version
            << R"(","predictions":)" << *count << R"(,"ml_prediction_total":)" << counted << "}\n";
  if (counted == static_cast<double>(*count)) return 0;
  pipeline.report_dead_letters();
  return 1;
}

}  // namespace

bool is_one_shot_command(const std::string& command) {
  return command == "emit-lineage" || command == "compute-freshness" || command == "run-checks" ||
         command == "serve-metrics" || command == "demo-metrics" ||
         command == "simulate-prediction";
}

int one_shot_command(const std::string& command, const std::vector<std::string>& args) {
  if (command == "emit-lineage") return emit_lineage(args);
  if (command == "compute-freshness") return compute_freshness(args);
  if (command == "run-checks") return run_checks(args);
  if (command == "serve-metrics") return serve_metrics(args);
  if (command == "demo-metrics") return demo_metrics(args);
  if (command == "simulate-prediction") return simulate_prediction(args);
  return usage_error("unknown command \"" + command + "\"");
}

}  // namespace mlobs::agent
