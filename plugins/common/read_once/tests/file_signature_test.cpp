#include "mlobs/read_once/file_signature.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "temp_dir.h"

namespace mlobs::read_once {
namespace {

using testing::TempDir;
using testing::write_file;

TEST(FileSignatureTest, ARewriteOrAnotherFileAtThePathChangesIt) {
  TempDir dir;
  const std::string path = dir / "a.json";
  write_file(path, "{}");
  const auto first = file_signature(path);
  ASSERT_TRUE(first);
  EXPECT_EQ(file_signature(path), first) << "unchanged file, same signature";

  write_file(path, "{\"a\":1}");
  const auto rewritten = file_signature(path);
  ASSERT_TRUE(rewritten);
  EXPECT_NE(*rewritten, *first);

  // Same size and content, another inode: renamed over the old one, as atomic writers do.
  write_file(dir / "b.json", "{\"a\":1}");
  std::filesystem::rename(dir / "b.json", path);
  const auto replaced = file_signature(path);
  ASSERT_TRUE(replaced);
  EXPECT_NE(*replaced, *rewritten);
}

TEST(FileSignatureTest, NoneForMissingPathsAndDirectories) {
  TempDir dir;
  EXPECT_FALSE(file_signature(dir / "missing.json"));
  std::filesystem::create_directory(dir / "bundle");
  EXPECT_FALSE(file_signature(dir / "bundle"));
}

}  // namespace
}  // namespace mlobs::read_once
