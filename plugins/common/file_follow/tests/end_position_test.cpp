#include "mlobs/file_follow/end_position.h"

#include "temp_dir.h"

#include <gtest/gtest.h>

#include <string>

namespace mlobs::file_follow {
namespace {

using testing::TempDir;
using testing::write_file;

FilePosition end_of(const std::string& path) {
  std::error_code ec;
  auto p = end_of_complete_lines(std::filesystem::path(path), &ec);
  EXPECT_TRUE(p.has_value()) << ec.message();
  return p.value_or(FilePosition{});
}

TEST(EndPositionTest, StopsBeforeAPartialLine) {
  TempDir dir;
  write_file(dir / "a", "a\nbb\nccc");
  EXPECT_EQ(end_of(dir / "a"), (FilePosition{5, 2}));
  write_file(dir / "b", "a\nbb\n");
  EXPECT_EQ(end_of(dir / "b"), (FilePosition{5, 2}));
  write_file(dir / "c", "");
  EXPECT_EQ(end_of(dir / "c"), (FilePosition{0, 0}));
}

TEST(EndPositionTest, LargeFile) {
  TempDir dir;
  std::string content;
  for (int i = 0; i < 50000; ++i) content += "line " + std::to_string(i) + "\n";
  write_file(dir / "a", content + "tail");
  EXPECT_EQ(end_of(dir / "a"), (FilePosition{content.size(), 50000}));
}

TEST(EndPositionTest, MissingFile) {
  TempDir dir;
  std::error_code ec;
  EXPECT_FALSE(end_of_complete_lines(std::filesystem::path(dir / "none"), &ec).has_value());
  EXPECT_TRUE(ec);
}

}  // namespace
}  // namespace mlobs::file_follow
