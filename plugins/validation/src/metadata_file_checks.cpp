#include "metadata_file_checks.h"

#include "mlobs/read_once/small_file.h"

#include <rapidjson/document.h>
#include <rapidjson/error/en.h>
#include <sys/stat.h>

#include <cerrno>
#include <cstring>

namespace mlobs::validation {
namespace {

constexpr std::string_view kFileExists = "file_exists";
constexpr std::string_view kValidJson = "valid_json";
bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

bool is_directory(const std::string& path) {
  struct stat st {};
  return ::stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
}

const char* entry_kind(mode_t mode) {
  if (S_ISDIR(mode)) return "a directory";
  if (S_ISFIFO(mode)) return "a pipe";
  if (S_ISSOCK(mode)) return "a socket";
  if (S_ISCHR(mode) || S_ISBLK(mode)) return "a device";
  return "not a regular file";
}

// The file's text, or why it cannot be had. Reads at most one byte past the limit, so an
// oversized file is refused without being held.
bool read_limited(const std::string& path, std::string* out, std::string* problem) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) {
    *problem = "cannot read " + path + ": " + std::strerror(errno);
    return false;
  }
  if (!S_ISREG(st.st_mode)) {
    *problem = "cannot read " + path + ": it is " + entry_kind(st.st_mode);
    return false;
  }
  if (read_once::read_small_file(path, out)) return true;
  *problem = out->size() > read_once::kMaxMetadataBytes
                 ? path + " is over 1 MiB, not read"
                 : "cannot read " + path + ": " + std::strerror(errno);
  return false;
}

const char* json_kind(const rapidjson::Value& v) {
  if (v.IsArray()) return "an array";
  if (v.IsString()) return "a string";
  if (v.IsNumber()) return "a number";
  if (v.IsBool()) return "a boolean";
  return "null";
}

}  // namespace

std::string metadata_file_of(const std::string& path) {
  if (!path.empty() && is_directory(path)) {
    return path + (ends_with(path, "/") ? "" : "/") + "metadata.json";
  }
  return path;
}

CheckResult check_file_exists(const std::string& path, ExpectedEntry expected) {
  if (path.empty()) return CheckResult::fail(kFileExists, "the record names no path");
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) {
    return CheckResult::fail(kFileExists, path + " cannot be found: " + std::strerror(errno));
  }
  if (S_ISREG(st.st_mode)) return CheckResult::pass(kFileExists);
  if (expected == ExpectedEntry::kFileOrDirectory && S_ISDIR(st.st_mode)) {
    return CheckResult::pass(kFileExists);
  }
  return CheckResult::fail(
      kFileExists, path + " is " + entry_kind(st.st_mode) +
                       (expected == ExpectedEntry::kRegularFile ? ", not a regular file"
                                                                : ", not a file or directory"));
}

std::string json_object_problem(std::string_view text) {
  rapidjson::Document doc;
  // UTF-8 is checked as records require it.
  doc.Parse<rapidjson::kParseValidateEncodingFlag>(text.data(), text.size());
  if (doc.HasParseError()) {
    return std::string("not valid JSON at byte ") + std::to_string(doc.GetErrorOffset()) + ": " +
           rapidjson::GetParseError_En(doc.GetParseError());
  }
  if (!doc.IsObject()) return std::string("the JSON is ") + json_kind(doc) + ", not an object";
  return {};
}

CheckResult check_valid_json(const std::string& path, JsonExpectation expectation) {
  if (path.empty()) return CheckResult::fail(kValidJson, "the record names no path");
  const bool directory = is_directory(path);
  if (expectation == JsonExpectation::kJsonInputsOnly && !directory && !ends_with(path, ".json")) {
    return CheckResult::pass(kValidJson);  // not a JSON input
  }
  const std::string file = directory ? metadata_file_of(path) : path;
  std::string text;
  std::string problem;
  if (!read_limited(file, &text, &problem)) return CheckResult::fail(kValidJson, problem);
  problem = json_object_problem(text);
  if (!problem.empty()) return CheckResult::fail(kValidJson, file + ": " + problem);
  return CheckResult::pass(kValidJson);
}

}  // namespace mlobs::validation
