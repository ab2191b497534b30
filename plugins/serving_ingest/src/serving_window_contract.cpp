#include "serving_window_contract.h"

#include <cstdint>
#include <utility>

namespace mlobs::serving_ingest {
namespace {

using W = ServingWindow;

constexpr FieldSpec text(std::string_view name, FieldType type, bool required,
                         std::string_view W::*member) {
  return {name, type, required, member, nullptr, nullptr};
}
constexpr FieldSpec count(std::string_view name, int64_t W::*member) {
  return {name, FieldType::kCount, true, nullptr, member, nullptr};
}
constexpr FieldSpec latency(std::string_view name, double W::*member) {
  return {name, FieldType::kLatency, true, nullptr, nullptr, member};
}

constexpr int kHeartbeat = 3;  // index in kFields

bool negative_latency(double v) { return !(v >= 0); }  // NaN cannot come from JSON, but still

}  // namespace

// Optional fields describe where a window came from; a producer that does not know them
// (bundle_id, input_dataset_*, service_*) still produces a usable window.
const std::array<FieldSpec, 37> kFields = {{
    text("schema_version", FieldType::kSchemaVersion, true, &W::schema_version),
    text("window_start", FieldType::kTimestamp, true, &W::window_start),
    text("window_end", FieldType::kTimestamp, true, &W::window_end),
    text("heartbeat_emitted_at", FieldType::kTimestamp, false, &W::heartbeat_emitted_at),
    text("service_name", FieldType::kString, false, &W::service_name),
    text("service_version", FieldType::kString, false, &W::service_version),
    text("environment", FieldType::kString, false, &W::environment),
    text("deployment_id", FieldType::kString, true, &W::deployment_id),
    text("endpoint_name", FieldType::kString, true, &W::endpoint_name),
    text("model_name", FieldType::kString, true, &W::model_name),
    text("model_version", FieldType::kString, true, &W::model_version),
    text("bundle_id", FieldType::kString, false, &W::bundle_id),
    text("input_dataset_name", FieldType::kString, false, &W::input_dataset_name),
    text("input_dataset_version", FieldType::kString, false, &W::input_dataset_version),
    count("request_count", &W::request_count),
    count("success_count", &W::success_count),
    count("failure_count", &W::failure_count),
    count("rejected_count", &W::rejected_count),
    count("timeout_count", &W::timeout_count),
    count("validation_error_count", &W::validation_error_count),
    count("feature_lookup_error_count", &W::feature_lookup_error_count),
    count("model_load_error_count", &W::model_load_error_count),
    count("inference_runtime_error_count", &W::inference_runtime_error_count),
    count("dependency_error_count", &W::dependency_error_count),
    count("internal_error_count", &W::internal_error_count),
    count("input_schema_failure_count", &W::input_schema_failure_count),
    count("missing_required_field_count", &W::missing_required_field_count),
    count("invalid_type_count", &W::invalid_type_count),
    count("domain_violation_count", &W::domain_violation_count),
    count("prediction_count", &W::prediction_count),
    count("prediction_null_count", &W::prediction_null_count),
    count("prediction_non_finite_count", &W::prediction_non_finite_count),
    count("prediction_out_of_range_count", &W::prediction_out_of_range_count),
    count("fallback_prediction_count", &W::fallback_prediction_count),
    latency("latency_p50_ms", &W::latency_p50_ms),
    latency("latency_p95_ms", &W::latency_p95_ms),
    latency("latency_p99_ms", &W::latency_p99_ms),
}};

namespace {

// Every member name of every line is looked up here, so: a hash of the length and three bytes
// into an open-addressing table built once; names alike in all four only cost a probe.
constexpr size_t kSlots = 128;  // a power of two, over three times the field count

size_t slot_of(std::string_view name) {
  if (name.empty()) return 0;
  const auto byte = [&](size_t i) { return static_cast<size_t>(static_cast<unsigned char>(name[i])); };
  return (name.size() * 31 + byte(0) * 7 + byte(name.size() / 2) * 131 + byte(name.size() - 1)) &
         (kSlots - 1);
}

struct FieldTable {
  std::array<int8_t, kSlots> slots;  // index into kFields, -1 for empty
  FieldTable() {
    slots.fill(-1);
    for (size_t i = 0; i < kFields.size(); ++i) {
      size_t s = slot_of(kFields[i].name);
      while (slots[s] >= 0) s = (s + 1) & (kSlots - 1);
      slots[s] = static_cast<int8_t>(i);
    }
  }
};

}  // namespace

int field_index(std::string_view name) {
  static const FieldTable table;
  for (size_t s = slot_of(name); table.slots[s] >= 0; s = (s + 1) & (kSlots - 1)) {
    if (kFields[static_cast<size_t>(table.slots[s])].name == name) return table.slots[s];
  }
  return -1;
}

std::vector<std::string_view> field_names() {
  std::vector<std::string_view> names;
  for (const FieldSpec& f : kFields) names.push_back(f.name);
  return names;
}

void ServingWindow::clear() {
  static_cast<ServingWindowValues&>(*this) = ServingWindowValues();
  text_storage.clear();
}

bool validate(ServingWindow* w, Violation* v) {
  auto fail = [v](std::string_view reason, std::string detail) {
    v->reason = reason;
    v->detail = std::move(detail);
    return false;
  };
  if (w->wrong_type_field >= 0) {
    const FieldSpec& f = kFields[static_cast<size_t>(w->wrong_type_field)];
    const char* want = "a string";
    switch (f.type) {
      case FieldType::kSchemaVersion:
        want = "a string or an integer";
        break;
      case FieldType::kString:
        want = "a string";
        break;
      case FieldType::kTimestamp:
        want = "an RFC 3339 string";
        break;
      case FieldType::kCount:
        want = "an integer";
        break;
      case FieldType::kLatency:
        want = "a number";
        break;
    }
    return fail(kWrongType, std::string(f.name) + " must be " + want);
  }
  for (size_t i = 0; i < kFields.size(); ++i) {
    if (kFields[i].required && (w->present & (uint64_t{1} << i)) == 0) {
      return fail(kMissingField, std::string(kFields[i].name) + " is missing");
    }
  }
  for (const FieldSpec& f : kFields) {
    if (f.count && w->*f.count < 0) {
      return fail(kNegativeCount, std::string(f.name) + " is negative");
    }
    if (f.number && negative_latency(w->*f.number)) {
      return fail(kNegativeLatency, std::string(f.name) + " is negative");
    }
  }
  if (!rfc3339::parse(w->window_start, &w->start)) {
    return fail(kBadTimestamp, "window_start is not an RFC 3339 timestamp");
  }
  if (!rfc3339::parse(w->window_end, &w->end)) {
    return fail(kBadTimestamp, "window_end is not an RFC 3339 timestamp");
  }
  Timestamp heartbeat;
  if ((w->present & (uint64_t{1} << kHeartbeat)) != 0 &&
      !rfc3339::parse(w->heartbeat_emitted_at, &heartbeat)) {
    return fail(kBadTimestamp, "heartbeat_emitted_at is not an RFC 3339 timestamp");
  }
  if (!(w->start < w->end)) {
    return fail(kWindowOrder, "window_end must be after window_start");
  }
  if (w->latency_p50_ms > w->latency_p95_ms) {
    return fail(kLatencyOrder, "latency_p50_ms exceeds latency_p95_ms");
  }
  if (w->latency_p95_ms > w->latency_p99_ms) {
    return fail(kLatencyOrder, "latency_p95_ms exceeds latency_p99_ms");
  }
  return true;
}

}  // namespace mlobs::serving_ingest
