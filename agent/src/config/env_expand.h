// ${NAME} and ${NAME:-default} references in config values. `$$` is a literal `$`; a `$` not
// followed by `{` or `$` stays as written.
#pragma once

#include "config/config.h"

#include <string>
#include <string_view>
#include <vector>

namespace mlobs::agent {

struct EnvExpandError {
  std::string message;
  std::string hint;
};

struct EnvExpandResult {
  std::string value;
  // True when a variable's value went in: the result may hold a secret and must not be echoed.
  bool used_environment = false;
  std::vector<EnvExpandError> errors;  // empty on success

  bool ok() const { return errors.empty(); }
};

// The default applies when the variable is unset or empty (as in POSIX shells). An unset
// variable without a default is an error; so are a bad name and a missing `}`.
EnvExpandResult expand_env(std::string_view text, const EnvLookup& env);

}  // namespace mlobs::agent
