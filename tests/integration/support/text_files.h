// Whole-file reads and writes for test inputs and outputs.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mlobs::integration {

// Creates parent directories; replaces the file. Throws std::runtime_error on failure.
void write_file(const std::filesystem::path& path, std::string_view content);
// Appends (creating the file when missing). Throws std::runtime_error on failure.
void append_file(const std::filesystem::path& path, std::string_view content);
// nullopt when the file cannot be read (for example, it does not exist).
std::optional<std::string> read_file(const std::filesystem::path& path);
// The lines of a file without their '\n'; a last line without '\n' is kept. Empty when missing.
std::vector<std::string> read_lines(const std::filesystem::path& path);

}  // namespace mlobs::integration
