// The serving_window contract v1 (DESIGN.md section 3): its fields and the rules a window
// must satisfy before it becomes a record.
#pragma once

#include "mlobs/rfc3339/rfc3339.h"

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace mlobs::serving_ingest {

using rfc3339::Timestamp;

// Stable reason labels: they are the `reason` label of mlobs_records_rejected_total.
inline constexpr std::string_view kInvalidJson = "invalid_json";
inline constexpr std::string_view kMissingField = "missing_field";
inline constexpr std::string_view kWrongType = "wrong_type";
inline constexpr std::string_view kNegativeCount = "negative_count";
inline constexpr std::string_view kNegativeLatency = "negative_latency";
inline constexpr std::string_view kWindowOrder = "window_order";
inline constexpr std::string_view kLatencyOrder = "latency_order";
inline constexpr std::string_view kBadTimestamp = "bad_timestamp";

enum class FieldType {
  kSchemaVersion,  // a string or an integer
  kString,
  kTimestamp,  // an RFC 3339 string
  kCount,      // an integer >= 0
  kLatency,    // a number >= 0
};

inline constexpr size_t kCountFields = 20;

// The values of one window, trivially copyable so that forgetting a line is one assignment.
struct ServingWindowValues {
  // Views of the line's record (read from its members) or of the window's text_storage
  // (decoded by a text parse): valid while the line's record lives and until the next clear().
  std::string_view schema_version;
  std::string_view window_start;
  std::string_view window_end;
  std::string_view heartbeat_emitted_at;
  std::string_view service_name;
  std::string_view service_version;
  std::string_view environment;
  std::string_view deployment_id;
  std::string_view endpoint_name;
  std::string_view model_name;
  std::string_view model_version;
  std::string_view bundle_id;
  std::string_view input_dataset_name;
  std::string_view input_dataset_version;

  int64_t request_count = 0;
  int64_t success_count = 0;
  int64_t failure_count = 0;
  int64_t rejected_count = 0;
  int64_t timeout_count = 0;
  int64_t validation_error_count = 0;
  int64_t feature_lookup_error_count = 0;
  int64_t model_load_error_count = 0;
  int64_t inference_runtime_error_count = 0;
  int64_t dependency_error_count = 0;
  int64_t internal_error_count = 0;
  int64_t input_schema_failure_count = 0;
  int64_t missing_required_field_count = 0;
  int64_t invalid_type_count = 0;
  int64_t domain_violation_count = 0;
  int64_t prediction_count = 0;
  int64_t prediction_null_count = 0;
  int64_t prediction_non_finite_count = 0;
  int64_t prediction_out_of_range_count = 0;
  int64_t fallback_prediction_count = 0;

  double latency_p50_ms = 0;
  double latency_p95_ms = 0;
  double latency_p99_ms = 0;

  // Filled by validate(): the parsed window bounds.
  Timestamp start;
  Timestamp end;

  // Bit i set: field kFields[i] was present (and not null).
  uint64_t present = 0;
  // Set by the parser: the first contract field whose JSON type was wrong, else -1.
  int wrong_type_field = -1;
};

struct ServingWindow : ServingWindowValues {
  ServingWindow() = default;
  ServingWindow(const ServingWindow&) = delete;  // the text fields may view its own storage
  ServingWindow& operator=(const ServingWindow&) = delete;

  // Strings a text parse decoded. The parser reserves the line's length first, and no decoded
  // string is longer than its text, so it never moves while the views point into it.
  std::string text_storage;
  // An integer schema_version, as text.
  char schema_version_digits[24] = {};

  // Forgets the previous line, keeping text_storage's capacity (the parser reuses one window).
  void clear();
};

struct FieldSpec {
  std::string_view name;
  FieldType type;
  bool required;
  std::string_view ServingWindow::*text;  // kSchemaVersion, kString, kTimestamp
  int64_t ServingWindow::*count;     // kCount
  double ServingWindow::*number;     // kLatency
};

// Every contract field. Fewer than 64, so presence fits a bit mask.
extern const std::array<FieldSpec, 37> kFields;

// Index into kFields, or -1 for a field the contract does not name (kept, not checked).
int field_index(std::string_view name);

// The names of kFields, in order: a name set made of them gives each member its field index.
std::vector<std::string_view> field_names();

struct Violation {
  std::string_view reason;  // one of the labels above
  std::string detail;       // for humans: names the field
};

// Applies the contract rules to a parsed window, in a fixed order (wrong_type, missing_field,
// negative_count, negative_latency, bad_timestamp, window_order, latency_order) so one line
// always gets the same reason. Fills `w->start` and `w->end`. False with `*v` set on failure.
bool validate(ServingWindow* w, Violation* v);

}  // namespace mlobs::serving_ingest
