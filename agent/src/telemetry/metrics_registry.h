// The agent's metric registry over prometheus-cpp, with idempotent register-or-reuse:
// registering the same name, type and label names returns the same family; the same name with
// another type or label set is an error naming both. Families and series live until the
// registry dies, so handles given to plugins stay valid. Thread-safe.
#pragma once

#include <prometheus/registry.h>

#include <map>
#include <memory>
#include <mutex>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace mlobs::agent {

enum class MetricType { kCounter, kGauge, kHistogram };
const char* metric_type_name(MetricType type);

class MetricsRegistry {
 public:
  struct Family;  // what the ABI calls mlobs_metric
  struct Series;  // what the ABI calls mlobs_series

  MetricsRegistry();
  ~MetricsRegistry();
  MetricsRegistry(const MetricsRegistry&) = delete;
  MetricsRegistry& operator=(const MetricsRegistry&) = delete;

  // Returns the family, or nullptr with *error set on a conflict or an invalid name.
  Family* register_family(MetricType type, std::string_view name, std::string_view help,
                          std::span<const std::string> label_names,
                          std::span<const double> buckets, std::string* error);

  // The series for these label values (created on first use); nullptr with *error on a wrong
  // label count.
  Series* series(Family* family, std::span<const std::string_view> label_values,
                 std::string* error);

  // The registry that owns a family (the ABI's series calls carry no context).
  static MetricsRegistry* owner_of(const Family* family);

  // Counter: add (negative ignored); gauge: add; histogram: observe.
  static void add(Series* series, double value);
  // Gauge only; ignored otherwise.
  static void set(Series* series, double value);
  // Stops exposing a series. The handle stays valid but inert: later adds and sets are ignored
  // and recreate nothing. Asking series() for the same label values again yields a new series
  // starting from zero. Removed handles are kept until the registry dies (a few dozen bytes).
  void remove(Family* family, Series* series);

  // Prometheus text exposition format 0.0.4 of every family.
  std::string serialize() const;

  // Current value of a counter or gauge series (for tests and /v1 status); NaN if unknown.
  double value(std::string_view name,
               std::span<const std::pair<std::string, std::string>> labels) const;

  // Drops every family (tests; the SDK harness fixture). Invalidates every handle.
  void reset();

  std::shared_ptr<prometheus::Registry> prometheus_registry() const { return registry_; }

 private:
  mutable std::mutex mu_;
  std::shared_ptr<prometheus::Registry> registry_;
  std::map<std::string, std::unique_ptr<Family>, std::less<>> families_;
};

}  // namespace mlobs::agent
