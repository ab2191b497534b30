// Reads one serving window into a ServingWindow without a DOM: from the members of a body the
// host already parsed (one parse per line on the hot path), or from the line's text with
// RapidJSON's SAX reader. After the first lines neither allocates (the window's strings and the
// reader's stack are reused).
#pragma once

#include "serving_window_contract.h"
#include "window_event_handler.h"

#include <mlobs/plugin.h>
#include <rapidjson/reader.h>

#include <optional>
#include <string>
#include <string_view>

namespace mlobs::serving_ingest {

class ServingWindowParser {
 public:
  static constexpr int kMaxDepth = WindowEventHandler::kMaxDepth;

  // True when every byte is below 0x80: valid UTF-8 whatever else the line holds.
  static bool is_ascii(std::string_view line);

  // False, with `v` set to invalid_json, when the line is not one JSON object. Type errors of
  // contract fields are not parse failures: they are left in `w->wrong_type_field` for
  // validate(). `w` is cleared first.
  bool parse(std::string_view line, ServingWindow* w, Violation* v);

  // The same reading from the members of a parsed body, handed over one by one between begin()
  // and end(), each with its index in a name set made of field_names() (ABI 1.2), which is its
  // field in kFields. end() is false when the members cannot decide as the text would (an
  // integer beyond int64 reaches here as a double): parse() the text then.
  void begin(ServingWindow* w);
  void member(const mlobs_member& m);
  bool end();

 private:
  rapidjson::Reader reader_;
  std::optional<WindowEventHandler> members_;
  bool members_decidable_ = true;
};

}  // namespace mlobs::serving_ingest
