#include "delivery/disk_buffer.h"

#include <mlobs/testing/temp_dir.h>

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

namespace mlobs::agent {
namespace {

using mlobs::testing::TempDir;
namespace fs = std::filesystem;

std::string entry(int n) { return "{\"n\":" + std::to_string(n) + "}\n"; }

// Delivers everything the buffer holds, in order.
std::vector<std::string> drain(DiskBuffer& b) {
  std::vector<std::string> out;
  while (auto e = b.front()) {
    out.emplace_back(*e);
    EXPECT_TRUE(b.pop().ok());
  }
  return out;
}

size_t segment_files(const fs::path& dir) {
  size_t n = 0;
  for (const auto& e : fs::directory_iterator(dir)) n += e.path().extension() == ".seg";
  return n;
}

TEST(DiskBuffer, DeliversInOrderAcrossSegments) {
  TempDir tmp;
  DiskBuffer b((tmp.path() / "buf").string(), 1 << 20, 64);
  ASSERT_TRUE(b.open().ok());
  for (int i = 0; i < 20; ++i) ASSERT_TRUE(b.append(entry(i), 1).ok());
  EXPECT_EQ(b.pending_entries(), 20u);
  EXPECT_EQ(b.pending_records(), 20u);
  EXPECT_GT(segment_files(tmp.path() / "buf"), 3u);
  const auto got = drain(b);
  ASSERT_EQ(got.size(), 20u);
  for (int i = 0; i < 20; ++i) EXPECT_EQ(got[i], entry(i));
  EXPECT_TRUE(b.empty());
  EXPECT_EQ(b.pending_records(), 0u);
  // Delivered segments are gone; one is left to write to, holding less than a segment.
  EXPECT_EQ(segment_files(tmp.path() / "buf"), 1u);
  EXPECT_LT(b.bytes(), 64u + entry(19).size() + 12);
}

TEST(DiskBuffer, RestartResumesAtTheFirstUndeliveredEntry) {
  TempDir tmp;
  const std::string dir = (tmp.path() / "buf").string();
  {
    DiskBuffer b(dir, 1 << 20, 64);
    ASSERT_TRUE(b.open().ok());
    for (int i = 0; i < 10; ++i) ASSERT_TRUE(b.append(entry(i), 1).ok());
    for (int i = 0; i < 4; ++i) ASSERT_TRUE(b.pop().ok());
  }
  DiskBuffer again(dir, 1 << 20, 64);
  ASSERT_TRUE(again.open().ok());
  EXPECT_EQ(again.pending_entries(), 6u);
  EXPECT_EQ(again.pending_records(), 6u);
  ASSERT_TRUE(again.append(entry(10), 1).ok());
  const auto got = drain(again);
  ASSERT_EQ(got.size(), 7u);
  for (int i = 0; i < 7; ++i) EXPECT_EQ(got[i], entry(i + 4));
}

TEST(DiskBuffer, RefusesAnAppendPastItsBoundButNotIntoAnEmptyBuffer) {
  TempDir tmp;
  DiskBuffer b((tmp.path() / "buf").string(), 100);
  ASSERT_TRUE(b.open().ok());
  const std::string big(150, 'x');
  EXPECT_TRUE(b.append(big + "\n", 1).ok());  // alone, it must get through
  Status full = b.append(entry(1), 1);
  EXPECT_EQ(full.code(), MLOBS_RESOURCE_EXHAUSTED);
  EXPECT_NE(full.message().find("full"), std::string::npos);
  ASSERT_TRUE(b.pop().ok());
  EXPECT_TRUE(b.append(entry(1), 1).ok());
}

TEST(DiskBuffer, ATornTailIsCutAndNeverDelivered) {
  TempDir tmp;
  const std::string dir = (tmp.path() / "buf").string();
  {
    DiskBuffer b(dir, 1 << 20);
    ASSERT_TRUE(b.open().ok());
    ASSERT_TRUE(b.append(entry(1), 1).ok());
    ASSERT_TRUE(b.append(entry(2), 1).ok());
  }
  // A crash in the middle of a third append.
  fs::path seg;
  for (const auto& e : fs::directory_iterator(dir)) {
    if (e.path().extension() == ".seg") seg = e.path();
  }
  std::ofstream(seg, std::ios::app | std::ios::binary) << "MLB1\x20\x00";
  DiskBuffer again(dir, 1 << 20);
  std::string torn;
  ASSERT_TRUE(again.open(&torn).ok());
  EXPECT_NE(torn.find("incomplete"), std::string::npos) << torn;
  const auto got = drain(again);
  EXPECT_EQ(got, (std::vector<std::string>{entry(1), entry(2)}));
}

TEST(DiskBuffer, SegmentsBeforeTheCursorAreRemovedOnOpen) {
  TempDir tmp;
  const std::string dir = (tmp.path() / "buf").string();
  {
    DiskBuffer b(dir, 1 << 20, 16);
    ASSERT_TRUE(b.open().ok());
    for (int i = 0; i < 3; ++i) ASSERT_TRUE(b.append(entry(i), 1).ok());
  }
  // As if a crash came after the cursor moved past the first segment, before its delete.
  std::ofstream(fs::path(dir) / "cursor") << "2 0\n";
  DiskBuffer again(dir, 1 << 20, 16);
  ASSERT_TRUE(again.open().ok());
  EXPECT_EQ(again.pending_entries(), 2u);
  EXPECT_EQ(drain(again), (std::vector<std::string>{entry(1), entry(2)}));
}

}  // namespace
}  // namespace mlobs::agent
