#include "dataset_build.h"

#include "mlobs/rfc3339/rfc3339.h"

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>
#include <charconv>
#include <cmath>

namespace mlobs::dataset_adapter {
namespace {

bool is_leap(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int days_in_month(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && is_leap(year) ? 29 : kDays[month - 1];
}

// Exactly the digits of `s`, as a number.
std::optional<int> digits(std::string_view s) {
  int v = 0;
  if (s.empty() || !std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return std::nullopt;
  }
  std::from_chars(s.data(), s.data() + s.size(), v);
  return v;
}

std::optional<int64_t> non_negative_integer(std::string_view s) {
  int64_t v = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || end != s.data() + s.size() || v < 0) return std::nullopt;
  return v;
}

std::optional<double> non_negative_seconds(std::string_view s) {
  double v = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || end != s.data() + s.size() || !(v >= 0) || !std::isfinite(v)) {
    return std::nullopt;
  }
  return v;
}

// "a, b,c" -> {"a", "b", "c"}; empty entries left out.
std::vector<std::string> comma_separated(std::string_view s) {
  std::vector<std::string> out;
  while (!s.empty()) {
    const size_t comma = std::min(s.find(','), s.size());
    std::string_view item = s.substr(0, comma);
    while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
    while (!item.empty() && item.back() == ' ') item.remove_suffix(1);
    if (!item.empty()) out.emplace_back(item);
    s.remove_prefix(std::min(comma + 1, s.size()));
  }
  return out;
}

Mapped problem(std::string reason, std::string detail) {
  Mapped m;
  m.reason = std::move(reason);
  m.detail = std::move(detail);
  return m;
}

}  // namespace

std::optional<std::string> built_at_from_build_timestamp(std::string_view t) {
  // YYYYMMDD_HHMMSS
  if (t.size() != 15 || t[8] != '_') return std::nullopt;
  const auto year = digits(t.substr(0, 4));
  const auto month = digits(t.substr(4, 2));
  const auto day = digits(t.substr(6, 2));
  const auto hour = digits(t.substr(9, 2));
  const auto minute = digits(t.substr(11, 2));
  const auto second = digits(t.substr(13, 2));
  if (!year || !month || !day || !hour || !minute || !second) return std::nullopt;
  if (*month < 1 || *month > 12 || *day < 1 || *day > days_in_month(*year, *month) ||
      *hour > 23 || *minute > 59 || *second > 59) {
    return std::nullopt;
  }
  std::string out;
  out.reserve(20);
  out.append(t.substr(0, 4)).append("-").append(t.substr(4, 2)).append("-");
  out.append(t.substr(6, 2)).append("T").append(t.substr(9, 2)).append(":");
  out.append(t.substr(11, 2)).append(":").append(t.substr(13, 2)).append("Z");
  return out;
}

Mapped map_parquet_footer(const std::filesystem::path& file, const parquet::Footer& footer,
                          const DatasetSettings& settings) {
  auto value_of = [&](std::string_view key) -> const std::string* {
    for (const auto& [k, v] : footer.key_values) {
      if (k == key) return &v;
    }
    return nullptr;
  };
  const std::string* build_timestamp = value_of("build_timestamp");
  if (!build_timestamp) {
    return problem("missing_key", "the footer's key/value metadata has no build_timestamp");
  }
  auto built_at = built_at_from_build_timestamp(*build_timestamp);
  if (!built_at) {
    return problem("bad_build_timestamp", "build_timestamp \"" + *build_timestamp +
                                              "\" is not a date and time as YYYYMMDD_HHMMSS");
  }
  DatasetBuild b;
  b.dataset_name = file.stem().string();
  b.dataset_version = *build_timestamp;
  b.built_at = std::move(*built_at);
  b.path = file.string();
  if (const std::string* rows = value_of("row_count")) {
    b.row_count = non_negative_integer(*rows);
    if (!b.row_count) {
      return problem("bad_row_count", "row_count \"" + *rows + "\" is not an integer >= 0");
    }
  } else {
    b.row_count = footer.num_rows;
  }
  const auto non_features = std::count_if(
      footer.columns.begin(), footer.columns.end(), [&](const std::string& column) {
        return std::find(settings.non_feature_columns.begin(), settings.non_feature_columns.end(),
                         column) != settings.non_feature_columns.end();
      });
  b.feature_count = static_cast<int64_t>(footer.columns.size()) - non_features;
  b.target = settings.target;
  b.entity = settings.entity;
  b.event_ts = settings.event_ts;
  if (const std::string* v = value_of("schema_version")) b.schema_version = *v;
  if (const std::string* v = value_of("build_duration_seconds")) {
    b.build_duration_seconds = non_negative_seconds(*v);
    if (!b.build_duration_seconds) {
      return problem("bad_build_duration",
                     "build_duration_seconds \"" + *v + "\" is not a number of seconds >= 0");
    }
  }
  if (const std::string* v = value_of("source_data")) b.source_data = comma_separated(*v);
  Mapped m;
  m.build = std::move(b);
  return m;
}

