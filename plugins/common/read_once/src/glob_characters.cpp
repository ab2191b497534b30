#include "mlobs/read_once/glob_characters.h"

namespace mlobs::read_once {

bool has_glob_characters(std::string_view pattern) {
  return pattern.find_first_of("*?[\\") != std::string_view::npos;
}

}  // namespace mlobs::read_once
