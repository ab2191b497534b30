// The events of one serving window, whether they come from RapidJSON's SAX reader over the line
// or from the members of a body the host already parsed: each contract field lands in the
// ServingWindow, type errors are noted for validate(). Only members of the root object are
// looked at; anything nested below a field the contract does not name is skipped.
#pragma once

#include "serving_window_contract.h"

#include <rapidjson/reader.h>

#include <charconv>
#include <cstdint>
#include <limits>

namespace mlobs::serving_ingest {

class WindowEventHandler
    : public rapidjson::BaseReaderHandler<rapidjson::UTF8<>, WindowEventHandler> {
 public:
  // Lines nested deeper than this are refused rather than parsed.
  static constexpr int kMaxDepth = 128;

  explicit WindowEventHandler(ServingWindow* w) : w_(w) {}

  bool root_not_object() const { return root_not_object_; }
  bool too_deep() const { return too_deep_; }

  bool StartObject() { return open(/*object=*/true); }
  bool EndObject(rapidjson::SizeType) { return close(); }
  bool StartArray() { return open(/*object=*/false); }
  bool EndArray(rapidjson::SizeType) { return close(); }

  bool Key(const char* s, rapidjson::SizeType n, bool) {
    Field(field_index(std::string_view(s, n)));
    return true;
  }
  // A key whose field_index() the caller already knows.
  void Field(int field) {
    if (depth_ == 1) field_ = field;
  }

  bool Null() {
    if (depth_ == 0) return refuse_root();
    if (!at_field()) return true;
    // An optional field set to null is as good as absent; a required one is not.
    if (spec().required) wrong_type();
    w_->present &= ~bit();
    return true;
  }

  bool Bool(bool) {
    if (depth_ == 0) return refuse_root();
    if (at_field()) wrong_type();
    return true;
  }

  bool Int(int i) { return integer(i); }
  bool Uint(unsigned u) { return integer(static_cast<int64_t>(u)); }
  bool Int64(int64_t i) { return integer(i); }
  bool Uint64(uint64_t u) {
    // Beyond int64 is still a non-negative count; clamp rather than wrap.
    constexpr auto kMax = std::numeric_limits<int64_t>::max();
    return integer(u > static_cast<uint64_t>(kMax) ? kMax : static_cast<int64_t>(u));
  }

  bool Double(double d) {
    if (depth_ == 0) return refuse_root();
    if (!at_field()) return true;
    const FieldSpec& f = spec();
    if (f.type == FieldType::kLatency) {
      w_->*f.number = d;
      w_->present |= bit();
    } else {
      wrong_type();  // 1.5, and 1.0 too, is not a count
    }
    return true;
  }

  // `copy`: the string lives only for the call (the SAX reader's), so it is kept in the window.
  bool String(const char* s, rapidjson::SizeType n, bool copy) {
    if (depth_ == 0) return refuse_root();
    if (!at_field()) return true;
    const FieldSpec& f = spec();
    if (f.text == nullptr) {
      wrong_type();
      return true;
    }
    std::string_view text(s, n);
    if (copy) {
      const size_t at = w_->text_storage.size();
      w_->text_storage.append(text);
      text = std::string_view(w_->text_storage).substr(at);
    }
    w_->*f.text = text;
    w_->present |= bit();
    return true;
  }

 private:
  bool at_field() const { return depth_ == 1 && field_ >= 0; }
  const FieldSpec& spec() const { return kFields[static_cast<size_t>(field_)]; }
  uint64_t bit() const { return uint64_t{1} << field_; }

  bool refuse_root() {
    root_not_object_ = true;
    return false;
  }

  void wrong_type() {
    if (w_->wrong_type_field < 0) w_->wrong_type_field = field_;
  }

  bool integer(int64_t i) {
    if (depth_ == 0) return refuse_root();
    if (!at_field()) return true;
    const FieldSpec& f = spec();
    switch (f.type) {
      case FieldType::kCount:
        w_->*f.count = i;
        break;
      case FieldType::kLatency:
        w_->*f.number = static_cast<double>(i);
        break;
      case FieldType::kSchemaVersion: {
        char* digits = w_->schema_version_digits;
        const auto r = std::to_chars(digits, digits + sizeof(w_->schema_version_digits), i);
        w_->*f.text = std::string_view(digits, static_cast<size_t>(r.ptr - digits));
        break;
      }
      case FieldType::kString:
      case FieldType::kTimestamp:
        wrong_type();
        return true;
    }
    w_->present |= bit();
    return true;
  }

  bool open(bool object) {
    if (depth_ == 0 && !object) return refuse_root();
    if (at_field()) {
      wrong_type();  // an object or array where the contract wants a scalar
      field_ = -1;
    }
    if (++depth_ > kMaxDepth) {
      too_deep_ = true;
      return false;
    }
    return true;
  }

  bool close() {
    --depth_;
    if (depth_ == 1) field_ = -1;
    return true;
  }

  ServingWindow* w_;
  int depth_ = 0;
  int field_ = -1;
  bool root_not_object_ = false;
  bool too_deep_ = false;
};

}  // namespace mlobs::serving_ingest
