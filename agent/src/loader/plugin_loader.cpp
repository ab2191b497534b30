#include "loader/plugin_loader.h"

#include "host/host_api.h"

#include <boost/dll/runtime_symbol_info.hpp>
#include <boost/dll/shared_library.hpp>

#include <algorithm>
#include <cstring>

namespace mlobs::agent {
namespace {

// Copies a struct the other side sized: fields beyond its struct_size read as zero.
template <class T>
T read_sized(const T* p) {
  T out{};
  if (!p) return out;
  const size_t n = std::min<size_t>(p->struct_size, sizeof(T));
  std::memcpy(&out, p, n);
  return out;
}

std::string cstr(const char* s) { return s ? s : ""; }

std::string kind_name(mlobs_component_kind kind) {
  switch (kind) {
    case MLOBS_COMPONENT_SOURCE: return "source";
    case MLOBS_COMPONENT_PROCESSOR: return "processor";
    case MLOBS_COMPONENT_SINK: return "sink";
    default: return "unknown";
  }
}

std::string version_string(uint32_t major, uint32_t minor) {
  return std::to_string(major) + "." + std::to_string(minor);
}

// Reads one component descriptor; an empty string means OK, else the reason.
std::string read_component(const mlobs_component_desc* raw, size_t index, ComponentType* out) {
  const std::string where = "component #" + std::to_string(index);
  if (!raw) return where + " is NULL";
  mlobs_component_desc d = read_sized(raw);
  if (!d.type_name || !*d.type_name) return where + " has no type_name";
  const std::string type = d.type_name;
  if (d.kind != MLOBS_COMPONENT_SOURCE && d.kind != MLOBS_COMPONENT_PROCESSOR &&
      d.kind != MLOBS_COMPONENT_SINK) {
    return "component \"" + type + "\" has an unknown kind " + std::to_string(d.kind);
  }
  out->vtable = read_sized(d.vtable);
  const auto& vt = out->vtable;
  if (!vt.create || !vt.process || !vt.destroy) {
    return "component \"" + type + "\" lacks create, process or destroy in its vtable";
  }
  out->schema.kind = d.kind;
  out->reads_only =
      d.kind == MLOBS_COMPONENT_PROCESSOR && (d.flags & MLOBS_PROCESSOR_READS_ONLY) != 0;
  out->schema.type_name = type;
  out->description = cstr(d.description);
  for (size_t i = 0; i < d.config_key_count && d.config_keys; ++i) {
    mlobs_config_key k = read_sized(d.config_keys[i]);
    if (!k.name) return "component \"" + type + "\" declares a config key without a name";
    KeySchema key;
    key.name = k.name;
    key.type = k.type;
    key.required = (k.flags & MLOBS_CONFIG_REQUIRED) != 0;
    if (k.default_value) key.default_value = k.default_value;
    key.description = cstr(k.description);
    out->schema.keys.push_back(std::move(key));
  }
  return {};
}

}  // namespace

PluginLibrary::~PluginLibrary() = default;

std::shared_ptr<PluginLibrary> PluginLoader::load(const std::filesystem::path& file,
                                                  std::vector<ComponentType>* types,
                                                  PluginReport* report) {
  report->file = file.string();
  auto lib = std::make_shared<PluginLibrary>();
  lib->file = file.string();
  auto fail = [&](const std::string& why) -> std::shared_ptr<PluginLibrary> {
    report->ok = false;
    report->error = report->file + ": " + why;
    return nullptr;
  };

  try {
    lib->lib_ = std::make_unique<boost::dll::shared_library>(
        file, boost::dll::load_mode::rtld_now | boost::dll::load_mode::rtld_local);
  } catch (const std::exception& e) {
    return fail(std::string("cannot load: ") + e.what());
  }
  if (!lib->lib_->has(MLOBS_PLUGIN_ENTRY_POINT)) {
    return fail("not an mlobs plugin: it exports no " MLOBS_PLUGIN_ENTRY_POINT " symbol");
  }
  auto& negotiate = lib->lib_->get<std::remove_pointer_t<mlobs_plugin_negotiate_fn>>(
      MLOBS_PLUGIN_ENTRY_POINT);

  mlobs_negotiate_request req{};
  req.struct_size = sizeof(req);
  req.host_abi_major = MLOBS_ABI_VERSION_MAJOR;
  req.host_abi_minor = MLOBS_ABI_VERSION_MINOR;
  req.get_api = &host_api_table;
  mlobs_negotiate_response resp{};
  resp.struct_size = sizeof(resp);
  mlobs_status status = negotiate(&req, &resp);
  lib->abi_major = resp.plugin_abi_major;
  lib->abi_minor = resp.plugin_abi_minor;
  const std::string host_version = version_string(MLOBS_ABI_VERSION_MAJOR, MLOBS_ABI_VERSION_MINOR);
  const std::string plugin_version = version_string(resp.plugin_abi_major, resp.plugin_abi_minor);
  // Checked here too: a plugin must not be trusted to refuse a major it does not speak.
  if (resp.plugin_abi_major != MLOBS_ABI_VERSION_MAJOR) {
    return fail("built for plugin ABI " + plugin_version + " but this agent speaks ABI " +
                host_version + " (major versions must match; rebuild the plugin against this SDK)");
  }
  if (status != MLOBS_OK) {
    return fail("negotiation failed (" + std::string(status == MLOBS_INCOMPATIBLE ? "INCOMPATIBLE" : "status " + std::to_string(status)) +
                "): " + cstr(resp.error) + " (plugin ABI " + plugin_version + ", agent ABI " +
                host_version + ")");
  }
  if (!resp.plugin) return fail("negotiation returned no plugin descriptor");
  mlobs_plugin_desc desc = read_sized(resp.plugin);
  lib->id = cstr(desc.id);
  lib->name = cstr(desc.name);
  lib->version = cstr(desc.version);
  lib->license = cstr(desc.license);
  if (lib->name.empty()) return fail("plugin descriptor has no name");

  std::vector<ComponentType> found;
  for (size_t i = 0; i < desc.component_count && desc.components; ++i) {
    ComponentType type;
    std::string why = read_component(desc.components[i], i, &type);
    if (!why.empty()) return fail(why);
    report->component_types.push_back(kind_name(type.schema.kind) + ":" + type.schema.type_name);
    found.push_back(std::move(type));
  }
  for (auto& t : found) t.library = lib;
  *types = std::move(found);
  report->ok = true;
  report->library = lib;
  return lib;
}

void PluginCatalog::add(PluginReport report, std::vector<ComponentType> types) {
  for (auto& t : types) {
    auto it = types_.find(t.schema.type_name);
    if (it != types_.end()) {
      report.ok = false;
      report.error = report.file + ": component type \"" + t.schema.type_name +
                     "\" is already provided by " +
                     (it->second.library ? it->second.library->file : std::string("the agent"));
      reports_.push_back(std::move(report));
      return;
    }
  }
  for (auto& t : types) types_.emplace(t.schema.type_name, std::move(t));
  reports_.push_back(std::move(report));
}

void PluginCatalog::add_builtin(ComponentType type) {
  std::string name = type.schema.type_name;
  types_.emplace(std::move(name), std::move(type));
}

bool PluginCatalog::load_file(const std::filesystem::path& file, std::string* error) {
  PluginReport report;
  std::vector<ComponentType> types;
  PluginLoader::load(file, &types, &report);
  if (report.ok) add(report, std::move(types));
  else reports_.push_back(report);
  const PluginReport& last = reports_.back();
  if (!last.ok && error) *error = last.error;
  return last.ok;
}

void PluginCatalog::load_directories(const std::vector<std::string>& dirs) {
  for (const auto& dir : dirs) {
    std::error_code ec;
    std::vector<std::filesystem::path> files;
    for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
      if (entry.path().extension() == ".so") files.push_back(entry.path());
    }
    if (ec) {
      PluginReport r;
      r.file = dir;
      r.error = dir + ": cannot read plugin directory: " + ec.message();
      reports_.push_back(std::move(r));
      continue;
    }
    std::sort(files.begin(), files.end());
    for (const auto& f : files) load_file(f, nullptr);
  }
}

const ComponentType* PluginCatalog::find(std::string_view type_name) const {
  auto it = types_.find(type_name);
  return it == types_.end() ? nullptr : &it->second;
}

SchemaLookup PluginCatalog::schema_lookup() const {
  return [this](std::string_view type) -> const ComponentSchema* {
    const ComponentType* t = find(type);
    return t ? &t->schema : nullptr;
  };
}

std::vector<std::string> PluginCatalog::type_names() const {
  std::vector<std::string> out;
  for (const auto& [name, t] : types_) out.push_back(name);
  return out;
}

std::string default_plugin_dir() {
  std::error_code ec;
  auto exe = boost::dll::program_location(ec);
  if (ec) return "/usr/lib/mlobs/plugins";
  return (std::filesystem::path(exe.string()).parent_path().parent_path() / "lib" / "mlobs" /
          "plugins")
      .lexically_normal()
      .string();
}

}  // namespace mlobs::agent
