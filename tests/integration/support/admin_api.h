// Reads of the agent's admin endpoints as the tests need them: one metric value, the readiness
// report. Every call is one HTTP request; nullopt when the agent did not answer.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace mlobs::integration {

// GET /metrics, then the value of `name` summed over the series carrying `labels`.
std::optional<double> scrape_metric(uint16_t port, std::string_view name,
                                    const std::map<std::string, std::string>& labels = {});

struct ComponentCheck {
  std::string status;  // ok | starting | degraded | unhealthy | stopped
  std::string detail;
};

struct Readiness {
  int http_status = 0;                           // 200 ready, 503 not
  std::string status;                            // the overall "status" field
  std::map<std::string, ComponentCheck> checks;  // by component id
  std::string body;
};

// GET /v1/health/ready, parsed; nullopt when there was no response or it was not the JSON model.
std::optional<Readiness> get_readiness(uint16_t port);

}  // namespace mlobs::integration
