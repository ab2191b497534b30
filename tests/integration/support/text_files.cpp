#include "support/text_files.h"

#include <fstream>
#include <sstream>
#include <stdexcept>

namespace mlobs::integration {
namespace {

void write_with_mode(const std::filesystem::path& path, std::string_view content,
                     std::ios::openmode mode) {
  if (path.has_parent_path()) std::filesystem::create_directories(path.parent_path());
  std::ofstream out(path, std::ios::binary | mode);
  out.write(content.data(), static_cast<std::streamsize>(content.size()));
  out.close();
  if (!out) throw std::runtime_error("cannot write " + path.string());
}

}  // namespace

void write_file(const std::filesystem::path& path, std::string_view content) {
  write_with_mode(path, content, std::ios::trunc);
}

void append_file(const std::filesystem::path& path, std::string_view content) {
  write_with_mode(path, content, std::ios::app);
}

std::optional<std::string> read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream buf;
  buf << in.rdbuf();
  return buf.str();
}

std::vector<std::string> read_lines(const std::filesystem::path& path) {
  std::vector<std::string> lines;
  const std::optional<std::string> text = read_file(path);
  if (!text) return lines;
  size_t begin = 0;
  while (begin < text->size()) {
    size_t end = text->find('\n', begin);
    if (end == std::string::npos) end = text->size();
    lines.push_back(text->substr(begin, end - begin));
    begin = end + 1;
  }
  return lines;
}

}  // namespace mlobs::integration