Mapped map_metadata_json(const std::filesystem::path& file, std::string_view text,
                         const DatasetSettings& settings) {
  rapidjson::Document doc;
  doc.Parse<rapidjson::kParseValidateEncodingFlag>(text.data(), text.size());
  if (doc.HasParseError() || !doc.IsObject()) {
    return problem("invalid_json", doc.HasParseError()
                                       ? "the metadata is not JSON (offset " +
                                             std::to_string(doc.GetErrorOffset()) + ")"
                                       : "the metadata is not a JSON object");
  }
  std::string wrong;  // the first field of the wrong type
  auto text_of = [&](const char* key) -> std::optional<std::string> {
    auto it = doc.FindMember(key);
    if (it == doc.MemberEnd() || it->value.IsNull()) return std::nullopt;
    if (!it->value.IsString()) {
      if (wrong.empty()) wrong = key;
      return std::nullopt;
    }
    return std::string(it->value.GetString(), it->value.GetStringLength());
  };
  auto count_of = [&](const char* key) -> std::optional<int64_t> {
    auto it = doc.FindMember(key);
    if (it == doc.MemberEnd() || it->value.IsNull()) return std::nullopt;
    if (!it->value.IsInt64() || it->value.GetInt64() < 0) {
      if (wrong.empty()) wrong = key;
      return std::nullopt;
    }
    return it->value.GetInt64();
  };

  DatasetBuild b;
  b.dataset_name = text_of("dataset_name").value_or("");
  b.dataset_version = text_of("dataset_version").value_or("");
  b.built_at = text_of("built_at").value_or("");
  b.path = text_of("path").value_or(file.string());
  b.row_count = count_of("row_count");
  b.feature_count = count_of("feature_count");
  b.target = text_of("target").value_or(settings.target);
  b.entity = text_of("entity").value_or(settings.entity);
  b.event_ts = text_of("event_ts").value_or(settings.event_ts);
  b.schema_version = text_of("schema_version").value_or("");
  const std::optional<std::string> build_timestamp = text_of("build_timestamp");
  if (!wrong.empty()) {
    return problem("wrong_type", "\"" + wrong + "\" is not " +
                                     (wrong == "row_count" || wrong == "feature_count"
                                          ? "an integer >= 0"
                                          : "a string"));
  }
  if (auto it = doc.FindMember("build_duration_seconds");
      it != doc.MemberEnd() && !it->value.IsNull()) {
    if (!it->value.IsNumber() || !(it->value.GetDouble() >= 0)) {
      return problem("wrong_type", "\"build_duration_seconds\" is not a number >= 0");
    }
    b.build_duration_seconds = it->value.GetDouble();
  }
  if (auto it = doc.FindMember("source_data"); it != doc.MemberEnd() && !it->value.IsNull()) {
    if (it->value.IsString()) {
      b.source_data.emplace_back(it->value.GetString(), it->value.GetStringLength());
    } else if (it->value.IsArray()) {
      for (const auto& item : it->value.GetArray()) {
        if (!item.IsString()) {
          return problem("wrong_type", "\"source_data\" is not a string or a list of strings");
        }
        b.source_data.emplace_back(item.GetString(), item.GetStringLength());
      }
    } else {
      return problem("wrong_type", "\"source_data\" is not a string or a list of strings");
    }
  }
  if (build_timestamp) {
    auto built_at = built_at_from_build_timestamp(*build_timestamp);
    if (!built_at) {
      return problem("bad_build_timestamp", "build_timestamp \"" + *build_timestamp +
                                                "\" is not a date and time as YYYYMMDD_HHMMSS");
    }
    if (b.dataset_version.empty()) b.dataset_version = *build_timestamp;
    if (b.built_at.empty()) b.built_at = std::move(*built_at);
  }
  if (b.dataset_name.empty()) return problem("missing_field", "the metadata has no dataset_name");
  if (b.dataset_version.empty()) {
    return problem("missing_field", "the metadata has no dataset_version (nor build_timestamp)");
  }
  if (b.built_at.empty()) {
    return problem("missing_field", "the metadata has no built_at (nor build_timestamp)");
  }
  rfc3339::Timestamp parsed;
  if (!rfc3339::parse(b.built_at, &parsed)) {
    return problem("bad_timestamp", "built_at \"" + b.built_at + "\" is not an RFC 3339 time");
  }
  Mapped m;
  m.build = std::move(b);
  return m;
}

std::string DatasetBuild::to_json() const {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> w(buffer);
  auto text = [&w](const char* key, const std::string& value) {
    if (value.empty()) return;
    w.Key(key);
    w.String(value.data(), static_cast<rapidjson::SizeType>(value.size()));
  };
  auto number = [&w](const char* key, const std::optional<int64_t>& value) {
    if (!value) return;
    w.Key(key);
    w.Int64(*value);
  };
  w.StartObject();
  text("dataset_name", dataset_name);
  text("dataset_version", dataset_version);
  text("path", path);
  text("built_at", built_at);
  number("row_count", row_count);
  number("feature_count", feature_count);
  text("target", target);
  text("entity", entity);
  text("event_ts", event_ts);
  text("schema_version", schema_version);
  if (build_duration_seconds) {
    w.Key("build_duration_seconds");
    w.Double(*build_duration_seconds);
  }
  if (!source_data.empty()) {
    w.Key("source_data");
    w.StartArray();
    for (const std::string& s : source_data) {
      w.String(s.data(), static_cast<rapidjson::SizeType>(s.size()));
    }
    w.EndArray();
  }
  w.EndObject();
  return std::string(buffer.GetString(), buffer.GetSize());
}

}  // namespace mlobs::dataset_adapter
