#include "serving_series_cache.h"

namespace mlobs::prometheus_sink {

ServingSeries* ServingSeriesCache::find_or_add(std::string_view deployment_id,
                                               std::string_view endpoint_name,
                                               std::string_view model_name,
                                               std::string_view model_version) {
  key_buffer_.clear();
  append_key_part(key_buffer_, deployment_id);
  append_key_part(key_buffer_, endpoint_name);
  append_key_part(key_buffer_, model_name);
  append_key_part(key_buffer_, model_version);
  if (ServingSeries* cached = entries_.find(key_buffer_)) return cached;
  if (entries_.size() >= max_entries_) return nullptr;
  return &entries_.emplace(key_buffer_, ServingSeries{});
}

}  // namespace mlobs::prometheus_sink
