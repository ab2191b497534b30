// RecordFields over a parsed whole-record JSON, with the host's path syntax
// ("body.inputs.0.name"), so the lineage mappings are tested without a host (here and in the
// OpenLineage exporter's tests).
#pragma once

#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "mlobs/lineage/record_fields.h"

namespace mlobs::lineage::testing {

class JsonRecordFields : public RecordFields {
 public:
  explicit JsonRecordFields(const std::string& json) {
    doc_.Parse(json.c_str());
    EXPECT_FALSE(doc_.HasParseError()) << json;
  }

  std::optional<std::string> text(std::string_view path) const override {
    const rapidjson::Value* v = find(path);
    if (!v) return std::nullopt;
    if (v->IsString()) return std::string(v->GetString(), v->GetStringLength());
    if (v->IsInt64()) return std::to_string(v->GetInt64());
    return std::nullopt;
  }

  std::vector<std::string> text_list(std::string_view path) const override {
    std::vector<std::string> out;
    const rapidjson::Value* v = find(path);
    if (v && v->IsArray()) {
      for (rapidjson::SizeType i = 0; i < v->Size(); ++i) {
        if (auto t = text(std::string(path) + "." + std::to_string(i))) out.push_back(*t);
      }
    } else if (auto t = text(path)) {
      out.push_back(*t);
    }
    return out;
  }

 private:
  const rapidjson::Value* find(std::string_view path) const {
    const rapidjson::Value* v = &doc_;
    while (!path.empty()) {
      const size_t dot = path.find('.');
      const std::string part(path.substr(0, dot));
      path = dot == std::string_view::npos ? std::string_view() : path.substr(dot + 1);
      if (v->IsObject()) {
        auto it = v->FindMember(part.c_str());
        if (it == v->MemberEnd()) return nullptr;
        v = &it->value;
      } else if (v->IsArray()) {
        const size_t index = std::stoul(part);
        if (index >= v->Size()) return nullptr;
        v = &(*v)[static_cast<rapidjson::SizeType>(index)];
      } else {
        return nullptr;
      }
    }
    return v;
  }

  rapidjson::Document doc_;
};

}  // namespace mlobs::lineage::testing
