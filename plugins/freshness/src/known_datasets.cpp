#include "known_datasets.h"

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <optional>

#include "mlobs/rfc3339/rfc3339.h"

namespace mlobs::freshness {

KnownDatasets::TakeResult KnownDatasets::take(std::string_view dataset_name,
                                              std::string_view dataset_version,
                                              int64_t built_at_ns) {
  auto it = datasets_.find(dataset_name);
  if (it == datasets_.end()) {
    if (static_cast<int64_t>(datasets_.size()) >= max_datasets_) return TakeResult::kFull;
    datasets_.emplace(std::string(dataset_name),
                      NewestBuild{std::string(dataset_version), built_at_ns});
    return TakeResult::kAdded;
  }
  NewestBuild& known = it->second;
  const bool newer = built_at_ns > known.built_at_ns ||
                     (built_at_ns == known.built_at_ns && dataset_version != known.dataset_version);
  if (!newer) return TakeResult::kKept;
  known.dataset_version.assign(dataset_version);
  known.built_at_ns = built_at_ns;
  return TakeResult::kReplaced;
}

std::string KnownDatasets::encode() const {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> w(buffer);
  w.StartObject();
  for (const auto& [name, build] : datasets_) {
    w.Key(name.data(), static_cast<rapidjson::SizeType>(name.size()));
    w.StartObject();
    w.Key("dataset_version");
    w.String(build.dataset_version.data(),
             static_cast<rapidjson::SizeType>(build.dataset_version.size()));
    const std::string built_at = rfc3339::format_utc(build.built_at_ns);
    w.Key("built_at");
    w.String(built_at.data(), static_cast<rapidjson::SizeType>(built_at.size()));
    w.EndObject();
  }
  w.EndObject();
  return std::string(buffer.GetString(), buffer.GetSize());
}

void KnownDatasets::decode(std::string_view text) {
  datasets_.clear();
  rapidjson::Document doc;
  doc.Parse(text.data(), text.size());
  if (doc.HasParseError() || !doc.IsObject()) return;
  for (auto it = doc.MemberBegin(); it != doc.MemberEnd(); ++it) {
    if (static_cast<int64_t>(datasets_.size()) >= max_datasets_) return;
    const rapidjson::Value& entry = it->value;
    if (!entry.IsObject()) continue;
    auto version = entry.FindMember("dataset_version");
    auto built_at = entry.FindMember("built_at");
    if (version == entry.MemberEnd() || !version->value.IsString() ||
        built_at == entry.MemberEnd() || !built_at->value.IsString()) {
      continue;
    }
    const std::optional<int64_t> built_at_ns = rfc3339::parse_unix_nanos(
        std::string_view(built_at->value.GetString(), built_at->value.GetStringLength()));
    if (!built_at_ns) continue;
    take(std::string_view(it->name.GetString(), it->name.GetStringLength()),
         std::string_view(version->value.GetString(), version->value.GetStringLength()),
         *built_at_ns);
  }
}

}  // namespace mlobs::freshness
