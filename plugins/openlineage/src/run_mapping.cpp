#include "run_mapping.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <utility>

#include "lineage_record_run.h"
#include "mlobs/lineage/record_mapping.h"

namespace mlobs::openlineage {
namespace {

constexpr std::string_view kDatasetBuild = "dataset_build";
constexpr std::string_view kLineage = "lineage";

// A count written as an integer or as decimal text ("1000"); nullopt for anything else.
std::optional<int64_t> count_of(const lineage::RecordFields& record, std::string_view path) {
  const std::optional<std::string> text = record.text(path);
  if (!text || text->empty()) return std::nullopt;
  int64_t value = 0;
  const char* end = text->data() + text->size();
  auto [ptr, ec] = std::from_chars(text->data(), end, value);
  if (ec != std::errc() || ptr != end || value < 0) return std::nullopt;
  return value;
}

}  // namespace

bool is_failure_status(std::string_view status) {
  std::string lower(status);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return lower == "failed" || lower == "fail" || lower == "failure" || lower == "error" ||
         lower == "errored";
}

MappedRun map_run(const lineage::RecordFields& record, std::string_view namespace_name) {
  if (record.text("kind") == kLineage) return map_lineage_record(record, namespace_name);

  lineage::MappedEvent mapped = lineage::map_record(record, namespace_name);
  MappedRun out;
  if (!mapped.event) {
    out.reason = std::move(mapped.reason);
    out.detail = std::move(mapped.detail);
    return out;
  }
  RunToExport& run = out.run.emplace();
  run.event = std::move(*mapped.event);
  if (std::optional<std::string> status = record.text("body.status")) {
    if (is_failure_status(*status)) run.terminal_type = "FAIL";
  }
  if (record.text("kind") == kDatasetBuild) {
    for (std::string& column : record.text_list("body.columns")) {
      if (!column.empty()) run.output_columns.push_back(std::move(column));
    }
    run.output_row_count = count_of(record, "body.row_count");
  }
  return out;
}

}  // namespace mlobs::openlineage
