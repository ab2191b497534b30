#include "delivery/segment_file.h"

#include <mlobs/testing/temp_dir.h>

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

namespace mlobs::agent {
namespace {

using mlobs::testing::TempDir;

TEST(Crc32cTest, MatchesTheStandardCheckValue) {
  EXPECT_EQ(crc32c("123456789"), 0xE3069283u);
  EXPECT_EQ(crc32c(""), 0u);
  // RFC 3720 B.4, which cover the eight-byte steps as well as the single-byte tail.
  EXPECT_EQ(crc32c(std::string(32, '\0')), 0x8A9136AAu);
  EXPECT_EQ(crc32c(std::string(32, '\xff')), 0x62A8AB43u);
  std::string ascending;
  for (int i = 0; i < 32; ++i) ascending.push_back(static_cast<char>(i));
  EXPECT_EQ(crc32c(ascending), 0x46DD794Eu);
}

std::string write_three(const std::string& path) {
  SegmentWriter w;
  SegmentContents recovered;
  EXPECT_TRUE(w.open(path, &recovered).ok());
  EXPECT_TRUE(recovered.entries.empty());
  for (const char* e : {"first batch", "", "third batch with more bytes"}) {
    EXPECT_TRUE(w.append(e).ok());
  }
  EXPECT_TRUE(w.sync().ok());
  return path;
}

TEST(SegmentFileTest, EntriesComeBackInOrderAfterReopening) {
  TempDir dir("segment_file_test");
  const std::string path = write_three((dir / "seg-1").string());
  SegmentContents c;
  ASSERT_TRUE(read_segment(path, &c).ok());
  EXPECT_EQ(c.entries, (std::vector<std::string>{"first batch", "", "third batch with more bytes"}));
  EXPECT_FALSE(c.torn);
  EXPECT_EQ(c.valid_bytes, std::filesystem::file_size(path));

  SegmentWriter again;  // appending continues after what is there
  ASSERT_TRUE(again.open(path, &c).ok());
  EXPECT_EQ(c.entries.size(), 3u);
  ASSERT_TRUE(again.append("fourth").ok());
  ASSERT_TRUE(read_segment(path, &c).ok());
  EXPECT_EQ(c.entries.back(), "fourth");
}

TEST(SegmentFileTest, ATornTailAtAnyByteIsDetectedAndCut) {
  TempDir dir("segment_file_test");
  const std::string whole = (dir / "whole").string();
  write_three(whole);
  const uint64_t size = std::filesystem::file_size(whole);
  SegmentContents all;
  ASSERT_TRUE(read_segment(whole, &all).ok());
  // Every prefix, as a crash may leave it: only whole entries are kept, never a partial one.
  for (uint64_t cut = 0; cut < size; ++cut) {
    const std::string path = (dir / ("cut-" + std::to_string(cut))).string();
    std::filesystem::copy_file(whole, path);
    std::filesystem::resize_file(path, cut);
    SegmentWriter w;
    SegmentContents c;
    ASSERT_TRUE(w.open(path, &c).ok()) << cut;
    EXPECT_LE(c.entries.size(), all.entries.size()) << cut;
    for (size_t i = 0; i < c.entries.size(); ++i) EXPECT_EQ(c.entries[i], all.entries[i]) << cut;
    EXPECT_EQ(std::filesystem::file_size(path), c.valid_bytes) << cut;  // the tail was cut
    ASSERT_TRUE(w.append("after the crash").ok());
    SegmentContents after;
    ASSERT_TRUE(read_segment(path, &after).ok());
    EXPECT_FALSE(after.torn) << cut;
    EXPECT_EQ(after.entries.back(), "after the crash") << cut;
  }
}

TEST(SegmentFileTest, AFlippedByteStopsReadingAtItsEntry) {
  TempDir dir("segment_file_test");
  const std::string path = write_three((dir / "seg").string());
  {
    std::fstream f(path, std::ios::in | std::ios::out | std::ios::binary);
    f.seekp(-3, std::ios::end);  // inside the third entry's payload
    f.put('X');
  }
  SegmentContents c;
  ASSERT_TRUE(read_segment(path, &c).ok());
  EXPECT_EQ(c.entries, (std::vector<std::string>{"first batch", ""}));
  EXPECT_TRUE(c.torn);
  EXPECT_EQ(c.torn_reason, "checksum mismatch");
}

TEST(SegmentFileTest, AMissingFileIsEmpty) {
  TempDir dir("segment_file_test");
  SegmentContents c;
  ASSERT_TRUE(read_segment((dir / "none").string(), &c).ok());
  EXPECT_TRUE(c.entries.empty());
  EXPECT_FALSE(c.torn);
}

}  // namespace
}  // namespace mlobs::agent
