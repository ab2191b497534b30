// The health model behind /v1/health/live and /v1/health/ready: one check per component with
// a status and a detail. Ready is true only when every registered component is "ok" or
// "degraded" (started and working); degraded components keep the agent ready but are reported.
// Thread-safe.
#pragma once

#include <chrono>
#include <map>
#include <mutex>
#include <string>
#include <string_view>

namespace mlobs::agent {

enum class ComponentHealth { kStarting, kOk, kDegraded, kUnhealthy, kStopped };
const char* component_health_name(ComponentHealth h);

class HealthRegistry {
 public:
  explicit HealthRegistry(std::string version);

  void set(std::string_view component, ComponentHealth status, std::string_view detail = {});
  void remove(std::string_view component);

  // Every component ok or degraded (and at least one registered).
  bool ready() const;

  // {"status":"ok|starting|degraded|unhealthy","version":..,"uptime_seconds":..,
  //  "checks":[{"component":..,"status":..,"detail":..}]}, checks sorted by component.
  // Status precedence: starting, then unhealthy (or stopped), then degraded, else ok; with no
  // component registered yet it is "starting", matching ready() == false.
  std::string to_json() const;
  // {"status":"ok","version":..,"uptime_seconds":..}
  std::string live_json() const;

 private:
  struct Check {
    ComponentHealth status;
    std::string detail;
  };
  std::string version_;
  std::chrono::steady_clock::time_point started_;
  mutable std::mutex mu_;
  std::map<std::string, Check, std::less<>> checks_;
};

}  // namespace mlobs::agent
