// A sink whose failures the test chooses, to drive the agent's failure paths from outside:
//
//   sinks:
//     out: { type: flaky, inputs: [src], path: out.jsonl, fail_starts: 2 }
//
// fail_starts / fail_writes fail the first N calls; start_fails_until fails every start() until
// a file exists; start_gate / write_gate block the call until a file exists. Files, because the
// test decides when the sink gets well, not a timer.
//
// Failures are counted in the host state store, not in the object: a restart destroys and
// recreates the component, and "fail the first N" must mean N in total, or a restart would
// start failing all over again and never recover.
#include <mlobs/plugin.hpp>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>
#include <thread>

namespace {

constexpr auto kGateLimit = std::chrono::seconds(60);

class FlakySink : public mlobs::Sink {
 public:
  mlobs::Status configure(const mlobs::Config& config) override {
    path_ = config.get_string("path");
    fail_starts_ = config.get_int("fail_starts", 0);
    fail_writes_ = config.get_int("fail_writes", 0);
    start_fails_until_ = config.get_string("start_fails_until");
    start_gate_ = config.get_string("start_gate");
    write_gate_ = config.get_string("write_gate");
    const std::string failure = config.get_string("failure", "internal");
    if (failure != "internal" && failure != "unavailable") {
      return mlobs::Status::InvalidArgument("failure must be internal or unavailable, got \"" +
                                            failure + "\"");
    }
    unavailable_ = failure == "unavailable";
    if (path_.empty()) return mlobs::Status::InvalidArgument("path must not be empty");
    return mlobs::Status::Ok();
  }

  mlobs::Status start() override {
    if (!start_gate_.empty() && !wait_for_gate(start_gate_)) {
      return mlobs::Status::Unavailable("start gate never opened: " + start_gate_);
    }
    if (auto failure = take_failure("start_failures", fail_starts_)) return *failure;
    std::error_code ec;
    if (!start_fails_until_.empty() && !std::filesystem::exists(start_fails_until_, ec)) {
      return mlobs::Status::Internal("injected start failure until " + start_fails_until_ +
                                     " exists");
    }
    out_.open(path_, std::ios::app | std::ios::binary);
    if (!out_) return mlobs::Status::Unavailable("cannot open " + path_);
    return mlobs::Status::Ok();
  }

  mlobs::Status write(mlobs::Batch& batch) override {
    if (!write_gate_.empty() && !wait_for_gate(write_gate_)) {
      return mlobs::Status::Unavailable("write gate never opened: " + write_gate_);
    }
    if (auto failure = take_failure("write_failures", fail_writes_)) return *failure;
    for (size_t i = 0; i < batch.size(); ++i) {
      const mlobs::RecordRef rec = batch.at(i);
      if (rec.handle()) out_ << rec.to_json() << '\n';
    }
    out_.flush();
    if (!out_) return mlobs::Status::Unavailable("cannot write " + path_);
    return mlobs::Status::Ok();
  }

  mlobs::Status stop() override {
    if (out_.is_open()) out_.close();
    return mlobs::Status::Ok();
  }

 private:
  // The failure to return while fewer than `limit` were returned under `key`, else nothing.
  std::optional<mlobs::Status> take_failure(const char* key, int64_t limit) const {
    if (limit <= 0) return std::nullopt;
    const int64_t so_far = std::stoll(host().state_get(key).value_or("0"));
    if (so_far >= limit) return std::nullopt;
    if (mlobs::Status s = host().state_put(key, std::to_string(so_far + 1)); !s.ok()) return s;
    const std::string why = std::string("injected ") + key + " " + std::to_string(so_far + 1) +
                            " of " + std::to_string(limit);
    return unavailable_ ? mlobs::Status::Unavailable(why) : mlobs::Status::Internal(why);
  }

  // Blocks until the test creates the gate file: the test, not a timer, decides when to go on.
  static bool wait_for_gate(const std::string& gate) {
    const auto deadline = std::chrono::steady_clock::now() + kGateLimit;
    std::error_code ec;
    while (!std::filesystem::exists(gate, ec)) {
      if (std::chrono::steady_clock::now() > deadline) return false;
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    return true;
  }

  std::string path_;
  int64_t fail_starts_ = 0;
  int64_t fail_writes_ = 0;
  bool unavailable_ = false;
  std::string start_fails_until_;
  std::string start_gate_;
  std::string write_gate_;
  std::ofstream out_;
};

}  // namespace

MLOBS_PLUGIN(
    "dev.mlobs.test.flaky_sink", "flaky_sink", "0.1.0", "Apache-2.0",
    mlobs::component<FlakySink>(
        "flaky", "Writes records as JSON lines, failing when and as often as the test says",
        {{"path", MLOBS_CONFIG_STRING, true, nullptr, "JSON-lines file of accepted records"},
         {"fail_starts", MLOBS_CONFIG_INT, false, "0", "fail the first N start() calls"},
         {"fail_writes", MLOBS_CONFIG_INT, false, "0", "fail the first N write() calls"},
         {"failure", MLOBS_CONFIG_STRING, false, "internal",
          "internal (restart the sink) or unavailable (retry the batch)"},
         {"start_fails_until", MLOBS_CONFIG_STRING, false, nullptr,
          "every start() fails until this file exists"},
         {"start_gate", MLOBS_CONFIG_STRING, false, nullptr,
          "start() waits until this file exists"},
         {"write_gate", MLOBS_CONFIG_STRING, false, nullptr,
          "write() waits until this file exists"}}))
