// Reading complete lines from a file that other processes keep appending to.
#pragma once

#include "mlobs/file_follow/file_position.h"

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

namespace mlobs::file_follow {

struct LineReaderOptions {
  // The longest line accepted, terminator excluded (a '\r' before the '\n' counts).
  size_t max_line_bytes = size_t{1} << 20;
  // Bytes asked of each read(2).
  size_t chunk_bytes = size_t{64} << 10;
  // How much of a too-long line is kept for the caller to report.
  size_t too_long_preview_bytes = 1024;
};

struct Line {
  // Without the "\n" or "\r\n". For a too-long line, only its first too_long_preview_bytes.
  // Borrowed: valid until the next call on the reader.
  std::string_view text;
  uint64_t begin_offset = 0;
  uint64_t end_offset = 0;  // just past the '\n'
  uint64_t number = 0;      // 1-based
  bool too_long = false;    // the line was skipped; the caller should report it
};

enum class ReadOutcome {
  kLine,    // *line holds the next complete line
  kNoLine,  // no complete line now; a trailing partial line is kept and waited for
  kError,   // see error()
};

// Follows one file: returns each complete line once, in order, reading in large chunks. A file
// found shorter than what was already read has been truncated: reading restarts at offset 0.
// Keeps its descriptor open between calls, so a file renamed or unlinked while being read is
// still read to its end; close() releases it and the next read reopens the path.
class LineReader {
 public:
  LineReader(std::filesystem::path path, FilePosition start, LineReaderOptions options = {});
  LineReader(const LineReader&) = delete;
  LineReader& operator=(const LineReader&) = delete;

  ReadOutcome next(Line* line);

  // The position after the last line returned: what a checkpoint stores.
  FilePosition position() const { return position_; }

  // Opens the path unless open. Reading opens it too; this lets a caller check the identity
  // of what it is about to read.
  std::error_code open();
  bool is_open() const { return fd_ >= 0; }
  int fd() const { return fd_; }
  // Drops the descriptor and buffered bytes; reading later resumes at position().
  void close();

  // Continues at `start`, dropping buffered bytes (e.g. the file was replaced).
  void reset(FilePosition start);

  // The file was renamed: reopen under the new name later.
  void set_path(std::filesystem::path path) { path_ = std::move(path); }
  const std::filesystem::path& path() const { return path_; }

  // How often a truncation made the reader start over.
  uint64_t truncations() const { return truncations_; }
  std::error_code error() const { return error_; }

  ~LineReader();

 private:
  // Appends one chunk to the buffer; false at end of data or on error (error_ set).
  bool fill();
  // Offset in the file of buf_[i].
  uint64_t offset_of(size_t i) const { return read_offset_ - (end_ - i); }
  void drop_buffer();
  ReadOutcome fail(std::error_code ec);

  std::filesystem::path path_;
  LineReaderOptions options_;
  int fd_ = -1;
  FilePosition position_;
  uint64_t read_offset_ = 0;  // file offset of buf_[end_]
  std::vector<char> buf_;
  size_t begin_ = 0;  // first byte of the current line (unless skipping)
  size_t scan_ = 0;   // bytes before this one hold no '\n' of the current line
  size_t end_ = 0;
  bool skipping_ = false;  // inside a too-long line, discarding until its '\n'
  std::string preview_;
  uint64_t truncations_ = 0;
  std::error_code error_;
};

}  // namespace mlobs::file_follow
