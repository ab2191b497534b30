#include "record/raw_body_index.h"

#include <rapidjson/reader.h>

namespace mlobs::agent {

struct RawBodyIndexBuilder
    : rapidjson::BaseReaderHandler<rapidjson::UTF8<>, RawBodyIndexBuilder> {
  explicit RawBodyIndexBuilder(RawBodyIndex* index) : index_(index) {}

  bool Key(const char* s, rapidjson::SizeType n, bool) {
    if (depth_ == 1) key_ = std::string_view(s, n);
    return true;
  }
  bool Null() { return scalar(Json()); }
  bool Bool(bool b) { return scalar(Json(b)); }
  bool Int(int i) { return scalar(Json(i)); }
  bool Uint(unsigned u) { return scalar(Json(u)); }
  bool Int64(int64_t i) { return scalar(Json(i)); }
  bool Uint64(uint64_t u) { return scalar(Json(u)); }
  bool Double(double d) { return scalar(Json(d)); }
  bool String(const char* s, rapidjson::SizeType n, bool) {
    return scalar(Json(rapidjson::StringRef(s, n)));
  }
  bool StartObject() { return open(); }
  bool EndObject(rapidjson::SizeType) { return close(); }
  bool StartArray() { return open(); }
  bool EndArray(rapidjson::SizeType) { return close(); }

 private:
  bool scalar(Json v) {
    if (depth_ == 1) index_->members_.push_back({key_, std::move(v), false});
    return true;
  }
  bool open() {
    if (depth_ == 1) index_->members_.push_back({key_, Json(), true});
    ++depth_;
    return true;
  }
  bool close() {
    --depth_;
    return true;
  }

  RawBodyIndex* index_;
  int depth_ = 0;
  std::string_view key_;
};

RawBodyIndex::RawBodyIndex(const std::string& raw) : text_(raw) {
  members_.reserve(48);
  RawBodyIndexBuilder builder(this);
  rapidjson::InsituStringStream in(text_.data());
  rapidjson::Reader reader;
  valid_ = !reader.Parse<rapidjson::kParseInsituFlag>(in, builder).IsError();
}

RawBodyIndex::Lookup RawBodyIndex::find(std::string_view key, const Json** out) const {
  if (!valid_) return Lookup::kNeedsDom;
  const size_t n = members_.size();
  for (size_t step = 0; step < n; ++step) {
    const size_t i = (hint_ + step) % n;
    if (members_[i].name != key) continue;
    hint_ = i + 1;
    if (members_[i].nested) return Lookup::kNeedsDom;
    *out = &members_[i].value;
    return Lookup::kFound;
  }
  return Lookup::kAbsent;
}

}  // namespace mlobs::agent
