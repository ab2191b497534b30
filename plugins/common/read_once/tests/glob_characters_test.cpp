#include "mlobs/read_once/glob_characters.h"

#include <gtest/gtest.h>

namespace mlobs::read_once {
namespace {

TEST(GlobCharactersTest, PlainPathsHaveNone) {
  EXPECT_FALSE(has_glob_characters("/srv/runs/run-1/metadata.json"));
  EXPECT_FALSE(has_glob_characters("relative/dir"));
  EXPECT_FALSE(has_glob_characters(""));
}

TEST(GlobCharactersTest, WildcardsSetsAndEscapesAreGlobs) {
  EXPECT_TRUE(has_glob_characters("runs/*"));
  EXPECT_TRUE(has_glob_characters("runs/**/metadata.json"));
  EXPECT_TRUE(has_glob_characters("runs/run-?.json"));
  EXPECT_TRUE(has_glob_characters("runs/[ab].json"));
  EXPECT_TRUE(has_glob_characters("runs/a\\b.json"));
}

}  // namespace
}  // namespace mlobs::read_once
