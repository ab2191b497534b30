// Parses one JSON line straight into a ServingWindow with RapidJSON's SAX reader: no DOM, and
// after the first lines no allocation (the window's strings and the reader's stack are reused).
#pragma once

#include "serving_window_contract.h"

#include <rapidjson/reader.h>

#include <string_view>

namespace mlobs::serving_ingest {

class ServingWindowParser {
 public:
  // Lines nested deeper than this are refused rather than parsed.
  static constexpr int kMaxDepth = 128;

  // False, with `v` set to invalid_json, when the line is not one JSON object. Type errors of
  // contract fields are not parse failures: they are left in `w->wrong_type_field` for
  // validate(). `w` is cleared first.
  bool parse(std::string_view line, ServingWindow* w, Violation* v);

 private:
  rapidjson::Reader reader_;
};

}  // namespace mlobs::serving_ingest
