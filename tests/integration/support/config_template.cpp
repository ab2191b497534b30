#include "support/config_template.h"

#include <stdexcept>

namespace mlobs::integration {

std::string fill_template(std::string_view text, const std::map<std::string, std::string>& values) {
  std::string out;
  size_t pos = 0;
  while (pos < text.size()) {
    const size_t open = text.find('@', pos);
    if (open == std::string_view::npos) break;
    const size_t close = text.find('@', open + 1);
    if (close == std::string_view::npos) {
      throw std::invalid_argument("unterminated placeholder in test config: " +
                                  std::string(text.substr(open)));
    }
    const std::string name(text.substr(open + 1, close - open - 1));
    auto it = values.find(name);
    if (it == values.end()) throw std::invalid_argument("no value for @" + name + "@");
    out.append(text.substr(pos, open - pos));
    out += it->second;
    pos = close + 1;
  }
  out.append(text.substr(pos));
  return out;
}

}  // namespace mlobs::integration
