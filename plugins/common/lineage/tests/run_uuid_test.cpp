#include "mlobs/lineage/run_uuid.h"

#include <gtest/gtest.h>

#include <string>

namespace mlobs::lineage {
namespace {

std::string hex(const std::array<uint8_t, 20>& digest) {
  static const char* kDigits = "0123456789abcdef";
  std::string out;
  for (const uint8_t b : digest) {
    out += kDigits[b >> 4];
    out += kDigits[b & 0xf];
  }
  return out;
}

TEST(Sha1Test, MatchesTheStandardsVectors) {
  EXPECT_EQ(hex(sha1("")), "da39a3ee5e6b4b0d3255bfef95601890afd80709");
  EXPECT_EQ(hex(sha1("abc")), "a9993e364706816aba3e25717850c26c9cd0d89d");
  // Two blocks: the 56-byte message pads into a second one.
  EXPECT_EQ(hex(sha1("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")),
            "84983e441c3bd26ebaae4aa1f95129e5e54670f1");
  EXPECT_EQ(hex(sha1(std::string(1000000, 'a'))), "34aa973cd4c4daa4f61eeb2bdbad27316534016f");
}

TEST(RunUuidTest, IsTheNameBasedUuidOthersComputeToo) {
  // uuid.uuid5(uuid.NAMESPACE_DNS, "python.org"), from Python's documentation.
  const std::array<uint8_t, 16> dns = {0x6b, 0xa7, 0xb8, 0x10, 0x9d, 0xad, 0x11, 0xd1,
                                       0x80, 0xb4, 0x00, 0xc0, 0x4f, 0xd4, 0x30, 0xc8};
  EXPECT_EQ(uuid_v5(dns, "python.org"), "886313e1-3b8a-5372-9b90-0c9aee199e5d");
}

TEST(RunUuidTest, SameRunSameUuidOtherRunOrNamespaceAnother) {
  const std::string a = run_uuid("mlobs", "run-2026-04-04-001");
  EXPECT_EQ(a, run_uuid("mlobs", "run-2026-04-04-001"));
  EXPECT_NE(a, run_uuid("mlobs", "run-2026-04-04-002"));
  EXPECT_NE(a, run_uuid("prod", "run-2026-04-04-001"));
  ASSERT_EQ(a.size(), 36u);
  EXPECT_EQ(a[14], '5');  // version
  EXPECT_NE(std::string("89ab").find(a[19]), std::string::npos);  // variant
}

}  // namespace
}  // namespace mlobs::lineage
