// Loads plugin files with Boost.DLL and negotiates the ABI. Every failure is one clear line
// naming the file and the reason: not loadable, no entry point, another ABI major (both
// versions named), a malformed descriptor.
#pragma once

#include "config/config.h"

#include <mlobs/plugin.h>

#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace boost::dll {
class shared_library;
}

namespace mlobs::agent {

// One loaded plugin file. Keeps the library mapped while any component type of it is in use.
class PluginLibrary {
 public:
  ~PluginLibrary();
  std::string file;
  std::string id, name, version, license;
  uint32_t abi_major = 0, abi_minor = 0;

 private:
  friend class PluginLoader;
  std::unique_ptr<boost::dll::shared_library> lib_;
};

// A component type offered by a loaded plugin, with its descriptor read defensively
// (struct_size-limited copies, zero-filled).
struct ComponentType {
  ComponentSchema schema;  // kind, type_name, keys
  std::string description;
  mlobs_component_vtable vtable{};
  bool reads_only = false;  // a processor declared MLOBS_PROCESSOR_READS_ONLY
  // A built-in source reporting on the pipeline itself (agent_events): under `run --once` it
  // ends after the other sources, not when it first has nothing.
  bool reports_on_pipeline = false;
  std::shared_ptr<PluginLibrary> library;
};

// What `mlobs-agent plugins` prints per file.
struct PluginReport {
  std::string file;
  bool ok = false;
  std::string error;  // one line when !ok
  std::shared_ptr<PluginLibrary> library;
  std::vector<std::string> component_types;  // "source:jsonl_file"
};

class PluginLoader {
 public:
  // Loads one file; on failure returns nullptr and sets report->error.
  static std::shared_ptr<PluginLibrary> load(const std::filesystem::path& file,
                                             std::vector<ComponentType>* types,
                                             PluginReport* report);
};

// Every component type from a set of plugin directories.
class PluginCatalog {
 public:
  // Loads every *.so in each directory (non-recursive, sorted by name).
  void load_directories(const std::vector<std::string>& dirs);
  // Loads a single file (tests, the SDK harness).
  bool load_file(const std::filesystem::path& file, std::string* error);
  // A component type built into the agent (no library behind it).
  void add_builtin(ComponentType type);

  const std::vector<PluginReport>& reports() const { return reports_; }
  const ComponentType* find(std::string_view type_name) const;
  SchemaLookup schema_lookup() const;
  std::vector<std::string> type_names() const;

 private:
  void add(PluginReport report, std::vector<ComponentType> types);
  std::vector<PluginReport> reports_;
  std::map<std::string, ComponentType, std::less<>> types_;
};

// The directory the agent looks in when the config names none: <exe>/../lib/mlobs/plugins.
std::string default_plugin_dir();

}  // namespace mlobs::agent
