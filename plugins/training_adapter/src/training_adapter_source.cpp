#include "training_adapter_source.h"

#include "mlobs/check_report/check_report.h"
#include "mlobs/read_once/file_signature.h"
#include "mlobs/read_once/glob_characters.h"
#include "mlobs/read_once/small_file.h"
#include "training_run.h"


#include <algorithm>
#include <filesystem>
#include <optional>
#include <system_error>

namespace mlobs::training_adapter {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kCheck = "training_metadata";

bool exists(const std::string& path) {
  std::error_code ec;
  return fs::symlink_status(path, ec).type() != fs::file_type::not_found;
}

// A bundle's files read whole, or the one that could not be (a file not there is not an error:
// only metadata.json is required, and the caller saw it).
struct BundleRead {
  BundleTexts texts;
  std::string unreadable;  // the file name; empty when all were read
};

BundleRead read_bundle(const std::string& dir) {
  BundleRead out;
  auto read = [&](std::string_view name, std::string* text) {
    const std::string file = (fs::path(dir) / name).string();
    if (!read_once::read_small_file(file, text) && out.unreadable.empty()) {
      out.unreadable = std::string(name);
    }
  };
  auto read_if_there = [&](std::string_view name, std::optional<std::string>* text) {
    if (!read_once::file_signature((fs::path(dir) / name).string())) return;
    read(name, &text->emplace());
  };
  read(kBundleMetadata, &out.texts.metadata);
  read_if_there(kBundleMetrics, &out.texts.metrics);
  read_if_there(kBundleModelUri, &out.texts.model_uri);
  return out;
}

}  // namespace

Status TrainingAdapterSource::configure(const Config& config) {
  patterns_ = config.get_list("paths");
  patterns_.erase(std::remove(patterns_.begin(), patterns_.end(), std::string()), patterns_.end());
  if (patterns_.empty()) return Status::InvalidArgument("\"paths\" must list at least one glob");
  const std::string component(host().component_id());
  runs_ = host()
              .counter("mlobs_training_adapter_runs_total",
                       "Training runs a training_adapter source emitted", {"component"})
              .series({component});
  const Metric unknown = host().counter(
      "mlobs_training_adapter_unknown_fields_total",
      "Training run fields a training_adapter source reported as \"unknown\", by field",
      {"component", "field"});
  for (const char* field :
       {"model_version", "input_dataset_name", "input_dataset_version", "artifact_path"}) {
    unknown_fields_[field] = unknown.series({component, field});
  }
  return Status::Ok();
}

Status TrainingAdapterSource::start() {
  // What was not acknowledged is read again.
  files_.restore(host().state_get(read_once::kStateKey).value_or(""));
  reported_missing_.clear();
  return Status::Ok();
}

Status TrainingAdapterSource::pull(Batch& batch) {
  std::map<std::string, std::string> taken;
  std::set<std::string> seen;
  bool scanned_all = true;  // only a scan that saw everything may forget deleted inputs
  for (const std::string& pattern : patterns_) {
    const std::vector<TrainingInput> inputs = find_training_inputs(pattern);
    // A plain path that names a directory without metadata.json is a bundle being written.
    if (inputs.empty() && !read_once::has_glob_characters(pattern) && !exists(pattern) &&
        !reported_missing_.count(pattern)) {
      if (batch.size() >= batch.capacity()) {
        scanned_all = false;
        continue;
      }
      Status s = report_failure(pattern, pattern, "file_exists", "missing_file",
                                "no such file or directory", batch);
      if (!s.ok()) return s;
      reported_missing_.insert(pattern);
    }
    for (const TrainingInput& input : inputs) {
      if (batch.size() >= batch.capacity()) {  // one record per input
        scanned_all = false;
        break;
      }
      seen.insert(input.path);
      const std::optional<std::string> signature =
          input.bundle ? bundle_signature(input.path) : read_once::file_signature(input.path);
      if (!signature || taken.count(input.path) || files_.already_read(input.path, *signature)) {
        continue;
      }
      Status s = take_input(input, batch);
      if (!s.ok()) return s;
      taken.emplace(input.path, *signature);
    }
  }
  files_.record(batch.sequence(), std::move(taken));
  if (scanned_all && files_.forget_missing(seen) > 0) store_read_files();
  return Status::Ok();
}

Status TrainingAdapterSource::take_input(const TrainingInput& input, Batch& batch) {
  MappedRun mapped;
  if (input.bundle) {
    const BundleRead read = read_bundle(input.path);
    if (!read.unreadable.empty()) {
      return report_failure(input.path, (fs::path(input.path) / read.unreadable).string(), kCheck,
                            "unreadable",
                            read.unreadable + ": cannot read the file, or it is over 1 MiB", batch);
    }
    mapped = map_bundle(input.path, read.texts);
  } else {
    std::string text;
    if (!read_once::read_small_file(input.path, &text)) {
      return report_failure(input.path, input.path, kCheck, "unreadable",
                            "cannot read the file, or it is over 1 MiB", batch);
    }
    mapped = map_metadata_file(input.path, text);
  }
  if (!mapped.run) {
    const std::string file =
        mapped.file.empty() ? input.path : (fs::path(input.path) / mapped.file).string();
    return report_failure(input.path, file, kCheck, mapped.reason, mapped.detail, batch);
  }
  OwnedRecord rec = host().parse_record("training_run", mapped.run->to_json());
  if (!rec) return Status::Internal("the host refused a training_run record");
  rec.set("id", "training_run:" + mapped.run->run_id);
  for (const std::string& field : mapped.run->unknown_fields) {
    auto series = unknown_fields_.find(field);
    if (series != unknown_fields_.end()) series->second.add();
  }
  runs_.add();
  return batch.append(std::move(rec));
}

Status TrainingAdapterSource::report_failure(const std::string& path, const std::string& file,
                                             std::string_view check, std::string_view reason,
                                             const std::string& detail, Batch& batch) {
  host().dead_letter(nullptr, reason, {{"file", file}, {"error", detail}});
  OwnedRecord report = host().parse_record(
      "check_report", CheckReport{path, {CheckResult::fail(check, std::string(reason) + ": " + detail)}}.body_json());
  if (!report) return Status::Internal("the host refused a check_report record");
  report.set("id", "check_report:" + path);
  return batch.append(std::move(report));
}

void TrainingAdapterSource::ack(uint64_t sequence) {
  if (files_.ack(sequence)) store_read_files();
}

void TrainingAdapterSource::store_read_files() {
  Status s = host().state_put(read_once::kStateKey, files_.encode());
  if (!s.ok()) host().log(MLOBS_LOG_WARN, "storing the read files failed: " + s.message());
}

}  // namespace mlobs::training_adapter
