#include "cli/one_shot_pipeline.h"

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>

namespace mlobs::agent {
namespace {

std::vector<std::string> read_lines(const std::filesystem::path& file) {
  std::vector<std::string> lines;
  std::ifstream in(file);
  for (std::string line; std::getline(in, line);) {
    if (!line.empty()) lines.push_back(std::move(line));
  }
  return lines;
}

}  // namespace

ScratchDir::ScratchDir() {
  const char* tmp = std::getenv("TMPDIR");
  std::string pattern = std::string(tmp && *tmp ? tmp : "/tmp") + "/mlobs-oneshot-XXXXXX";
  if (::mkdtemp(pattern.data()) != nullptr) path_ = pattern;
}

ScratchDir::~ScratchDir() {
  std::error_code ec;
  if (!path_.empty()) std::filesystem::remove_all(path_, ec);
}

std::string yaml_quoted(std::string_view text) {
  std::string out = "\"";
  for (const char c : text) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '$': out += "$$"; break;  // the config expands ${NAME}; "$$" is a literal "$"
      case '\n': out += "\\n"; break;
      case '\t': out += "\\t"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\x%02x", static_cast<unsigned>(c));
          out += buf;
        } else {
          out += c;
        }
    }
  }
  return out + "\"";
}

OneShotPipeline::OneShotPipeline(const ScratchDir& scratch, std::string components,
                                 std::string http_listen)
    : scratch_(scratch), config_path_(scratch / "pipeline.yaml") {
  std::ofstream config(config_path_);
  config << "agent:\n"
         << "  data_dir: " << yaml_quoted((scratch / "data").string()) << "\n"
         << "  http: { listen: " << yaml_quoted(http_listen) << " }\n"
         << "  log: { level: warn }\n"
         << components;
}

int OneShotPipeline::run(RunOptions options) { return run_pipeline(config_path_.string(), options); }

std::vector<std::string> OneShotPipeline::lines_of(std::string_view name) const {
  const std::filesystem::path path = scratch_ / name;
  std::error_code ec;
  if (!std::filesystem::is_directory(path, ec)) return read_lines(path);
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(path, ec)) {
    if (entry.path().extension() == ".ndjson") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  std::vector<std::string> lines;
  for (const auto& file : files) {
    for (auto& line : read_lines(file)) lines.push_back(std::move(line));
  }
  return lines;
}

void OneShotPipeline::report_dead_letters() const {
  for (const std::string& line : read_lines(scratch_ / "data" / "dead_letter.jsonl")) {
    std::cerr << line << "\n";
  }
}

std::string body_of(const std::string& record_line) {
  rapidjson::Document doc;
  doc.Parse(record_line.c_str(), record_line.size());
  if (!doc.IsObject() || !doc.HasMember("body")) return record_line;
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  doc["body"].Accept(writer);
  return std::string(buffer.GetString(), buffer.GetSize());
}

std::string body_string(const std::string& record_line, const char* field) {
  rapidjson::Document doc;
  doc.Parse(record_line.c_str(), record_line.size());
  if (!doc.IsObject() || !doc.HasMember("body") || !doc["body"].IsObject()) return {};
  auto it = doc["body"].FindMember(field);
  if (it == doc["body"].MemberEnd() || !it->value.IsString()) return {};
  return std::string(it->value.GetString(), it->value.GetStringLength());
}

bool is_kind(const std::string& record_line, std::string_view kind) {
  rapidjson::Document doc;
  doc.Parse(record_line.c_str(), record_line.size());
  if (!doc.IsObject()) return false;
  auto it = doc.FindMember("kind");
  return it != doc.MemberEnd() && it->value.IsString() &&
         std::string_view(it->value.GetString(), it->value.GetStringLength()) == kind;
}

}  // namespace mlobs::agent
