// rfc3339::parse_unix_nanos with a memory of the last text: the windows of a batch mostly share
// their bounds (every deployment reports the same minute), so most parses become one compare.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "mlobs/rfc3339/rfc3339.h"

namespace mlobs::serving_health {

class Rfc3339Memo {
 public:
  std::optional<int64_t> parse(std::string_view text) {
    if (!parsed_any_ || text != text_) {
      text_.assign(text);
      value_ = rfc3339::parse_unix_nanos(text);
      parsed_any_ = true;
    }
    return value_;
  }

 private:
  bool parsed_any_ = false;
  std::string text_;
  std::optional<int64_t> value_;
};

}  // namespace mlobs::serving_health
