#include "field_value.h"

namespace mlobs::validation {

const char* describe_type(mlobs_value_type type) {
  switch (type) {
    case MLOBS_TYPE_ABSENT:
      return "missing";
    case MLOBS_TYPE_NULL:
      return "null";
    case MLOBS_TYPE_BOOL:
      return "a boolean";
    case MLOBS_TYPE_INT:
    case MLOBS_TYPE_DOUBLE:
      return "a number";
    case MLOBS_TYPE_STRING:
      return "a string";
    case MLOBS_TYPE_ARRAY:
      return "an array";
    case MLOBS_TYPE_OBJECT:
      return "an object";
    default:
      return "of an unknown type";
  }
}

}  // namespace mlobs::validation
