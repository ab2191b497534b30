#include "record/body_blocks.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <cstring>
#include <thread>
#include <vector>

namespace mlobs::agent {
namespace {

struct Carve {
  char* bytes;
  size_t size;
};

// Fills each carve with its own byte so that overlapping carves would show.
std::vector<Carve> carve_many(size_t count, size_t size) {
  std::vector<Carve> carves;
  for (size_t i = 0; i < count; ++i) {
    auto* p = static_cast<char*>(body_blocks::allocate(size));
    std::memset(p, static_cast<int>(i & 0xff), size);
    carves.push_back({p, size});
  }
  return carves;
}

void expect_intact(const std::vector<Carve>& carves) {
  for (size_t i = 0; i < carves.size(); ++i) {
    EXPECT_EQ(reinterpret_cast<uintptr_t>(carves[i].bytes) % 16, 0u) << i;
    for (size_t b = 0; b < carves[i].size; ++b) {
      ASSERT_EQ(static_cast<unsigned char>(carves[i].bytes[b]), i & 0xff) << i << " byte " << b;
    }
  }
}

TEST(BodyBlocks, CarvesAreAlignedAndDisjointAcrossSeveralBlocks) {
  // 1,000 carves of 1 KiB fill about sixteen 64 KiB blocks.
  auto carves = carve_many(1000, 1000);
  expect_intact(carves);
  for (const auto& c : carves) body_blocks::release(c.bytes);
}

TEST(BodyBlocks, ALargeCarveGetsABlockOfItsOwn) {
  auto small = carve_many(3, 100);
  auto large = static_cast<char*>(body_blocks::allocate(1 << 20));
  std::memset(large, 0x5a, 1 << 20);
  expect_intact(small);
  body_blocks::release(large);
  auto after = carve_many(3, 100);
  expect_intact(after);
  for (const auto& c : small) body_blocks::release(c.bytes);
  for (const auto& c : after) body_blocks::release(c.bytes);
}

// Bodies are made on a source's thread and let go of elsewhere, often after that thread ended;
// the leak checker of the sanitizer build sees any block not freed.
TEST(BodyBlocks, CarvesOutliveTheirThreadAndAreReleasedOnAnother) {
  std::vector<Carve> carves;
  std::thread maker([&] { carves = carve_many(500, 700); });
  maker.join();
  expect_intact(carves);
  std::thread releaser([&] {
    for (const auto& c : carves) body_blocks::release(c.bytes);
  });
  releaser.join();
}

TEST(BodyBlocks, ReleasingNothingIsHarmless) { body_blocks::release(nullptr); }

#if defined(__SANITIZE_ADDRESS__)
// Under AddressSanitizer a released carve, and the room past a carve, are poisoned as freed
// malloc memory would be.
TEST(BodyBlocksDeathTest, ReadingAReleasedCarveIsReported) {
  auto* p = static_cast<volatile char*>(body_blocks::allocate(64));
  body_blocks::release(const_cast<char*>(p));
  EXPECT_DEATH((void)p[10], "use-after-poison");
}

TEST(BodyBlocksDeathTest, ReadingPastACarveIsReported) {
  auto* p = static_cast<volatile char*>(body_blocks::allocate(40));
  EXPECT_DEATH((void)p[40], "use-after-poison");
  body_blocks::release(const_cast<char*>(p));
}
#endif

}  // namespace
}  // namespace mlobs::agent
