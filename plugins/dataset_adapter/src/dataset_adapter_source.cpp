#include "dataset_adapter_source.h"

#include "mlobs/file_follow/glob.h"
#include "mlobs/check_report/check_report.h"
#include "mlobs/read_once/file_signature.h"
#include "mlobs/read_once/glob_characters.h"
#include "mlobs/read_once/small_file.h"
#include "parquet_footer.h"


#include <algorithm>
#include <filesystem>
#include <map>
#include <optional>
#include <system_error>

namespace mlobs::dataset_adapter {
namespace {

// Why a plain path names no file to read.
std::string missing_detail(const std::string& path) {
  std::error_code ec;
  const auto type = std::filesystem::status(path, ec).type();
  if (type == std::filesystem::file_type::not_found) return "no such file";
  if (type == std::filesystem::file_type::directory) return "a directory, not a file";
  return ec ? "cannot be looked at: " + ec.message() : "not a regular file";
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
  // What was not acknowledged is read again.
  files_.restore(host().state_get(read_once::kStateKey).value_or(""));
  reported_missing_.clear();
  return Status::Ok();
}

Status DatasetAdapterSource::pull(Batch& batch) {
  std::map<std::string, std::string> taken;
  std::set<std::string> seen;
  bool scanned_all = true;  // only a scan that saw everything may forget deleted files
  for (const std::string& pattern : patterns_) {
    const std::vector<std::filesystem::path> files = file_follow::expand_glob(pattern);
    if (files.empty() && !read_once::has_glob_characters(pattern) &&
        !reported_missing_.count(pattern)) {
      if (batch.size() >= batch.capacity()) {
        scanned_all = false;
        continue;
      }
      Status s = report_failure(pattern, "file_exists", "missing_file", missing_detail(pattern),
                                batch);
      if (!s.ok()) return s;
      reported_missing_.insert(pattern);
    }
    for (const auto& file : files) {
      if (batch.size() >= batch.capacity()) {  // one record per file
        scanned_all = false;
        break;
      }
      const std::string path = file.string();
      seen.insert(path);
      const std::optional<std::string> signature = read_once::file_signature(path);
      if (!signature || taken.count(path) || files_.already_read(path, *signature)) continue;
      Status s = take_file(path, batch);
      if (!s.ok()) return s;
      taken.emplace(path, *signature);
    }
  }
  files_.record(batch.sequence(), std::move(taken));
  if (scanned_all && files_.forget_missing(seen) > 0) store_read_files();
  return Status::Ok();
}

Status DatasetAdapterSource::take_file(const std::string& path, Batch& batch) {
  Mapped mapped;
  if (std::filesystem::path(path).extension() == ".json") {
    std::string text;
    if (!read_once::read_small_file(path, &text)) {
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
      "check_report", CheckReport{path, {CheckResult::fail(check, std::string(reason) + ": " + detail)}}.body_json());
  if (!report) return Status::Internal("the host refused a check_report record");
  report.set("id", "check_report:" + path);
  return batch.append(std::move(report));
}

void DatasetAdapterSource::ack(uint64_t sequence) {
  if (files_.ack(sequence)) store_read_files();
}

void DatasetAdapterSource::store_read_files() {
  Status s = host().state_put(read_once::kStateKey, files_.encode());
  if (!s.ok()) host().log(MLOBS_LOG_WARN, "storing the read files failed: " + s.message());
}

}  // namespace mlobs::dataset_adapter
