#include "support/admin_api.h"

#include "support/http_client.h"
#include "support/json_lines.h"
#include "support/prom_text.h"

namespace mlobs::integration {

std::optional<double> scrape_metric(uint16_t port, std::string_view name,
                                    const std::map<std::string, std::string>& labels) {
  const HttpResult r = http_get(port, "/metrics");
  if (r.status != 200) return std::nullopt;
  return prom_value(r.body, name, labels);
}

std::optional<Readiness> get_readiness(uint16_t port) {
  const HttpResult r = http_get(port, "/v1/health/ready");
  if (r.status == 0) return std::nullopt;
  auto doc = parse_json(r.body);
  if (!doc || !doc->IsObject()) return std::nullopt;
  Readiness out;
  out.http_status = r.status;
  out.body = r.body;
  out.status = json_string(*doc, "status").value_or("");
  const rapidjson::Value* checks = json_at(*doc, "checks");
  if (checks && checks->IsArray()) {
    for (const auto& c : checks->GetArray()) {
      const auto id = json_string(c, "component");
      if (!id) continue;
      out.checks[*id] = {json_string(c, "status").value_or(""),
                         json_string(c, "detail").value_or("")};
    }
  }
  return out;
}

}  // namespace mlobs::integration
