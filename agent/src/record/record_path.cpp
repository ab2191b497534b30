#include "record/record_path.h"

#include <charconv>

namespace mlobs::agent {

namespace {

std::string_view next_segment(std::string_view* rest) {
  const size_t dot = rest->find('.');
  std::string_view seg = rest->substr(0, dot);
  *rest = dot == std::string_view::npos ? std::string_view() : rest->substr(dot + 1);
  return seg;
}

bool parse_index(std::string_view seg, size_t* out) {
  if (seg.empty()) return false;
  auto [p, ec] = std::from_chars(seg.data(), seg.data() + seg.size(), *out);
  return ec == std::errc() && p == seg.data() + seg.size();
}

std::string* envelope_field(Record& rec, std::string_view name) {
  if (name == "kind") return &rec.kind;
  if (name == "id") return &rec.id;
  if (name == "source") return &rec.source;
  if (name == "observed_at") return &rec.observed_at;
  if (name == "request_id") return &rec.request_id;
  return nullptr;
}

Json* child(Json* v, std::string_view seg) {
  if (v->IsObject()) {
    auto it = v->FindMember(Json(rapidjson::StringRef(seg.data(), seg.size())));
    return it == v->MemberEnd() ? nullptr : &it->value;
  }
  size_t index = 0;
  if (v->IsArray() && parse_index(seg, &index) && index < v->Size()) return &(*v)[index];
  return nullptr;
}

}  // namespace

PathTarget find_path(const Record& rec_const, std::string_view path) {
  // The accessors below do not modify; const_cast keeps one walker for reads and writes.
  Record& rec = const_cast<Record&>(rec_const);
  PathTarget t;
  if (path.empty()) {
    t.whole_record = true;
    return t;
  }
  std::string_view rest = path;
  std::string_view head = next_segment(&rest);
  if (head != "body") {
    if (rest.empty()) t.envelope = envelope_field(rec, head);
    return t;
  }
  // One level under a body kept as text: read it without building the body.
  if (!rest.empty() && rest.find('.') == std::string_view::npos) {
    bool needs_body = false;
    const Json* member = rec.find_raw_member(rest, &needs_body);
    if (!needs_body) {
      t.value = const_cast<Json*>(member);  // read-only use: find_path never writes
      return t;
    }
  }
  // The const body: reading builds it without changing the record (others may read it too).
  Json* v = const_cast<Json*>(&rec_const.body());
  while (v && !rest.empty()) v = child(v, next_segment(&rest));
  t.value = v;
  return t;
}

Status make_path(Record* rec, std::string_view path, PathTarget* out) {
  *out = PathTarget();
  std::string_view rest = path;
  std::string_view head = next_segment(&rest);
  if (head != "body") {
    out->envelope = rest.empty() ? envelope_field(*rec, head) : nullptr;
    if (!out->envelope) return Status::FailedPrecondition("no such envelope field");
    return Status::Ok();
  }
  Json* v = &rec->body();
  while (!rest.empty()) {
    std::string_view seg = next_segment(&rest);
    if (Json* c = child(v, seg)) {
      v = c;
      continue;
    }
    if (!v->IsObject()) return Status::FailedPrecondition("path crosses a non-object value");
    v->AddMember(Json(seg.data(), static_cast<rapidjson::SizeType>(seg.size()), json_allocator()),
                 rest.empty() ? Json() : Json(rapidjson::kObjectType), json_allocator());
    v = &(v->MemberEnd() - 1)->value;
  }
  out->value = v;
  return Status::Ok();
}

Status remove_path(Record* rec, std::string_view path) {
  const size_t dot = path.rfind('.');
  if (dot == std::string_view::npos) return Status::FailedPrecondition("cannot remove this path");
  PathTarget parent = find_path(*rec, path.substr(0, dot));
  std::string_view leaf = path.substr(dot + 1);
  if (!parent.value) return Status::NotFound("no value at path");
  if (parent.value->IsObject()) {
    auto it = parent.value->FindMember(Json(rapidjson::StringRef(leaf.data(), leaf.size())));
    if (it == parent.value->MemberEnd()) return Status::NotFound("no value at path");
    parent.value->EraseMember(it);
    return Status::Ok();
  }
  size_t index = 0;
  if (parent.value->IsArray() && parse_index(leaf, &index) && index < parent.value->Size()) {
    parent.value->Erase(parent.value->Begin() + index);
    return Status::Ok();
  }
  return Status::NotFound("no value at path");
}

mlobs_value_type value_type(const Json& v) {
  switch (v.GetType()) {
    case rapidjson::kNullType: return MLOBS_TYPE_NULL;
    case rapidjson::kFalseType:
    case rapidjson::kTrueType: return MLOBS_TYPE_BOOL;
    case rapidjson::kNumberType:
      // An integer beyond int64 reads only as a double (get_int cannot hold it).
      return v.IsInt64() ? MLOBS_TYPE_INT : MLOBS_TYPE_DOUBLE;
    case rapidjson::kStringType: return MLOBS_TYPE_STRING;
    case rapidjson::kArrayType: return MLOBS_TYPE_ARRAY;
    case rapidjson::kObjectType: return MLOBS_TYPE_OBJECT;
  }
  return MLOBS_TYPE_NULL;
}

}  // namespace mlobs::agent
