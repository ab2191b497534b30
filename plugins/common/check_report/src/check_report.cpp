#include "mlobs/check_report/check_report.h"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>
#include <utility>

namespace mlobs {
namespace {

void write_string(rapidjson::Writer<rapidjson::StringBuffer>& w, std::string_view s) {
  w.String(s.data(), static_cast<rapidjson::SizeType>(s.size()));
}

}  // namespace

CheckResult CheckResult::pass(std::string_view check) { return {std::string(check), true, {}}; }

CheckResult CheckResult::fail(std::string_view check, std::string detail) {
  return {std::string(check), false, std::move(detail)};
}

bool CheckReport::all_passed() const {
  return std::all_of(results.begin(), results.end(), [](const CheckResult& r) { return r.passed; });
}

std::string CheckReport::body_json() const {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> w(buffer);
  w.StartObject();
  w.Key("metadata_path");
  write_string(w, metadata_path);
  w.Key("all_passed");
  w.Bool(all_passed());
  w.Key("results");
  w.StartArray();
  for (const CheckResult& r : results) {
    w.StartObject();
    w.Key("check");
    write_string(w, r.check);
    w.Key("passed");
    w.Bool(r.passed);
    if (!r.passed) {
      w.Key("detail");
      write_string(w, r.detail);
    }
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  return std::string(buffer.GetString(), buffer.GetSize());
}

}  // namespace mlobs
