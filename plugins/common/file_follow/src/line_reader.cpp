#include "mlobs/file_follow/line_reader.h"

#include "posix_file.h"

#include <algorithm>
#include <cstring>

namespace mlobs::file_follow {

LineReader::LineReader(std::filesystem::path path, FilePosition start, LineReaderOptions options)
    : path_(std::move(path)), options_(options), position_(start), read_offset_(start.offset) {
  options_.chunk_bytes = std::max<size_t>(options_.chunk_bytes, 1);
}

LineReader::~LineReader() { close(); }

std::error_code LineReader::open() {
  if (fd_ >= 0) return {};
  std::error_code ec;
  UniqueFd fd = open_read_only(path_, &ec);
  if (!fd) return ec;
  fd_ = fd.release();
  return {};
}

void LineReader::close() {
  UniqueFd(fd_).reset();
  fd_ = -1;
  drop_buffer();
  buf_.clear();
  buf_.shrink_to_fit();
}

void LineReader::reset(FilePosition start) {
  position_ = start;
  drop_buffer();
}

void LineReader::drop_buffer() {
  begin_ = scan_ = end_ = 0;
  read_offset_ = position_.offset;
  skipping_ = false;
  preview_.clear();
}

ReadOutcome LineReader::fail(std::error_code ec) {
  error_ = ec;
  return ReadOutcome::kError;
}

bool LineReader::fill() {
  // Keep the unconsumed tail at the front, then make room for one whole chunk.
  if (begin_ > 0 && buf_.size() - end_ < options_.chunk_bytes) {
    std::memmove(buf_.data(), buf_.data() + begin_, end_ - begin_);
    scan_ -= begin_;
    end_ -= begin_;
    begin_ = 0;
  }
  if (buf_.size() - end_ < options_.chunk_bytes) buf_.resize(end_ + options_.chunk_bytes);
  std::error_code ec;
  const auto got = read_at(fd_, buf_.data() + end_, options_.chunk_bytes, read_offset_, &ec);
  if (!got) {
    error_ = ec;
    return false;
  }
  if (*got > 0) {
    end_ += *got;
    read_offset_ += *got;
    return true;
  }
  // At the end: a file now shorter than what was read has been truncated; start over.
  const auto size = file_size(fd_, &ec);
  if (!size) {
    error_ = ec;
    return false;
  }
  if (*size >= read_offset_) return false;
  ++truncations_;
  position_ = FilePosition{};
  drop_buffer();
  return fill();
}

ReadOutcome LineReader::next(Line* line) {
  if (fd_ < 0) {
    if (std::error_code ec = open()) return fail(ec);
  }
  error_.clear();
  while (true) {
    const char* base = buf_.data();
    if (skipping_) {
      const void* nl = end_ > begin_ ? std::memchr(base + begin_, '\n', end_ - begin_) : nullptr;
      if (nl) {
        const size_t i = static_cast<size_t>(static_cast<const char*>(nl) - base);
        line->text = preview_;
        line->begin_offset = position_.offset;
        line->end_offset = offset_of(i) + 1;
        line->number = position_.line + 1;
        line->too_long = true;
        position_ = FilePosition{line->end_offset, line->number};
        begin_ = scan_ = i + 1;
        skipping_ = false;
        return ReadOutcome::kLine;
      }
      begin_ = scan_ = end_;  // discard what was read of the long line
    } else {
      const void* nl = end_ > scan_ ? std::memchr(base + scan_, '\n', end_ - scan_) : nullptr;
      if (nl) {
        const size_t i = static_cast<size_t>(static_cast<const char*>(nl) - base);
        const size_t length = i - begin_;
        line->begin_offset = position_.offset;
        line->end_offset = position_.offset + length + 1;
        line->number = position_.line + 1;
        line->too_long = length > options_.max_line_bytes;
        if (line->too_long) {
          preview_.assign(base + begin_, std::min(length, options_.too_long_preview_bytes));
          line->text = preview_;
        } else {
          const bool crlf = length > 0 && base[i - 1] == '\r';
          line->text = std::string_view(base + begin_, crlf ? length - 1 : length);
        }
        position_ = FilePosition{line->end_offset, line->number};
        begin_ = scan_ = i + 1;
        return ReadOutcome::kLine;
      }
      scan_ = end_;
      if (end_ - begin_ > options_.max_line_bytes) {
        preview_.assign(base + begin_, std::min(end_ - begin_, options_.too_long_preview_bytes));
        skipping_ = true;
        begin_ = scan_ = end_;
      }
    }
    if (!fill()) return error_ ? ReadOutcome::kError : ReadOutcome::kNoLine;
  }
}

}  // namespace mlobs::file_follow
