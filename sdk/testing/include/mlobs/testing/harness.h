// In-process test harness for plugins: loads a plugin .so through the agent's own loader and
// host API, drives one component at a time, and collects what it emits, dead-letters and
// records in metrics. GoogleTest-friendly; see PluginTest for a fixture.
#pragma once

#include <mlobs/plugin.h>

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace mlobs::testing {

// A dead-lettered input as the harness saw it.
struct DeadLetter {
  std::string component;
  std::string reason;
  std::string record_json;  // empty when the input never became a record
  std::vector<std::pair<std::string, std::string>> fields;
};

// The outcome of a call: OK or a status code plus the message the plugin set.
struct CallResult {
  mlobs_status code = MLOBS_OK;
  std::string message;
  bool ok() const { return code == MLOBS_OK; }
};

class Component;

class Harness {
 public:
  // data_dir holds the state store; an empty path makes a fresh temporary directory that is
  // removed with the harness.
  explicit Harness(std::string data_dir = {});
  ~Harness();
  Harness(const Harness&) = delete;
  Harness& operator=(const Harness&) = delete;

  // Loads a plugin file; false with *error on any load or ABI failure.
  bool load_plugin(const std::string& path, std::string* error);

  // Creates, configures (settings as YAML, the keys a pipeline config would hold) and starts a
  // component. Config errors (unknown key, bad type) come back as INVALID_ARGUMENT.
  std::unique_ptr<Component> start(std::string_view type, std::string_view settings_yaml,
                                   CallResult* result, std::string id = "under_test");

  // Replaces the host clock (Unix nanoseconds) for every component of this harness.
  void set_clock(std::function<int64_t()> now_unix_nanos);

  // Everything dead-lettered so far.
  std::vector<DeadLetter> dead_letters() const;

  // Prometheus text of every metric registered through this harness.
  std::string metrics_text() const;
  // A counter's or gauge's value; NaN when the series does not exist.
  double metric_value(std::string_view name,
                      std::vector<std::pair<std::string, std::string>> labels = {}) const;

  struct Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

// One started component. Records go in and come out as whole-record JSON
// ({"kind","id","source","observed_at","request_id","body"}).
class Component {
 public:
  ~Component();  // stops and destroys

  // Sources: one process() call with room for `capacity` records; returns what was appended.
  std::vector<std::string> pull(size_t capacity = 512, CallResult* result = nullptr);
  // Sources: the sequence number of the last pulled batch, and its acknowledgement.
  uint64_t last_sequence() const;
  void ack(uint64_t sequence);

  // Processors: the records that remain after process(), then any emit()ted records.
  // Sinks: the write result; the returned vector is empty. Inputs are whole-record JSON, or a
  // body object when `kind` is given.
  std::vector<std::string> process(const std::vector<std::string>& records_json,
                                   CallResult* result = nullptr, std::string_view kind = {});

  // Runs tick() with the harness clock; returns emitted records.
  std::vector<std::string> tick(CallResult* result = nullptr);
  // Runs flush(); returns emitted records.
  std::vector<std::string> flush(CallResult* result = nullptr);
  CallResult stop();

  struct Impl;
  explicit Component(std::unique_ptr<Impl> impl);

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace mlobs::testing
