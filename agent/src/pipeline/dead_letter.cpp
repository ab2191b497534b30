#include "pipeline/dead_letter.h"

#include "telemetry/agent_events.h"

#include "telemetry/metrics_registry.h"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

namespace mlobs::agent {

DeadLetterOutput::DeadLetterOutput(std::string path, MetricsRegistry* metrics,
                                   std::function<int64_t()> clock)
    : path_(std::move(path)), metrics_(metrics), clock_(std::move(clock)) {}

DeadLetterOutput::~DeadLetterOutput() {
  if (file_) std::fclose(file_);
}

Status DeadLetterOutput::open() {
  std::lock_guard<std::mutex> lock(mu_);
  if (path_.empty() || file_) return Status::Ok();
  std::error_code ec;
  const auto parent = std::filesystem::path(path_).parent_path();
  if (!parent.empty()) std::filesystem::create_directories(parent, ec);
  file_ = std::fopen(path_.c_str(), "ae");
  if (!file_) {
    return Status::Unavailable("cannot open dead-letter output " + path_ + ": " +
                               std::strerror(errno));
  }
  return Status::Ok();
}

void DeadLetterOutput::set_observer(Observer observer) {
  std::lock_guard<std::mutex> lock(mu_);
  observer_ = std::move(observer);
}

void DeadLetterOutput::write(std::string_view component, std::string_view reason,
                             const Record* rec, std::span<const Field> fields) {
  rapidjson::StringBuffer buf;
  rapidjson::Writer<rapidjson::StringBuffer> w(buf);
  auto str = [&](std::string_view s) {
    w.String(s.data(), static_cast<rapidjson::SizeType>(s.size()));
  };
  w.StartObject();
  w.Key("ts");
  str(format_rfc3339(clock_()));
  w.Key("component");
  str(component);
  w.Key("reason");
  str(reason);
  for (const auto& [key, value] : fields) {
    w.Key(key.data(), static_cast<rapidjson::SizeType>(key.size()));
    str(value);
  }
  if (rec) {
    std::string json = rec->to_json();
    w.Key("record");
    w.RawValue(json.data(), json.size(), rapidjson::kObjectType);
  }
  w.EndObject();

  if (metrics_) {
    static const std::string kLabels[] = {"component", "reason"};
    std::string error;
    auto* fam = metrics_->register_family(MetricType::kCounter, "mlobs_records_rejected_total",
                                          "Records rejected and sent to the dead-letter output",
                                          kLabels, {}, &error);
    const std::string_view values[] = {component, reason};
    if (fam) {
      if (auto* s = metrics_->series(fam, values, &error)) MetricsRegistry::add(s, 1);
    }
  }

  if (events_ && !(rec && rec->kind == "error")) {
    AgentEvent e;
    e.category = "dead_letter";
    e.level = "warning";
    e.component = std::string(component);
    e.reason = std::string(reason);
    e.message = "input rejected by " + e.component + ": " + e.reason;
    for (const auto& [key, value] : fields) {
      if (!e.detail.empty()) e.detail += "; ";
      e.detail.append(key).append("=").append(value);
    }
    if (rec) {
      e.record_kind = rec->kind;
      e.record_id = rec->id;
    }
    e.unix_nanos = clock_();
    events_->publish(std::move(e));
  }

  std::lock_guard<std::mutex> lock(mu_);
  ++count_;
  if (file_) {
    std::fwrite(buf.GetString(), 1, buf.GetSize(), file_);
    std::fputc('\n', file_);
    std::fflush(file_);  // rare, and must survive a crash
  }
  if (observer_) observer_(component, reason, rec, fields);
}

void DeadLetterOutput::flush() {
  std::lock_guard<std::mutex> lock(mu_);
  if (file_) std::fflush(file_);
}

uint64_t DeadLetterOutput::count() const {
  std::lock_guard<std::mutex> lock(mu_);
  return count_;
}

}  // namespace mlobs::agent
