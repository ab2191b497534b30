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
  kOther
};

// Switching on the length first keeps the ~20 members nobody reads to a compare or two each;
// within a case the length is known, so each comparison compiles to a few loads.
Field field_of(std::string_view n) {
  switch (n.size()) {
    case 9:
      if (n == "bundle_id") return kBundleId;
      break;
    case 10:
      if (n == "window_end") return kWindowEnd;
      if (n == "model_name") return kModelName;
      break;
    case 12:
      if (n == "window_start") return kWindowStart;
      break;
    case 13:
      if (n == "deployment_id") return kDeploymentId;
      if (n == "endpoint_name") return kEndpointName;
      if (n == "model_version") return kModelVersion;
      if (n == "request_count") return kRequestCount;
      if (n == "failure_count") return kFailureCount;
      if (n == "timeout_count") return kTimeoutCount;
      break;
    case 14:
      if (n == "rejected_count") return kRejectedCount;
      if (n == "latency_p95_ms") return kLatencyP95;
      if (n == "latency_p99_ms") return kLatencyP99;
      break;
    case 18:
      if (n == "input_dataset_name") return kInputDatasetName;
      break;
    case 21:
      if (n == "input_dataset_version") return kInputDatasetVersion;
      break;
  }
  return kOther;
}

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

const ServingWindowFields& ServingWindowReader::read(const RecordRef& rec) {
  ServingWindowFields& f = fields_;
  for (std::string* s : {&f.deployment_id, &f.endpoint_name, &f.window_start, &f.window_end,
                         &f.model_name, &f.model_version, &f.bundle_id, &f.input_dataset_name,
                         &f.input_dataset_version}) {
    s->clear();
  }
  f.request_count = 0;
  f.error_count = 0;
  f.latency_p95_ms.reset();
  f.latency_p99_ms.reset();
  seen_ = 0;
  error_names_.clear();
  error_ends_.clear();
  dotted_error_names_.clear();

  // A body that is missing or not an object leaves every field empty, as the getters did.
  rec.for_each_member("body", [this](const mlobs_member& m) {
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
  const std::string_view name = name_of(m);
  if (is_error_count(name)) {
    take_error_count(name, m);
    return;
  }
  const Field field = field_of(name);
  if (field == kOther || (seen_ & (1u << field))) return;
  seen_ |= 1u << field;
  ServingWindowFields& f = fields_;
  switch (field) {
    case kDeploymentId: f.deployment_id.assign(text(m)); break;
    case kEndpointName: f.endpoint_name.assign(text(m)); break;
    case kWindowStart: f.window_start.assign(text(m)); break;
    case kWindowEnd: f.window_end.assign(text(m)); break;
    case kModelName: f.model_name.assign(text(m)); break;
    case kModelVersion: f.model_version.assign(text(m)); break;
    case kBundleId: f.bundle_id.assign(text(m)); break;
    case kInputDatasetName: f.input_dataset_name.assign(text(m)); break;
    case kInputDatasetVersion: f.input_dataset_version.assign(text(m)); break;
    case kRequestCount: f.request_count = count(m); break;
    case kFailureCount:
    case kTimeoutCount:
    case kRejectedCount: f.error_count += count(m); break;
    case kLatencyP95: f.latency_p95_ms = number(m); break;
    case kLatencyP99: f.latency_p99_ms = number(m); break;
    case kOther: break;
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
