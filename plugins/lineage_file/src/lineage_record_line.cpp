#include "lineage_record_line.h"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <string_view>

#include "mlobs/lineage/record_mapping.h"

namespace mlobs::lineage_file {

std::optional<Refusal> append_lineage_record_line(const RecordRef& record, std::string* out) {
  if (record.type("body") != MLOBS_TYPE_OBJECT) {
    return Refusal{lineage::kInvalidField, "lineage record whose body is not an object"};
  }
  switch (record.type("body.event_id")) {
    case MLOBS_TYPE_ABSENT:
      break;
    case MLOBS_TYPE_STRING:
      if (record.get_string("body.event_id").value_or("").empty()) {
        return Refusal{lineage::kInvalidField, "lineage record whose body.event_id is empty"};
      }
      record.append_json(out, "body");
      return std::nullopt;
    default:
      return Refusal{lineage::kInvalidField, "lineage record whose body.event_id is not a string"};
  }

  const std::string_view id = record.get_string("id").value_or("");
  if (id.empty()) {
    return Refusal{lineage::kMissingField, "lineage record without body.event_id or an id"};
  }
  rapidjson::StringBuffer event_id;
  rapidjson::Writer<rapidjson::StringBuffer> writer(event_id);
  writer.String(id.data(), static_cast<rapidjson::SizeType>(id.size()));
  const std::string body = record.to_json("body");
  out->append("{\"event_id\":");
  out->append(event_id.GetString(), event_id.GetSize());
  if (record.size("body") > 0) out->push_back(',');
  out->append(body, 1, std::string::npos);  // the members and the closing brace
  return std::nullopt;
}

}  // namespace mlobs::lineage_file
