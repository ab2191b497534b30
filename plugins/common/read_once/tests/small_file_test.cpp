#include "mlobs/read_once/small_file.h"

#include <gtest/gtest.h>

#include "temp_dir.h"

namespace mlobs::read_once {
namespace {

using testing::TempDir;
using testing::write_file;

TEST(SmallFileTest, ReadsUpToTheLimitAndRefusesMore) {
  TempDir dir;
  std::string out;
  write_file(dir / "ok", "12345");
  ASSERT_TRUE(read_small_file(dir / "ok", &out, 5));
  EXPECT_EQ(out, "12345");
  write_file(dir / "big", "123456");
  EXPECT_FALSE(read_small_file(dir / "big", &out, 5));
  EXPECT_LE(out.size(), 6u) << "no more than one byte past the limit is held";
}

TEST(SmallFileTest, AMissingFileIsNotRead) {
  TempDir dir;
  std::string out;
  EXPECT_FALSE(read_small_file(dir / "missing", &out));
}

}  // namespace
}  // namespace mlobs::read_once
