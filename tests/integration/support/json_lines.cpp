#include "support/json_lines.h"

#include <rapidjson/error/en.h>

namespace mlobs::integration {

std::optional<rapidjson::Document> parse_json(std::string_view text) {
  rapidjson::Document doc;
  doc.Parse(text.data(), text.size());
  if (doc.HasParseError()) return std::nullopt;
  return doc;
}

JsonLines parse_json_lines(std::string_view text) {
  JsonLines out;
  size_t begin = 0;
  for (int line_no = 1; begin < text.size(); ++line_no) {
    size_t end = text.find('\n', begin);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view line = text.substr(begin, end - begin);
    begin = end + 1;
    if (line.empty()) continue;
    rapidjson::Document doc;
    doc.Parse(line.data(), line.size());
    if (doc.HasParseError()) {
      out.errors.push_back("line " + std::to_string(line_no) + ": " +
                           rapidjson::GetParseError_En(doc.GetParseError()));
      continue;
    }
    out.docs.push_back(std::move(doc));
  }
  return out;
}

const rapidjson::Value* json_at(const rapidjson::Value& v, std::string_view dotted_path) {
  const rapidjson::Value* cur = &v;
  while (!dotted_path.empty()) {
    const size_t dot = dotted_path.find('.');
    const std::string_view key = dotted_path.substr(0, dot);
    if (!cur->IsObject()) return nullptr;
    auto it = cur->FindMember(rapidjson::Value(
        rapidjson::StringRef(key.data(), static_cast<rapidjson::SizeType>(key.size()))));
    if (it == cur->MemberEnd()) return nullptr;
    cur = &it->value;
    dotted_path = dot == std::string_view::npos ? std::string_view() : dotted_path.substr(dot + 1);
  }
  return cur;
}

std::optional<std::string> json_string(const rapidjson::Value& v, std::string_view dotted_path) {
  const rapidjson::Value* f = json_at(v, dotted_path);
  if (!f || !f->IsString()) return std::nullopt;
  return std::string(f->GetString(), f->GetStringLength());
}

std::optional<int64_t> json_int(const rapidjson::Value& v, std::string_view dotted_path) {
  const rapidjson::Value* f = json_at(v, dotted_path);
  if (!f || !f->IsInt64()) return std::nullopt;
  return f->GetInt64();
}

std::optional<std::string> json_text(const rapidjson::Value& v, std::string_view dotted_path) {
  const rapidjson::Value* f = json_at(v, dotted_path);
  if (!f) return std::nullopt;
  if (f->IsString()) return std::string(f->GetString(), f->GetStringLength());
  if (f->IsInt64()) return std::to_string(f->GetInt64());
  if (f->IsUint64()) return std::to_string(f->GetUint64());
  return std::nullopt;
}

}  // namespace mlobs::integration
