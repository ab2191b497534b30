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
#include <string_view>
#include <utility>
#include <vector>

namespace mlobs::serving_health {

// The text fields view the record read last: valid while it lives.
struct ServingWindowFields {
  std::string_view deployment_id;
  std::string_view endpoint_name;
  std::string_view window_start;
  std::string_view window_end;
  std::string_view model_name;
  std::string_view model_version;
  std::string_view bundle_id;
  std::string_view input_dataset_name;
  std::string_view input_dataset_version;
  int64_t request_count = 0;
  // failure_count + timeout_count + rejected_count + every body field named *_error_count.
  int64_t error_count = 0;
  std::optional<double> latency_p95_ms;
  std::optional<double> latency_p99_ms;
};

// Reads serving_window bodies into one ServingWindowFields. The members come with their index
// in a name set of the fields read (ABI 1.2), so only names outside it are looked at, for the
// *_error_count suffix.
class ServingWindowReader {
 public:
  ServingWindowReader();
  const ServingWindowFields& read(const RecordRef& rec);

 private:
  void take(const mlobs_member& m);
  void take_error_count(std::string_view name, const mlobs_member& m);

  NameSet names_;
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
