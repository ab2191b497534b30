#include "record_fields.h"

#include <string>
#include <utility>

namespace mlobs::validation {

FieldValue read_field(const RecordRef& rec, std::string_view path) {
  FieldValue v = FieldValue::of_type(rec.type(path));
  switch (v.type) {
    case MLOBS_TYPE_STRING:
      v.text.assign(rec.get_string(path).value_or(""));
      break;
    case MLOBS_TYPE_INT:
      v.integer = rec.get_int(path).value_or(0);
      v.number = static_cast<double>(v.integer);
      break;
    case MLOBS_TYPE_DOUBLE:
      v.number = rec.get_double(path).value_or(0);
      break;
    case MLOBS_TYPE_OBJECT:
      rec.for_each_member(path, [&v](const mlobs_member& m) {
        v.members.emplace_back(std::string(m.name.data, m.name.size), m.type);
        return true;
      });
      break;
    default:
      break;
  }
  return v;
}

DatasetBuildFields read_dataset_build(const RecordRef& rec) {
  DatasetBuildFields f;
  f.path = read_field(rec, "body.path");
  f.dataset_name = read_field(rec, "body.dataset_name");
  f.dataset_version = read_field(rec, "body.dataset_version");
  f.built_at = read_field(rec, "body.built_at");
  f.row_count = read_field(rec, "body.row_count");
  f.feature_count = read_field(rec, "body.feature_count");
  return f;
}

TrainingRunFields read_training_run(const RecordRef& rec) {
  TrainingRunFields f;
  f.metadata_path = read_field(rec, "body.metadata_path");
  f.run_id = read_field(rec, "body.run_id");
  f.model_name = read_field(rec, "body.model_name");
  f.input_dataset_name = read_field(rec, "body.input_dataset_name");
  f.input_dataset_version = read_field(rec, "body.input_dataset_version");
  f.started_at = read_field(rec, "body.started_at");
  f.completed_at = read_field(rec, "body.completed_at");
  f.metrics = read_field(rec, "body.metrics");
  return f;
}

CheckReport read_check_report(const RecordRef& rec) {
  CheckReport report;
  report.metadata_path.assign(rec.get_string("body.metadata_path").value_or(""));
  const size_t n = rec.size("body.results");
  for (size_t i = 0; i < n; ++i) {
    const std::string prefix = "body.results." + std::to_string(i) + ".";
    CheckResult r;
    r.check.assign(rec.get_string(prefix + "check").value_or(""));
    // A result that does not say it passed did not.
    r.passed = rec.get_bool(prefix + "passed").value_or(false);
    r.detail.assign(rec.get_string(prefix + "detail").value_or(""));
    report.results.push_back(std::move(r));
  }
  return report;
}

}  // namespace mlobs::validation
