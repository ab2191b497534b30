// What every one-shot command does underneath: write a small pipeline of the shipped plugins
// into a scratch directory of its own, run it with the agent's own runtime, and read back what
// its sinks wrote. There is no second implementation of any plugin behind a command.
#pragma once

#include "cli/commands.h"

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace mlobs::agent {

// A fresh directory under $TMPDIR (or /tmp), removed with everything in it on destruction.
class ScratchDir {
 public:
  ScratchDir();
  ~ScratchDir();
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;

  bool ok() const { return !path_.empty(); }
  const std::filesystem::path& path() const { return path_; }
  std::filesystem::path operator/(std::string_view name) const { return path_ / name; }

 private:
  std::filesystem::path path_;
};

// `text` as a YAML double-quoted scalar (the same escapes as JSON, and "$" doubled against the
// config's ${NAME} expansion), so paths and names from the command line reach the plugins as
// they were typed.
std::string yaml_quoted(std::string_view text);

class OneShotPipeline {
 public:
  // `components`: the sources/processors/sinks sections. `http_listen`: "off", or an address for
  // the admin server (/metrics) of a pipeline that keeps running.
  OneShotPipeline(const ScratchDir& scratch, std::string components,
                  std::string http_listen = "off");

  // Runs the pipeline (options.once for one pass); the exit code of `run`.
  int run(RunOptions options);

  // The JSON lines a sink wrote to `name` in the scratch directory (a file sink's path, or a
  // lineage_file sink's dir: every NDJSON file in it).
  std::vector<std::string> lines_of(std::string_view name) const;
  // Dead-letter lines, copied to stderr so a refused input says why.
  void report_dead_letters() const;

 private:
  const ScratchDir& scratch_;
  std::filesystem::path config_path_;
};

// The body of a record line (the contract object), compact; the line itself when it has none.
std::string body_of(const std::string& record_line);
// The string at body.<field> of a record line; empty when absent.
std::string body_string(const std::string& record_line, const char* field);
// Whether the record line is of `kind`.
bool is_kind(const std::string& record_line, std::string_view kind);

}  // namespace mlobs::agent
