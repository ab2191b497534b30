// A body field as the checks see it: its JSON type and, for scalars, its value. The plugin
// reads these from records; tests make them directly.
#pragma once

#include <mlobs/plugin.h>

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace mlobs::validation {

struct FieldValue {
  mlobs_value_type type = MLOBS_TYPE_ABSENT;
  std::string text;     // STRING
  int64_t integer = 0;  // INT
  double number = 0;    // INT or DOUBLE
  // OBJECT: each member's name and type (the checks look no deeper).
  std::vector<std::pair<std::string, mlobs_value_type>> members;

  static FieldValue absent() { return {}; }
  static FieldValue string(std::string s) {
    FieldValue v;
    v.type = MLOBS_TYPE_STRING;
    v.text = std::move(s);
    return v;
  }
  static FieldValue integer_value(int64_t i) {
    FieldValue v;
    v.type = MLOBS_TYPE_INT;
    v.integer = i;
    v.number = static_cast<double>(i);
    return v;
  }
  static FieldValue double_value(double d) {
    FieldValue v;
    v.type = MLOBS_TYPE_DOUBLE;
    v.number = d;
    return v;
  }
  static FieldValue object(std::vector<std::pair<std::string, mlobs_value_type>> members) {
    FieldValue v;
    v.type = MLOBS_TYPE_OBJECT;
    v.members = std::move(members);
    return v;
  }
  static FieldValue of_type(mlobs_value_type type) {
    FieldValue v;
    v.type = type;
    return v;
  }

  bool is_string() const { return type == MLOBS_TYPE_STRING; }
  bool is_number() const { return type == MLOBS_TYPE_INT || type == MLOBS_TYPE_DOUBLE; }
};

// "a string", "a number", "an object", ... for details.
const char* describe_type(mlobs_value_type type);

}  // namespace mlobs::validation
