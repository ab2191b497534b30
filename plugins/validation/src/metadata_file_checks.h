// The two checks about the metadata on disk: `file_exists` and `valid_json`. They read the file
// system (stat, and at most 1 MiB of one file) and nothing else.
#pragma once

#include <string>
#include <string_view>

#include "mlobs/check_report/check_report.h"

namespace mlobs::validation {

enum class ExpectedEntry {
  kRegularFile,      // a dataset build's file
  kFileOrDirectory,  // a training run's metadata file or bundle directory
};

// The metadata file a path stands for: a directory's metadata.json, else the path itself.
std::string metadata_file_of(const std::string& path);

// file_exists: the path names an existing entry of the expected kind.
CheckResult check_file_exists(const std::string& path, ExpectedEntry expected);

enum class JsonExpectation {
  // A .json file or a bundle directory is parsed; any other input (a Parquet file) is not a
  // JSON input and passes.
  kJsonInputsOnly,
  // The file, or the bundle directory's metadata.json, must be JSON whatever its name.
  kAlways,
};

// valid_json: the metadata file holds one JSON object (at most 1 MiB, UTF-8).
CheckResult check_valid_json(const std::string& path, JsonExpectation expectation);

// The same for text at hand: empty detail when it is one JSON object, else why not.
std::string json_object_problem(std::string_view text);

}  // namespace mlobs::validation
