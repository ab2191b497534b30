// Path access into a record, as the ABI defines it: "kind", "body.metrics.rmse",
// "body.results.0.check"; an empty path names the whole record.
#pragma once

#include "record/record.h"

#include <mlobs/plugin.h>

#include <string_view>

namespace mlobs::agent {

// A resolved location: an envelope field or a JSON value inside the body.
struct PathTarget {
  std::string* envelope = nullptr;  // kind/id/source/observed_at/request_id
  Json* value = nullptr;            // body or a value under it
  bool whole_record = false;
};

// Finds an existing value; both pointers null when absent.
PathTarget find_path(const Record& rec, std::string_view path);

// Finds or creates (intermediate objects, then a null leaf) the value at path.
// FAILED_PRECONDITION when the path crosses a non-object or names the whole record.
Status make_path(Record* rec, std::string_view path, PathTarget* out);

// Removes the value at path; NOT_FOUND when absent.
Status remove_path(Record* rec, std::string_view path);

mlobs_value_type value_type(const Json& v);

}  // namespace mlobs::agent
