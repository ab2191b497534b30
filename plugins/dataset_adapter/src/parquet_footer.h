// Reads a Parquet file's footer (FileMetaData) without touching its data pages: the magic at
// both ends, the footer length before the closing magic, then the footer itself with Thrift's
// compact protocol. Any damage (short file, wrong magic, a length running past the file, bytes
// that do not decode) is an error that says which, never a crash, a hang or a huge allocation.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace mlobs::parquet {

struct Footer {
  int32_t version = 0;
  int64_t num_rows = 0;
  std::string created_by;
  std::vector<std::pair<std::string, std::string>> key_values;  // in file order
  std::vector<std::string> columns;  // leaf columns, nested ones as "group.leaf"
};

enum class FooterError { kNone, kUnreadable, kTruncated, kBadMagic, kFooterPastFile, kCorrupt };

// A stable label for the error (dead-letter reasons, check names).
std::string_view error_label(FooterError e);

struct FooterResult {
  std::optional<Footer> footer;  // set when error is kNone
  FooterError error = FooterError::kNone;
  std::string detail;  // for humans, when there is an error
};

// Footers beyond this many bytes are refused as corrupt rather than read into memory.
inline constexpr uint32_t kMaxFooterBytes = 64u << 20;

// `read_at(offset, size, out)` fills `out` with `size` bytes of the file at `offset`; false when
// it cannot.
using ReadAt = std::function<bool(uint64_t offset, size_t size, char* out)>;

FooterResult read_footer(uint64_t file_size, const ReadAt& read_at);

// The footer of the file at `path` (three reads: head magic, tail, footer).
FooterResult read_footer(const std::filesystem::path& path);

// The footer of a whole file held in memory (tests and the fuzz target).
FooterResult read_footer_from_bytes(std::string_view file);

}  // namespace mlobs::parquet
