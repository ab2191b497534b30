#include "dataset_adapter_source.h"

#include "mlobs/file_follow/glob.h"
#include "parquet_footer.h"

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>
#include <sys/stat.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <optional>

namespace mlobs::dataset_adapter {
namespace {

constexpr std::string_view kStateKey = "read_files";

// Identity and modification: another file at the path, or the same one rewritten, differs.
std::optional<std::string> signature_of(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return std::nullopt;
  return std::to_string(st.st_dev) + ":" + std::to_string(st.st_ino) + ":" +
         std::to_string(st.st_size) + ":" + std::to_string(st.st_mtim.tv_sec) + "." +
         std::to_string(st.st_mtim.tv_nsec);
}

// A metadata file is small: anything over this is refused rather than read into memory.
constexpr std::streamsize kMaxMetadataBytes = 1 << 20;

// Reads at most one byte past the limit, so an oversized file is refused without being held.
bool read_whole(const std::string& path, std::string* out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  out->resize(static_cast<size_t>(kMaxMetadataBytes) + 1);
  in.read(out->data(), kMaxMetadataBytes + 1);
  out->resize(static_cast<size_t>(in.gcount()));
  return !in.bad() && static_cast<std::streamsize>(out->size()) <= kMaxMetadataBytes;
}

std::string encode(const std::map<std::string, std::string>& files) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> w(buffer);
  w.StartObject();
  for (const auto& [path, signature] : files) {
    w.Key(path.data(), static_cast<rapidjson::SizeType>(path.size()));
    w.String(signature.data(), static_cast<rapidjson::SizeType>(signature.size()));
  }
  w.EndObject();
  return std::string(buffer.GetString(), buffer.GetSize());
}

std::map<std::string, std::string> decode(const std::string& text) {
  std::map<std::string, std::string> files;
  rapidjson::Document doc;
  doc.Parse(text.c_str(), text.size());
  if (!doc.IsObject()) return files;  // unreadable state: every file is read again
  for (auto it = doc.MemberBegin(); it != doc.MemberEnd(); ++it) {
    if (it->value.IsString()) {
      files.emplace(std::string(it->name.GetString(), it->name.GetStringLength()),
                    std::string(it->value.GetString(), it->value.GetStringLength()));
    }
  }
  return files;
}

std::string check_report_json(const std::string& path, std::string_view check,
                              const std::string& detail) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> w(buffer);
  w.StartObject();
  w.Key("metadata_path");
  w.String(path.data(), static_cast<rapidjson::SizeType>(path.size()));
  w.Key("all_passed");
  w.Bool(false);
  w.Key("results");
  w.StartArray();
  w.StartObject();
  w.Key("check");
  w.String(check.data(), static_cast<rapidjson::SizeType>(check.size()));
  w.Key("passed");
  w.Bool(false);
  w.Key("detail");
  w.String(detail.data(), static_cast<rapidjson::SizeType>(detail.size()));
  w.EndObject();
  w.EndArray();
  w.EndObject();
  return std::string(buffer.GetString(), buffer.GetSize());
}

}  // namespace

Status DatasetAdapterSource::configure(const Config& config) {
  patterns_ = config.get_list("paths");
  patterns_.erase(std::remove(patterns_.begin(), patterns_.end(), std::string()), patterns_.end());
  if (patterns_.empty()) return Status::InvalidArgument("\"paths\" must list at least one glob");
  settings_.non_feature_columns = config.get_list("non_feature_columns");
  settings_.target = config.get_string("target");
  settings_.entity = config.get_string("entity");
  settings_.event_ts = config.get_string("event_ts");
  builds_ = host()
                .counter("mlobs_dataset_adapter_builds_total",
                         "Dataset builds a dataset_adapter source emitted", {"component"})
                .series({std::string(host().component_id())});
  return Status::Ok();
}

Status DatasetAdapterSource::start() {
  read_ = decode(host().state_get(kStateKey).value_or(""));
  pending_.clear();  // what was not acknowledged is read again
  return Status::Ok();
}

bool DatasetAdapterSource::already_read(const std::string& path,
                                        const std::string& signature) const {
  for (auto it = pending_.rbegin(); it != pending_.rend(); ++it) {
    auto found = it->second.find(path);
    if (found != it->second.end()) return found->second == signature;
  }
  auto found = read_.find(path);
  return found != read_.end() && found->second == signature;
}

Status DatasetAdapterSource::pull(Batch& batch) {
  std::map<std::string, std::string> taken;
  for (const std::string& pattern : patterns_) {
    for (const auto& file : file_follow::expand_glob(pattern)) {
      if (batch.size() >= batch.capacity()) break;  // one record per file
      const std::string path = file.string();
      const std::optional<std::string> signature = signature_of(path);
      if (!signature || taken.count(path) || already_read(path, *signature)) continue;
      Status s = take_file(path, batch);
      if (!s.ok()) return s;
      taken.emplace(path, *signature);
    }
  }
  if (!taken.empty()) pending_.emplace_back(batch.sequence(), std::move(taken));
  return Status::Ok();
}

Status DatasetAdapterSource::take_file(const std::string& path, Batch& batch) {
  Mapped mapped;
  if (std::filesystem::path(path).extension() == ".json") {
    std::string text;
    if (!read_whole(path, &text)) {
      return report_failure(path, "metadata_json", "unreadable",
                            "cannot read the file, or it is over 1 MiB", batch);
    }
    mapped = map_metadata_json(path, text, settings_);
  } else {
    const parquet::FooterResult footer = parquet::read_footer(path);
    if (!footer.footer) {
      return report_failure(path, "parquet_footer", parquet::error_label(footer.error),
                            footer.detail, batch);
    }
    mapped = map_parquet_footer(path, *footer.footer, settings_);
  }
  if (!mapped.build) {
    return report_failure(path, "dataset_build", mapped.reason, mapped.detail, batch);
  }
  OwnedRecord rec = host().parse_record("dataset_build", mapped.build->to_json());
  if (!rec) return Status::Internal("the host refused a dataset_build record");
  rec.set("id", "dataset_build:" + mapped.build->dataset_name + ":" +
                    mapped.build->dataset_version);
  builds_.add();
  return batch.append(std::move(rec));
}

Status DatasetAdapterSource::report_failure(const std::string& path, std::string_view check,
                                            std::string_view reason, const std::string& detail,
                                            Batch& batch) {
  host().dead_letter(nullptr, reason, {{"file", path}, {"error", detail}});
  OwnedRecord report = host().parse_record(
      "check_report", check_report_json(path, check, std::string(reason) + ": " + detail));
  if (!report) return Status::Internal("the host refused a check_report record");
  report.set("id", "check_report:" + path);
  return batch.append(std::move(report));
}

void DatasetAdapterSource::ack(uint64_t sequence) {
  bool changed = false;
  while (!pending_.empty() && pending_.front().first <= sequence) {
    for (auto& [path, signature] : pending_.front().second) read_[path] = std::move(signature);
    pending_.erase(pending_.begin());
    changed = true;
  }
  if (changed) store_read_files();
}

void DatasetAdapterSource::store_read_files() {
  Status s = host().state_put(kStateKey, encode(read_));
  if (!s.ok()) host().log(MLOBS_LOG_WARN, "storing the read files failed: " + s.message());
}

}  // namespace mlobs::dataset_adapter
