#include "mlobs/file_follow/file_identity.h"

#include "temp_dir.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <string>

namespace mlobs::file_follow {
namespace {

using testing::append_file;
using testing::TempDir;
using testing::truncate_file;
using testing::write_file;

FileIdentity id_of(const std::string& path, size_t max_bytes = kDefaultFingerprintBytes) {
  std::error_code ec;
  auto id = identify(path, &ec, max_bytes);
  EXPECT_TRUE(id.has_value()) << ec.message();
  return id.value_or(FileIdentity{});
}

TEST(Fnv1aTest, KnownValues) {
  EXPECT_EQ(fnv1a64("", 0), 0xcbf29ce484222325ull);
  EXPECT_EQ(fnv1a64("a", 1), 0xaf63dc4c8601ec8cull);
  EXPECT_EQ(fnv1a64("foobar", 6), 0x85944171f73967e8ull);
  // Hashing in pieces equals hashing at once.
  EXPECT_EQ(fnv1a64("bar", 3, fnv1a64("foo", 3)), fnv1a64("foobar", 6));
}

TEST(FileIdentityTest, FingerprintCoversAtMostNBytes) {
  TempDir dir;
  const std::string path = dir / "a.jsonl";
  write_file(path, std::string(1000, 'x'));
  const FileIdentity id = id_of(path);
  EXPECT_EQ(id.fingerprint_bytes, 256u);
  EXPECT_EQ(id.fingerprint, fnv1a64(std::string(256, 'x').data(), 256));
  EXPECT_EQ(id_of(path, 16).fingerprint_bytes, 16u);
}

TEST(FileIdentityTest, RenameKeepsIdentity) {
  TempDir dir;
  write_file(dir / "a.jsonl", "{\"n\":1}\n{\"n\":2}\n");
  const FileIdentity before = id_of(dir / "a.jsonl");
  std::filesystem::rename(dir / "a.jsonl", dir / "a.jsonl.1");
  EXPECT_EQ(id_of(dir / "a.jsonl.1"), before);
  EXPECT_TRUE(is_same_file(before, std::filesystem::path(dir / "a.jsonl.1")));
  // A new file at the old name is another file.
  write_file(dir / "a.jsonl", "{\"n\":1}\n{\"n\":2}\n");
  EXPECT_NE(id_of(dir / "a.jsonl").key(), before.key());
  EXPECT_FALSE(is_same_file(before, std::filesystem::path(dir / "a.jsonl")));
}

TEST(FileIdentityTest, TruncateAndRewriteIsANewFile) {
  TempDir dir;
  const std::string path = dir / "a.jsonl";
  write_file(path, "{\"run\":\"first\"}\n");
  const FileIdentity before = id_of(path);
  truncate_file(path, 0);
  append_file(path, "{\"run\":\"second\"}\n");
  const FileIdentity after = id_of(path);
  EXPECT_EQ(after.key(), before.key());  // same inode ...
  EXPECT_NE(after, before);              // ... other content
  EXPECT_FALSE(is_same_file(before, std::filesystem::path(path)));
}

TEST(FileIdentityTest, TruncatedBelowFingerprintIsANewFile) {
  TempDir dir;
  const std::string path = dir / "a.jsonl";
  write_file(path, "0123456789\n");
  const FileIdentity before = id_of(path);
  truncate_file(path, 4);  // keeps a prefix of the old content, but lost bytes it had
  EXPECT_FALSE(is_same_file(before, std::filesystem::path(path)));
}

TEST(FileIdentityTest, ShortFileStillMatchesAfterGrowing) {
  TempDir dir;
  const std::string path = dir / "a.jsonl";
  write_file(path, "{\"n\":1}\n");  // 8 bytes: shorter than the fingerprint length
  const FileIdentity short_id = id_of(path);
  EXPECT_EQ(short_id.fingerprint_bytes, 8u);
  append_file(path, std::string(500, 'y') + "\n");
  const FileIdentity grown = id_of(path);
  EXPECT_EQ(grown.fingerprint_bytes, 256u);
  EXPECT_NE(grown.fingerprint, short_id.fingerprint);
  // Compared over the common prefix (the 8 bytes the short fingerprint covers): same file.
  EXPECT_TRUE(is_same_file(short_id, std::filesystem::path(path)));
  EXPECT_TRUE(is_same_file(grown, std::filesystem::path(path)));
}

TEST(FileIdentityTest, EmptyFile) {
  TempDir dir;
  const std::string path = dir / "empty.jsonl";
  write_file(path, "");
  const FileIdentity id = id_of(path);
  EXPECT_EQ(id.fingerprint_bytes, 0u);
  append_file(path, "{}\n");
  EXPECT_TRUE(is_same_file(id, std::filesystem::path(path)));
}

TEST(FileIdentityTest, MissingFile) {
  TempDir dir;
  std::error_code ec;
  EXPECT_FALSE(identify(std::filesystem::path(dir / "none"), &ec).has_value());
  EXPECT_TRUE(ec);
  EXPECT_FALSE(is_same_file(FileIdentity{}, std::filesystem::path(dir / "none"), &ec));
  EXPECT_TRUE(ec);
}

TEST(FileIdentityTest, HugeStoredFingerprintLengthIsHarmless) {
  TempDir dir;
  const std::string path = dir / "a.jsonl";
  write_file(path, "abc\n");
  FileIdentity id = id_of(path);
  id.fingerprint_bytes = uint64_t{1} << 62;  // e.g. from a damaged checkpoint
  EXPECT_FALSE(is_same_file(id, std::filesystem::path(path)));
}

}  // namespace
}  // namespace mlobs::file_follow
