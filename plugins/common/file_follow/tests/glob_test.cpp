#include "mlobs/file_follow/glob.h"

#include "mlobs/file_follow/glob_match.h"
#include "temp_dir.h"

#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <string>
#include <vector>

namespace mlobs::file_follow {
namespace {

using testing::TempDir;
using testing::write_file;

std::vector<std::string> relative(const TempDir& dir,
                                  const std::vector<std::filesystem::path>& in) {
  std::vector<std::string> out;
  for (const auto& p : in) out.push_back(std::filesystem::relative(p, dir.path()).string());
  return out;
}

TEST(GlobMatchTest, Wildcards) {
  EXPECT_TRUE(glob_match("*.jsonl", "a.jsonl"));
  EXPECT_TRUE(glob_match("*.jsonl", ".jsonl.jsonl") == false);  // leading dot needs a dot
  EXPECT_TRUE(glob_match(".*", ".hidden"));
  EXPECT_FALSE(glob_match("*.jsonl", "a.json"));
  EXPECT_TRUE(glob_match("x?z", "xyz"));
  EXPECT_FALSE(glob_match("x?z", "xz"));
  EXPECT_TRUE(glob_match("*", "anything"));
  EXPECT_TRUE(glob_match("a*b*c", "aXXbYYc"));
  EXPECT_FALSE(glob_match("a*b*c", "aXXbYY"));
  EXPECT_TRUE(glob_match("**", "name"));
}

TEST(GlobMatchTest, Classes) {
  EXPECT_TRUE(glob_match("[ab].log", "a.log"));
  EXPECT_FALSE(glob_match("[ab].log", "c.log"));
  EXPECT_TRUE(glob_match("f[0-9][0-9]", "f42"));
  EXPECT_FALSE(glob_match("f[0-9]", "fx"));
  EXPECT_TRUE(glob_match("f[!0-9]", "fx"));
  EXPECT_TRUE(glob_match("f[^0-9]", "fx"));
  EXPECT_FALSE(glob_match("f[!0-9]", "f1"));
  EXPECT_TRUE(glob_match("[]]", "]"));
  EXPECT_TRUE(glob_match("a[", "a["));  // unterminated: literal
  EXPECT_TRUE(glob_match("a\\*", "a*"));
  EXPECT_FALSE(glob_match("a\\*", "ab"));
}

TEST(GlobMatchTest, PathologicalPatternIsFast) {
  const std::string name(200, 'a');
  EXPECT_FALSE(glob_match("*a*a*a*a*a*a*a*a*a*a*b", name));
}

TEST(GlobTest, SingleDirectory) {
  TempDir dir;
  write_file(dir / "b.jsonl", "");
  write_file(dir / "a.jsonl", "");
  write_file(dir / "c.txt", "");
  write_file(dir / ".hidden.jsonl", "");
  std::filesystem::create_directories(dir / "d.jsonl");  // a directory is not a file
  EXPECT_EQ(relative(dir, expand_glob(dir / "*.jsonl")),
            (std::vector<std::string>{"a.jsonl", "b.jsonl"}));
}

TEST(GlobTest, DoubleStarMatchesAnyDepth) {
  TempDir dir;
  write_file(dir / "top.jsonl", "");
  write_file(dir / "2026-04-07/10/a.jsonl", "");
  write_file(dir / "2026-04-07/11/b.jsonl", "");
  write_file(dir / "2026-04-07/11/deeper/c.jsonl", "");
  write_file(dir / "2026-04-07/11/deeper/c.txt", "");
  write_file(dir / ".git/x.jsonl", "");
  EXPECT_EQ(relative(dir, expand_glob(dir / "**/*.jsonl")),
            (std::vector<std::string>{"2026-04-07/10/a.jsonl", "2026-04-07/11/b.jsonl",
                                      "2026-04-07/11/deeper/c.jsonl", "top.jsonl"}));
  EXPECT_EQ(relative(dir, expand_glob(dir / "*/*/*.jsonl")),
            (std::vector<std::string>{"2026-04-07/10/a.jsonl", "2026-04-07/11/b.jsonl"}));
  EXPECT_EQ(
      relative(dir, expand_glob(dir / "2026-04-07/**")),
      (std::vector<std::string>{"2026-04-07/10/a.jsonl", "2026-04-07/11/b.jsonl",
                                "2026-04-07/11/deeper/c.jsonl", "2026-04-07/11/deeper/c.txt"}));
  EXPECT_EQ(relative(dir, expand_glob(dir / "**/deeper/*.txt")),
            (std::vector<std::string>{"2026-04-07/11/deeper/c.txt"}));
  // Repeated and redundant segments do not produce duplicates.
  EXPECT_EQ(expand_glob(dir / "**/**/*.jsonl").size(), 4u);
  EXPECT_EQ(expand_glob(dir / "2026-04-07//./10/a.jsonl").size(), 1u);
}

TEST(GlobTest, NoMatch) {
  TempDir dir;
  write_file(dir / "a.jsonl", "");
  EXPECT_TRUE(expand_glob(dir / "*.parquet").empty());
  EXPECT_TRUE(expand_glob(dir / "missing/**/*.jsonl").empty());
  EXPECT_TRUE(expand_glob(dir / "a.jsonl/*").empty());
  EXPECT_TRUE(expand_glob("").empty());
}

TEST(GlobTest, LiteralPath) {
  TempDir dir;
  write_file(dir / "x/a.jsonl", "");
  EXPECT_EQ(expand_glob(dir / "x/a.jsonl").size(), 1u);
  EXPECT_TRUE(expand_glob(dir / "x/b.jsonl").empty());
}

TEST(GlobTest, RelativePatternsStayRelative) {
  TempDir dir;
  write_file(dir / "logs/a.jsonl", "");
  write_file(dir / "b.jsonl", "");
  const auto cwd = std::filesystem::current_path();
  std::filesystem::current_path(dir.path());
  const auto nested = expand_glob("logs/*.jsonl");
  const auto top = expand_glob("*.jsonl");
  const auto any = expand_glob("**/*.jsonl");
  std::filesystem::current_path(cwd);
  EXPECT_EQ(nested, (std::vector<std::filesystem::path>{"logs/a.jsonl"}));
  EXPECT_EQ(top, (std::vector<std::filesystem::path>{"b.jsonl"}));
  EXPECT_EQ(any, (std::vector<std::filesystem::path>{"b.jsonl", "logs/a.jsonl"}));
}

TEST(GlobTest, SymlinkCycleDoesNotLoop) {
  TempDir dir;
  write_file(dir / "a/x.jsonl", "");
  std::filesystem::create_directory_symlink(dir.path() / "a", dir.path() / "a/loop");
  EXPECT_EQ(relative(dir, expand_glob(dir / "**/*.jsonl")),
            (std::vector<std::string>{"a/x.jsonl"}));
}

}  // namespace
}  // namespace mlobs::file_follow
