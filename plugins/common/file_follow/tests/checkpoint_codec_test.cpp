#include "mlobs/file_follow/checkpoint_codec.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace mlobs::file_follow {
namespace {

FileCheckpoint sample(std::string path, uint64_t offset) {
  FileCheckpoint cp;
  cp.path = std::move(path);
  cp.identity = FileIdentity{2049, 131, 0xfedcba9876543210ull, 256};
  cp.position = FilePosition{offset, offset / 10};
  return cp;
}

TEST(CheckpointCodecTest, RoundTrip) {
  std::vector<FileCheckpoint> files = {sample("logs/a.jsonl", 1024),
                                       sample("odd \"name\"\\\n\t\x01\xc3\xa9.jsonl", 7)};
  files[1].identity.inode = UINT64_MAX;
  files[1].identity.fingerprint = 0;
  files[1].identity.fingerprint_bytes = 3;
  const std::string text = encode_checkpoints(files);
  const auto back = decode_checkpoints(text);
  ASSERT_TRUE(back.has_value()) << text;
  EXPECT_EQ(*back, files);
}

TEST(CheckpointCodecTest, CompactShape) {
  EXPECT_EQ(encode_checkpoints({sample("a", 20)}),
            "{\"v\":1,\"files\":[{\"path\":\"a\",\"dev\":2049,\"ino\":131,"
            "\"fp\":\"fedcba9876543210\",\"fp_bytes\":256,\"offset\":20,\"line\":2}]}");
  EXPECT_EQ(encode_checkpoints({}), "{\"v\":1,\"files\":[]}");
  EXPECT_EQ(decode_checkpoints("{\"v\":1,\"files\":[]}")->size(), 0u);
}

TEST(CheckpointCodecTest, UnknownMembersAreSkipped) {
  const auto back = decode_checkpoints(
      " {\"extra\":[1,{\"x\":null}],\"v\":1,\"files\":[{\"path\":\"a\",\"new\":true,\"dev\":1,"
      "\"ino\":2,\"fp\":\"00000000000000ff\",\"fp_bytes\":3,\"offset\":4,\"line\":5}]} ");
  ASSERT_TRUE(back.has_value());
  ASSERT_EQ(back->size(), 1u);
  EXPECT_EQ((*back)[0].identity.fingerprint, 255u);
  EXPECT_EQ((*back)[0].position, (FilePosition{4, 5}));
}

TEST(CheckpointCodecTest, GarbageIsRejected) {
  const std::string good = encode_checkpoints({sample("a", 20)});
  const std::vector<std::string> bad = {
      "",
      "null",
      "[]",
      "{",
      "not json",
      "{\"v\":2,\"files\":[]}",  // a version this code does not know
      "{\"files\":[]}",
      "{\"v\":1}",
      "{\"v\":1,\"files\":{}}",
      "{\"v\":1,\"files\":[{\"path\":\"a\"}]}",  // members missing
      "{\"v\":1,\"files\":[{\"path\":1,\"dev\":1,\"ino\":2,\"fp\":\"0\",\"fp_bytes\":3,"
      "\"offset\":4,\"line\":5}]}",
      "{\"v\":1,\"files\":[{\"path\":\"a\",\"dev\":-1,\"ino\":2,\"fp\":\"0\",\"fp_bytes\":3,"
      "\"offset\":4,\"line\":5}]}",
      "{\"v\":1,\"files\":[{\"path\":\"a\",\"dev\":1,\"ino\":2,\"fp\":\"xyz\",\"fp_bytes\":3,"
      "\"offset\":4,\"line\":5}]}",
      "{\"v\":1,\"files\":[{\"path\":\"a\",\"dev\":1,\"ino\":2,\"fp\":\"0\",\"fp_bytes\":3,"
      "\"offset\":99999999999999999999,\"line\":5}]}",
      "{\"v\":1,\"files\":[{\"path\":\"a\",\"dev\":1,\"ino\":2,\"fp\":\"0\",\"fp_bytes\":3,"
      "\"offset\":4.5,\"line\":5}]}",
      good + "x",
      good.substr(0, good.size() - 1),
      good.substr(0, good.size() / 2),
      std::string(100000, '['),
      std::string("{\"v\":1,\"files\":[\0]}", 19),
  };
  for (const auto& text : bad) EXPECT_FALSE(decode_checkpoints(text).has_value()) << text;
}

TEST(CheckpointCodecTest, EveryPrefixAndByteFlipIsHandled) {
  const std::string good = encode_checkpoints({sample("logs/a.jsonl", 1024), sample("b", 1)});
  for (size_t i = 0; i < good.size(); ++i) {
    EXPECT_FALSE(decode_checkpoints(good.substr(0, i)).has_value()) << i;
    std::string flipped = good;
    flipped[i] = static_cast<char>(flipped[i] ^ 0x5a);
    (void)decode_checkpoints(flipped);  // any answer, as long as it does not crash
  }
}

}  // namespace
}  // namespace mlobs::file_follow
