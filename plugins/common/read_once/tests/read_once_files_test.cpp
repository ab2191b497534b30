#include "mlobs/read_once/read_once_files.h"

#include <gtest/gtest.h>

#include "temp_dir.h"

namespace mlobs::read_once {
namespace {

using testing::TempDir;
using testing::write_file;

TEST(ReadOnceFilesTest, PendingVersionsCountAsReadAndBecomeAcknowledgedOnAck) {
  ReadOnceFiles files;
  EXPECT_FALSE(files.already_read("a", "1"));
  files.record(1, {{"a", "1"}});
  files.record(2, {{"b", "7"}});
  EXPECT_TRUE(files.already_read("a", "1"));
  EXPECT_FALSE(files.already_read("a", "2")) << "a rewrite is another version";
  EXPECT_TRUE(files.acknowledged().empty());

  EXPECT_TRUE(files.ack(1));
  EXPECT_EQ(files.acknowledged(), (std::map<std::string, std::string>{{"a", "1"}}));
  EXPECT_EQ(files.pending_batches(), 1u);
  EXPECT_FALSE(files.ack(1)) << "nothing new";
  EXPECT_TRUE(files.ack(9)) << "an ack may name a later batch that read nothing";
  EXPECT_EQ(files.acknowledged().size(), 2u);
  EXPECT_EQ(files.pending_batches(), 0u);
}

TEST(ReadOnceFilesTest, TheNewestPendingReadDecides) {
  ReadOnceFiles files;
  files.record(1, {{"a", "1"}});
  files.ack(1);
  files.record(2, {{"a", "2"}});
  EXPECT_FALSE(files.already_read("a", "1")) << "rewritten since; the old version is not current";
  EXPECT_TRUE(files.already_read("a", "2"));
  files.record(2, {{"c", "3"}});
  EXPECT_EQ(files.pending_batches(), 1u) << "the same batch is merged";
}

TEST(ReadOnceFilesTest, OnlyAcknowledgedVersionsSurviveARestart) {
  ReadOnceFiles before;
  before.record(1, {{"/x/a.json", "1:2:3:4.5"}});
  before.record(2, {{"/x/b.json", "1:2:3:4.6"}});
  before.ack(1);
  const std::string stored = before.encode();
  EXPECT_EQ(stored, R"({"/x/a.json":"1:2:3:4.5"})");

  ReadOnceFiles after;
  after.record(7, {{"/x/c.json", "9"}});
  after.restore(stored);
  EXPECT_TRUE(after.already_read("/x/a.json", "1:2:3:4.5"));
  EXPECT_FALSE(after.already_read("/x/b.json", "1:2:3:4.6"));
  EXPECT_FALSE(after.already_read("/x/c.json", "9")) << "restore drops what was pending";
  EXPECT_EQ(after.pending_batches(), 0u);
}

TEST(ReadOnceFilesTest, UnreadableStateMeansNothingWasRead) {
  ReadOnceFiles files;
  files.restore(R"({"a":"1"})");
  files.restore("{not json");
  EXPECT_TRUE(files.acknowledged().empty());
  files.restore(R"(["a"])");
  EXPECT_TRUE(files.acknowledged().empty());
  files.restore(R"({"a":1,"b":"2"})");  // entries that are not strings are skipped
  EXPECT_EQ(files.acknowledged(), (std::map<std::string, std::string>{{"b", "2"}}));
  files.restore("");
  EXPECT_TRUE(files.acknowledged().empty());
}

TEST(ReadOnceFilesTest, ForgetsOnlyUnseenPathsThatAreGone) {
  TempDir dir;
  const std::string kept = dir / "kept.json";
  const std::string unmatched = dir / "unmatched.json";
  const std::string deleted = dir / "deleted.json";
  write_file(kept, "{}");
  write_file(unmatched, "{}");
  ReadOnceFiles files;
  files.record(1, {{kept, "1"}, {unmatched, "2"}, {deleted, "3"}});
  files.ack(1);

  EXPECT_EQ(files.forget_missing({kept}), 1u);
  EXPECT_EQ(files.acknowledged().count(deleted), 0u);
  EXPECT_EQ(files.acknowledged().count(unmatched), 1u) << "still exists: kept";
  EXPECT_EQ(files.acknowledged().count(kept), 1u);
  EXPECT_EQ(files.forget_missing({kept}), 0u);
}

}  // namespace
}  // namespace mlobs::read_once
