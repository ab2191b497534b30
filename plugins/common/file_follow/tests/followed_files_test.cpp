#include "mlobs/file_follow/followed_files.h"

#include "temp_dir.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

namespace mlobs::file_follow {
namespace {

using testing::append_file;
using testing::TempDir;
using testing::truncate_file;
using testing::write_file;

FollowOptions options_for(const TempDir& dir, std::string pattern = "*.jsonl") {
  FollowOptions options;
  options.patterns = {dir / pattern};
  return options;
}

// One poll: scan, then every line available, as "file:text", grouped by file name (rounds
// rotate which file comes first; lines of one file keep their order).
std::vector<std::string> poll(FollowedFiles& files) {
  files.scan();
  files.begin_round();
  std::vector<std::string> out;
  FollowedLine line;
  while (files.next(&line)) {
    out.push_back(std::filesystem::path(line.path).filename().string() + ":" +
                  std::string(line.line.text));
  }
  std::stable_sort(out.begin(), out.end(), [](const std::string& a, const std::string& b) {
    return a.substr(0, a.find(':')) < b.substr(0, b.find(':'));
  });
  return out;
}

bool has_event(FollowedFiles& files, FollowEvent::Kind kind) {
  const auto events = files.take_events();
  return std::any_of(events.begin(), events.end(),
                     [&](const FollowEvent& e) { return e.kind == kind; });
}

TEST(FollowedFilesTest, ReadsEveryMatchingFileAndNewOnes) {
  TempDir dir;
  write_file(dir / "a.jsonl", "a1\na2\n");
  write_file(dir / "b.jsonl", "b1\n");
  write_file(dir / "c.txt", "ignored\n");
  FollowedFiles files(options_for(dir));
  EXPECT_EQ(poll(files), (std::vector<std::string>{"a.jsonl:a1", "a.jsonl:a2", "b.jsonl:b1"}));
  EXPECT_TRUE(poll(files).empty());
  append_file(dir / "b.jsonl", "b2\n");
  write_file(dir / "c.jsonl", "c1\n");
  EXPECT_EQ(poll(files), (std::vector<std::string>{"b.jsonl:b2", "c.jsonl:c1"}));
  EXPECT_EQ(files.size(), 3u);
}

TEST(FollowedFilesTest, RoundsRotateTheFirstFile) {
  TempDir dir;
  write_file(dir / "a.jsonl", "a1\na2\n");
  write_file(dir / "b.jsonl", "b1\nb2\n");
  FollowedFiles files(options_for(dir));
  files.scan();
  FollowedLine line;
  files.begin_round();
  ASSERT_TRUE(files.next(&line));
  EXPECT_EQ(line.line.text, "a1");
  files.begin_round();  // e.g. the batch was full: the next pull starts with b
  ASSERT_TRUE(files.next(&line));
  EXPECT_EQ(line.line.text, "b1");
}

TEST(FollowedFilesTest, RenameKeepsPosition) {
  TempDir dir;
  write_file(dir / "app.jsonl", "1\n2\n");
  FollowedFiles files(options_for(dir, "app.jsonl*"));
  EXPECT_EQ(poll(files).size(), 2u);
  std::filesystem::rename(dir / "app.jsonl", dir / "app.jsonl.1");
  append_file(dir / "app.jsonl.1", "3\n");
  write_file(dir / "app.jsonl", "new\n");
  EXPECT_EQ(poll(files), (std::vector<std::string>{"app.jsonl:new", "app.jsonl.1:3"}));
  EXPECT_TRUE(has_event(files, FollowEvent::Kind::kRenamed));
}

TEST(FollowedFilesTest, FileRotatedOutOfTheGlobIsReadToItsEnd) {
  TempDir dir;
  write_file(dir / "app.jsonl", "1\n");
  FollowedFiles files(options_for(dir));
  EXPECT_EQ(poll(files).size(), 1u);
  append_file(dir / "app.jsonl", "2\n");
  std::filesystem::rename(dir / "app.jsonl", dir / "app.old");
  EXPECT_EQ(poll(files), (std::vector<std::string>{"app.jsonl:2"}));
  EXPECT_TRUE(poll(files).empty());
  EXPECT_EQ(files.size(), 0u);
  EXPECT_EQ(files.take_forgotten().size(), 1u);
}

TEST(FollowedFilesTest, RewrittenInPlaceIsReadAgainFromTheStart) {
  TempDir dir;
  write_file(dir / "a.jsonl", "{\"run\":1}\n{\"run\":1,\"x\":2}\n");
  FollowedFiles files(options_for(dir));
  EXPECT_EQ(poll(files).size(), 2u);
  truncate_file(dir / "a.jsonl", 0);
  append_file(dir / "a.jsonl", "{\"run\":2}\n{\"run\":2,\"x\":2}\n{\"run\":2,\"x\":3}\n");
  EXPECT_EQ(poll(files),
            (std::vector<std::string>{"a.jsonl:{\"run\":2}", "a.jsonl:{\"run\":2,\"x\":2}",
                                      "a.jsonl:{\"run\":2,\"x\":3}"}));
  EXPECT_TRUE(has_event(files, FollowEvent::Kind::kReplaced));
}

TEST(FollowedFilesTest, ProgressAndResume) {
  TempDir dir;
  write_file(dir / "a.jsonl", "1\n2\n3\n");
  std::vector<FileCheckpoint> saved;
  {
    FollowedFiles files(options_for(dir));
    files.scan();
    files.begin_round();
    FollowedLine line;
    ASSERT_TRUE(files.next(&line));
    ASSERT_TRUE(files.next(&line));
    saved = files.take_progress();
    ASSERT_EQ(saved.size(), 1u);
    EXPECT_EQ(saved[0].position, (FilePosition{4, 2}));
    EXPECT_TRUE(files.take_progress().empty());
  }
  append_file(dir / "a.jsonl", "4\n");
  FollowedFiles files(options_for(dir));
  files.resume_from(saved);
  EXPECT_EQ(poll(files), (std::vector<std::string>{"a.jsonl:3", "a.jsonl:4"}));
  EXPECT_TRUE(has_event(files, FollowEvent::Kind::kResumed));
  EXPECT_TRUE(files.take_forgotten().empty());
}

TEST(FollowedFilesTest, ResumePointOfAReplacedFileIsIgnored) {
  TempDir dir;
  write_file(dir / "a.jsonl", "first content\n");
  std::error_code ec;
  FileCheckpoint saved{dir / "a.jsonl", *identify(std::filesystem::path(dir / "a.jsonl"), &ec),
                       FilePosition{14, 1}};
  truncate_file(dir / "a.jsonl", 0);
  append_file(dir / "a.jsonl", "other content!\n");
  FollowedFiles files(options_for(dir));
  files.resume_from({saved});
  EXPECT_EQ(poll(files), (std::vector<std::string>{"a.jsonl:other content!"}));
  EXPECT_EQ(files.take_forgotten().size(), 1u);
}

TEST(FollowedFilesTest, UnclaimedResumePointsAreForgotten) {
  TempDir dir;
  FileCheckpoint stale{"gone.jsonl", FileIdentity{1, 999999, 0, 0}, FilePosition{5, 1}};
  FollowedFiles files(options_for(dir));
  files.resume_from({stale});
  files.scan();
  const auto forgotten = files.take_forgotten();
  ASSERT_EQ(forgotten.size(), 1u);
  EXPECT_EQ(forgotten[0], (FileKey{1, 999999}));
}

TEST(FollowedFilesTest, SkipExistingContentOnlyForTheFirstScan) {
  TempDir dir;
  write_file(dir / "old.jsonl", "o1\no2\npart");
  FollowOptions options = options_for(dir);
  options.skip_existing_content = true;
  FollowedFiles files(options);
  EXPECT_TRUE(poll(files).empty());
  const auto progress = files.take_progress();
  ASSERT_EQ(progress.size(), 1u);  // so a restart does not skip what comes next
  EXPECT_EQ(progress[0].position, (FilePosition{6, 2}));
  append_file(dir / "old.jsonl", "ial\no3\n");
  write_file(dir / "new.jsonl", "n1\n");
  EXPECT_EQ(poll(files),
            (std::vector<std::string>{"new.jsonl:n1", "old.jsonl:partial", "old.jsonl:o3"}));
}

TEST(FollowedFilesTest, DeletedFileIsForgotten) {
  TempDir dir;
  write_file(dir / "a.jsonl", "1\n");
  FollowOptions options = options_for(dir);
  options.close_idle_after_scans = 1;
  FollowedFiles files(options);
  EXPECT_EQ(poll(files).size(), 1u);
  EXPECT_TRUE(poll(files).empty());  // idle: descriptor closed
  std::filesystem::remove(dir / "a.jsonl");
  EXPECT_TRUE(poll(files).empty());
  EXPECT_EQ(files.size(), 0u);
  EXPECT_EQ(files.take_forgotten().size(), 1u);
  EXPECT_TRUE(has_event(files, FollowEvent::Kind::kGone));
}

TEST(FollowedFilesTest, IdleDescriptorIsReopenedOnGrowth) {
  TempDir dir;
  write_file(dir / "a.jsonl", "1\n");
  FollowOptions options = options_for(dir);
  options.close_idle_after_scans = 1;
  FollowedFiles files(options);
  EXPECT_EQ(poll(files).size(), 1u);
  EXPECT_TRUE(poll(files).empty());
  EXPECT_TRUE(poll(files).empty());
  append_file(dir / "a.jsonl", "2\n");
  EXPECT_EQ(poll(files), (std::vector<std::string>{"a.jsonl:2"}));
}

TEST(FollowedFilesTest, ShortFileGrowsPastTheFingerprint) {
  TempDir dir;
  write_file(dir / "a.jsonl", "1\n");
  FollowedFiles files(options_for(dir));
  EXPECT_EQ(poll(files).size(), 1u);
  const auto first = files.take_progress();
  ASSERT_EQ(first.size(), 1u);
  EXPECT_EQ(first[0].identity.fingerprint_bytes, 2u);
  append_file(dir / "a.jsonl", std::string(300, 'x') + "\n");
  EXPECT_EQ(poll(files).size(), 1u);  // not mistaken for a replaced file
  const auto second = files.take_progress();
  ASSERT_EQ(second.size(), 1u);
  EXPECT_EQ(second[0].identity.fingerprint_bytes, 256u);
  EXPECT_EQ(second[0].position.line, 2u);
}

TEST(FollowedFilesTest, TruncationIsReported) {
  TempDir dir;
  write_file(dir / "a.jsonl", "same prefix 1\nsame prefix 2\n");
  FollowOptions options = options_for(dir);
  options.fingerprint_bytes = 4;  // the rewrite below keeps the fingerprinted prefix
  FollowedFiles files(options);
  EXPECT_EQ(poll(files).size(), 2u);
  truncate_file(dir / "a.jsonl", 0);
  append_file(dir / "a.jsonl", "same\n");
  EXPECT_EQ(poll(files), (std::vector<std::string>{"a.jsonl:same"}));
  EXPECT_TRUE(has_event(files, FollowEvent::Kind::kTruncated));
}

}  // namespace
}  // namespace mlobs::file_follow
