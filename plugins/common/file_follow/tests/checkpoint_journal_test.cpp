#include "mlobs/file_follow/checkpoint_journal.h"

#include <gtest/gtest.h>

namespace mlobs::file_follow {
namespace {

FileCheckpoint at(uint64_t inode, uint64_t offset, std::string path = "f") {
  FileCheckpoint cp;
  cp.path = path + std::to_string(inode);
  cp.identity = FileIdentity{1, inode, 42, 10};
  cp.position = FilePosition{offset, offset};
  return cp;
}

TEST(CheckpointJournalTest, OnlyAcknowledgedBatchesAreCommitted) {
  CheckpointJournal journal;
  journal.record(1, {at(7, 10)});
  journal.record(2, {at(7, 20), at(8, 5)});
  journal.record(3, {at(7, 30)});
  EXPECT_TRUE(journal.committed().empty());
  EXPECT_EQ(journal.pending_batches(), 3u);

  EXPECT_TRUE(journal.ack(2));
  ASSERT_EQ(journal.committed().size(), 2u);
  EXPECT_EQ(journal.find_committed(FileKey{1, 7})->position.offset, 20u);
  EXPECT_EQ(journal.find_committed(FileKey{1, 8})->position.offset, 5u);
  EXPECT_EQ(journal.pending_batches(), 1u);

  EXPECT_FALSE(journal.ack(2));  // nothing new
  EXPECT_TRUE(journal.ack(5));   // acks may name a later, empty batch
  EXPECT_EQ(journal.find_committed(FileKey{1, 7})->position.offset, 30u);
  EXPECT_EQ(journal.pending_batches(), 0u);
}

TEST(CheckpointJournalTest, SameSequenceMerges) {
  CheckpointJournal journal;
  journal.record(4, {at(7, 10)});
  journal.record(4, {at(7, 15)});
  journal.record(4, {});
  EXPECT_EQ(journal.pending_batches(), 1u);
  journal.ack(4);
  EXPECT_EQ(journal.find_committed(FileKey{1, 7})->position.offset, 15u);
}

TEST(CheckpointJournalTest, LoadAndForget) {
  CheckpointJournal journal;
  journal.load({at(7, 10), at(8, 20)});
  EXPECT_EQ(journal.committed().size(), 2u);
  journal.record(1, {at(8, 25)});
  EXPECT_TRUE(journal.forget(FileKey{1, 8}));
  EXPECT_FALSE(journal.forget(FileKey{1, 8}));
  EXPECT_FALSE(journal.ack(1));  // the forgotten file's pending position is gone too
  EXPECT_EQ(journal.committed().size(), 1u);
  EXPECT_EQ(journal.find_committed(FileKey{1, 8}), nullptr);
}

TEST(CheckpointJournalTest, CommittedIsOrderedByPath) {
  CheckpointJournal journal;
  journal.load({at(1, 0, "z"), at(2, 0, "a"), at(3, 0, "m")});
  const auto all = journal.committed();
  EXPECT_EQ(all[0].path, "a2");
  EXPECT_EQ(all[1].path, "m3");
  EXPECT_EQ(all[2].path, "z1");
}

}  // namespace
}  // namespace mlobs::file_follow
