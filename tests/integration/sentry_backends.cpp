#include "sentry_backends.h"

#include "prometheus_backends.h"
#include "support/build_paths.h"
#include "support/node_runtime.h"
#include "support/text_files.h"
#include "support/wait_for.h"


#include <algorithm>
#include <stdexcept>
#include <system_error>
#include <utility>

namespace mlobs::integration {
namespace {

constexpr std::string_view kInstallHint = "run scripts/install-node-deps.sh";

std::filesystem::path node_dir() { return std::filesystem::path(std::string(kNodeDir)); }

std::optional<rapidjson::Document> json_object(std::string_view line) {
  rapidjson::Document doc;
  doc.Parse(line.data(), line.size());
  if (doc.HasParseError() || !doc.IsObject()) return std::nullopt;
  return doc;
}

// The line at `*pos` without its '\n'; *pos moves past it.
std::string_view next_line(std::string_view bytes, size_t* pos) {
  const size_t end = std::min(bytes.find('\n', *pos), bytes.size());
  const std::string_view line = bytes.substr(*pos, end - *pos);
  *pos = end + 1;
  return line;
}

}  // namespace

std::optional<std::string> spotlight_unavailable() {
  if (!node_binary()) return "node is not installed (" + std::string(kInstallHint) + ")";
  std::error_code ec;
  if (!std::filesystem::is_directory(node_dir() / "node_modules" / "@spotlightjs", ec)) {
    return (node_dir() / "node_modules" / "@spotlightjs").string() + " is missing: " +
           std::string(kInstallHint);
  }
  return std::nullopt;
}

SpotlightServer::SpotlightServer(std::filesystem::path capture_dir)
    : capture_dir_(std::move(capture_dir)), port_(free_loopback_port()) {
  if (const std::optional<std::string> why = spotlight_unavailable()) {
    throw std::runtime_error(*why);
  }
  std::filesystem::create_directories(capture_dir_);
  ProcessOptions options;
  options.binary = *node_binary();
  options.args = {(node_dir() / "spotlight_receiver.mjs").string(), std::to_string(port_)};
  options.env = {{"CAPTURE_DIR", capture_dir_.string()}};
  server_ = std::make_unique<BackendServer>(std::move(options), port_, "/health");
}

SpotlightServer::~SpotlightServer() { stop(); }

std::string SpotlightServer::dsn(std::string_view public_key) const {
  return "http://" + std::string(public_key) + "@127.0.0.1:" + std::to_string(port_) + "/1";
}

std::vector<std::string> SpotlightServer::captured() const {
  std::vector<std::filesystem::path> files;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(capture_dir_, ec)) {
    if (entry.path().extension() == ".envelope" &&
        entry.path().filename().string().front() != '.') {
      files.push_back(entry.path());
    }
  }
  std::sort(files.begin(), files.end());  // zero-padded numbers: name order is arrival order
  std::vector<std::string> out;
  for (const auto& f : files) out.push_back(read_file(f).value_or(""));
  return out;
}

void SpotlightServer::stop() {
  if (server_) server_->stop();
}

std::string SpotlightServer::describe() const {
  return server_ ? server_->describe() : std::string("(stopped)");
}

std::optional<Envelope> parse_envelope(std::string_view bytes) {
  size_t pos = 0;
  std::optional<rapidjson::Document> header = json_object(next_line(bytes, &pos));
  if (!header) return std::nullopt;
  Envelope envelope;
  envelope.header = std::move(*header);
  while (pos < bytes.size()) {
    const std::string_view item_line = next_line(bytes, &pos);
    if (item_line.empty() && pos >= bytes.size()) break;  // the final newline
    std::optional<rapidjson::Document> item_header = json_object(item_line);
    if (!item_header) return std::nullopt;
    EnvelopeItem item;
    const auto length = item_header->FindMember("length");
    if (length != item_header->MemberEnd() && length->value.IsUint64()) {
      const size_t n = length->value.GetUint64();
      if (pos + n > bytes.size()) return std::nullopt;
      item.payload = std::string(bytes.substr(pos, n));
      pos += n;
      if (pos < bytes.size() && bytes[pos] == '\n') ++pos;
    } else {
      item.payload = std::string(next_line(bytes, &pos));
    }
    item.header = std::move(*item_header);
    envelope.items.push_back(std::move(item));
  }
  return envelope;
}

}  // namespace mlobs::integration
