#include "telemetry/health.h"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <cstdint>
#include <utility>

namespace mlobs::agent {
namespace {

using JsonWriter = rapidjson::Writer<rapidjson::StringBuffer>;

void put(JsonWriter& w, std::string_view s) {
  w.String(s.data(), static_cast<rapidjson::SizeType>(s.size()));
}

void write_common(JsonWriter& w, std::string_view status, std::string_view version,
                  std::chrono::steady_clock::time_point started) {
  const auto uptime =
      std::chrono::duration_cast<std::chrono::seconds>(std::chrono::steady_clock::now() - started);
  w.Key("status");
  put(w, status);
  w.Key("version");
  put(w, version);
  w.Key("uptime_seconds");
  w.Int64(static_cast<int64_t>(uptime.count()));
}

}  // namespace

const char* component_health_name(ComponentHealth h) {
  switch (h) {
    case ComponentHealth::kStarting: return "starting";
    case ComponentHealth::kOk: return "ok";
    case ComponentHealth::kDegraded: return "degraded";
    case ComponentHealth::kUnhealthy: return "unhealthy";
    case ComponentHealth::kStopped: return "stopped";
  }
  return "unhealthy";
}

HealthRegistry::HealthRegistry(std::string version)
    : version_(std::move(version)), started_(std::chrono::steady_clock::now()) {}

void HealthRegistry::set(std::string_view component, ComponentHealth status,
                         std::string_view detail) {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = checks_.find(component);
  if (it == checks_.end()) {
    checks_.emplace(std::string(component), Check{status, std::string(detail)});
  } else {
    it->second = Check{status, std::string(detail)};
  }
}

void HealthRegistry::remove(std::string_view component) {
  std::lock_guard<std::mutex> lock(mu_);
  if (auto it = checks_.find(component); it != checks_.end()) checks_.erase(it);
}

bool HealthRegistry::ready() const {
  std::lock_guard<std::mutex> lock(mu_);
  if (checks_.empty()) return false;
  for (const auto& [name, check] : checks_) {
    if (check.status != ComponentHealth::kOk && check.status != ComponentHealth::kDegraded) {
      return false;
    }
  }
  return true;
}

std::string HealthRegistry::to_json() const {
  std::lock_guard<std::mutex> lock(mu_);
  bool starting = checks_.empty();
  bool unhealthy = false;
  bool degraded = false;
  for (const auto& [name, check] : checks_) {
    switch (check.status) {
      case ComponentHealth::kStarting: starting = true; break;
      case ComponentHealth::kUnhealthy:
      case ComponentHealth::kStopped: unhealthy = true; break;
      case ComponentHealth::kDegraded: degraded = true; break;
      case ComponentHealth::kOk: break;
    }
  }
  const char* overall = starting    ? "starting"
                        : unhealthy ? "unhealthy"
                        : degraded  ? "degraded"
                                    : "ok";
  rapidjson::StringBuffer buf;
  JsonWriter w(buf);
  w.StartObject();
  write_common(w, overall, version_, started_);
  w.Key("checks");
  w.StartArray();
  for (const auto& [name, check] : checks_) {
    w.StartObject();
    w.Key("component");
    put(w, name);
    w.Key("status");
    put(w, component_health_name(check.status));
    w.Key("detail");
    put(w, check.detail);
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  return std::string(buf.GetString(), buf.GetSize());
}

std::string HealthRegistry::live_json() const {
  rapidjson::StringBuffer buf;
  JsonWriter w(buf);
  w.StartObject();
  write_common(w, "ok", version_, started_);
  w.EndObject();
  return std::string(buf.GetString(), buf.GetSize());
}

}  // namespace mlobs::agent
