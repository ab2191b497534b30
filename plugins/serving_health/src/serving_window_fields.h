// Everything serving_health reads from a serving_window body, gathered in one for_each_member
// pass (one host call instead of ~40 getter calls), read by the getters' rules:
//   - the first member of a name wins, whatever its type (as a path lookup finds it);
//   - text only from a STRING ("" otherwise), as get_string(...).value_or("");
//   - counts like get_int (an INT, or a DOUBLE with an integral value; 0 otherwise), clamped
//     below at 0;
//   - latencies like get_double (INT or DOUBLE; none otherwise).
#pragma once

#include <cstdint>
#include <mlobs/plugin.hpp>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace mlobs::serving_health {

struct ServingWindowFields {
  std::string deployment_id;
  std::string endpoint_name;
  std::string window_start;
  std::string window_end;
  std::string model_name;
  std::string model_version;
  std::string bundle_id;
  std::string input_dataset_name;
  std::string input_dataset_version;
  int64_t request_count = 0;
  // failure_count + timeout_count + rejected_count + every body field named *_error_count.
  int64_t error_count = 0;
  std::optional<double> latency_p95_ms;
  std::optional<double> latency_p99_ms;
};

// Reads serving_window bodies into one ServingWindowFields, reusing its buffers from record to
// record (the host's string views last only for the callback, so the text is copied).
class ServingWindowReader {
 public:
  const ServingWindowFields& read(const RecordRef& rec);

 private:
  void take(const mlobs_member& m);
  void take_error_count(std::string_view name, const mlobs_member& m);

  ServingWindowFields fields_;
  uint32_t seen_ = 0;  // bit per named field: later members of the same name are ignored
  // The *_error_count names of the current record and their values: a repeated name counts
  // its first value again, as a getter per name did.
  std::string error_names_;
  std::vector<std::pair<size_t, int64_t>> error_ends_;  // (end offset in error_names_, value)
  // *_error_count names with a dot are paths into nested values: read with a getter afterwards.
  std::vector<std::string> dotted_error_names_;
  std::string path_buffer_;
};

}  // namespace mlobs::serving_health
