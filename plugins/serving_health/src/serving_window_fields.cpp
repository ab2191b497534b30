#include "serving_window_fields.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <string_view>

namespace mlobs::serving_health {
namespace {

constexpr std::string_view kErrorCountSuffix = "_error_count";

enum Field : uint32_t {
  kDeploymentId,
  kEndpointName,
  kWindowStart,
  kWindowEnd,
  kModelName,
  kModelVersion,
  kBundleId,
  kInputDatasetName,
  kInputDatasetVersion,
  kRequestCount,
  kFailureCount,
  kTimeoutCount,
  kRejectedCount,
  kLatencyP95,
  kLatencyP99,
};

// The names of the fields, in the order of Field: a member's index in a name set made of them
// is its Field.
const std::vector<std::string_view> kFieldNames = {
    "deployment_id",      "endpoint_name",         "window_start",  "window_end",
    "model_name",         "model_version",         "bundle_id",     "input_dataset_name",
    "input_dataset_version", "request_count",      "failure_count", "timeout_count",
    "rejected_count",     "latency_p95_ms",        "latency_p99_ms"};

std::string_view name_of(const mlobs_member& m) { return {m.name.data, m.name.size}; }

std::string_view text(const mlobs_member& m) {
  return m.type == MLOBS_TYPE_STRING ? std::string_view(m.string_value.data, m.string_value.size)
                                     : std::string_view();
}

// What get_int accepts (the host's rule), else 0; then clamped at 0 like a count.
int64_t count(const mlobs_member& m) {
  int64_t v = 0;
  if (m.type == MLOBS_TYPE_INT) {
    v = m.int_value;
  } else if (m.type == MLOBS_TYPE_DOUBLE) {
    const double d = m.double_value;
    if (std::isfinite(d) && std::trunc(d) == d && std::fabs(d) < 9.2e18) {
      v = static_cast<int64_t>(d);
    }
  }
  return std::max<int64_t>(0, v);
}

std::optional<double> number(const mlobs_member& m) {
  if (m.type == MLOBS_TYPE_INT || m.type == MLOBS_TYPE_DOUBLE) return m.double_value;
  return std::nullopt;
}

bool is_error_count(std::string_view name) {
  constexpr size_t n = kErrorCountSuffix.size();
  // A constant length: the compare is inlined rather than a memcmp call per member.
  return name.size() >= n &&
         std::memcmp(name.data() + name.size() - n, kErrorCountSuffix.data(), n) == 0;
}

}  // namespace

ServingWindowReader::ServingWindowReader() : names_(kFieldNames) {}

const ServingWindowFields& ServingWindowReader::read(const RecordRef& rec) {
  ServingWindowFields& f = fields_;
  f = ServingWindowFields();
  seen_ = 0;
  error_names_.clear();
  error_ends_.clear();
  dotted_error_names_.clear();

  // A body that is missing or not an object leaves every field empty, as the getters did.
  rec.for_each_member("body", names_, [this](const mlobs_member& m) {
    take(m);
    return true;
  });
  for (const std::string& name : dotted_error_names_) {
    path_buffer_.assign("body.").append(name);
    f.error_count += std::max<int64_t>(0, rec.get_int(path_buffer_).value_or(0));
  }
  return f;
}

void ServingWindowReader::take(const mlobs_member& m) {
  if (m.name_index < 0) {
    const std::string_view name = name_of(m);
    if (is_error_count(name)) take_error_count(name, m);
    return;
  }
  const auto field = static_cast<Field>(m.name_index);
  if (seen_ & (1u << field)) return;
  seen_ |= 1u << field;
  ServingWindowFields& f = fields_;
  switch (field) {
    case kDeploymentId: f.deployment_id = text(m); break;
    case kEndpointName: f.endpoint_name = text(m); break;
    case kWindowStart: f.window_start = text(m); break;
    case kWindowEnd: f.window_end = text(m); break;
    case kModelName: f.model_name = text(m); break;
    case kModelVersion: f.model_version = text(m); break;
    case kBundleId: f.bundle_id = text(m); break;
    case kInputDatasetName: f.input_dataset_name = text(m); break;
    case kInputDatasetVersion: f.input_dataset_version = text(m); break;
    case kRequestCount: f.request_count = count(m); break;
    case kFailureCount:
    case kTimeoutCount:
    case kRejectedCount: f.error_count += count(m); break;
    case kLatencyP95: f.latency_p95_ms = number(m); break;
    case kLatencyP99: f.latency_p99_ms = number(m); break;
  }
}

void ServingWindowReader::take_error_count(std::string_view name, const mlobs_member& m) {
  if (name.find('.') != std::string_view::npos) {
    dotted_error_names_.emplace_back(name);
    return;
  }
  size_t begin = 0;
  for (const auto& [end, value] : error_ends_) {
    if (std::string_view(error_names_).substr(begin, end - begin) == name) {
      fields_.error_count += value;
      return;
    }
    begin = end;
  }
  const int64_t value = count(m);
  error_names_.append(name);
  error_ends_.emplace_back(error_names_.size(), value);
  fields_.error_count += value;
}

}  // namespace mlobs::serving_health
