#include "record/body_blocks.h"

#include <sanitizer/asan_interface.h>

#include <atomic>
#include <cstdint>
#include <cstdlib>
#include <new>

namespace mlobs::agent::body_blocks {
namespace {

constexpr size_t kAlign = 16;
constexpr size_t kBlockSize = 64 * 1024;
constexpr size_t kLargeCarve = kBlockSize / 4;  // beyond this a carve gets its own block

struct alignas(kAlign) Block {
  std::atomic<uint32_t> refs{1};  // one per carve, plus one for the thread still carving
  size_t used = 0;                // bytes of data() handed out
  size_t capacity = 0;

  char* data() { return reinterpret_cast<char*>(this + 1); }
};

// Precedes each carve: the block to release it to, and the carve's size.
struct alignas(kAlign) CarveHeader {
  Block* block;
  size_t size;
};

constexpr size_t round_up(size_t n) { return (n + kAlign - 1) & ~(kAlign - 1); }

// Under AddressSanitizer a block's memory is poisoned except for the carves in use, so reading
// past a carve or after its release is reported as it would be for a malloc'd body.
Block* new_block(size_t capacity) {
  void* memory = std::malloc(sizeof(Block) + capacity);
  if (!memory) throw std::bad_alloc();
  Block* b = new (memory) Block;
  b->capacity = capacity;
  ASAN_POISON_MEMORY_REGION(b->data(), capacity);
  return b;
}

void drop(Block* b) {
  if (b->refs.fetch_sub(1, std::memory_order_acq_rel) == 1) {
    ASAN_UNPOISON_MEMORY_REGION(b->data(), b->capacity);
    b->~Block();
    std::free(b);
  }
}

void* carve(Block* b, size_t size) {
  const size_t bytes = sizeof(CarveHeader) + round_up(size);
  char* at = b->data() + b->used;
  ASAN_UNPOISON_MEMORY_REGION(at, sizeof(CarveHeader) + size);
  auto* header = new (at) CarveHeader{b, size};
  b->used += bytes;
  b->refs.fetch_add(1, std::memory_order_relaxed);
  return header + 1;
}

// The block this thread carves from; its reference is dropped when the thread moves on to a
// new block or ends.
struct CurrentBlock {
  Block* block = nullptr;
  ~CurrentBlock() {
    if (block) drop(block);
  }
};
thread_local CurrentBlock current;

}  // namespace

void* allocate(size_t size) {
  const size_t bytes = sizeof(CarveHeader) + round_up(size);
  if (bytes > kLargeCarve) {
    Block* own = new_block(bytes);
    void* p = carve(own, size);
    drop(own);  // only the carve holds it
    return p;
  }
  Block*& b = current.block;
  if (!b || b->capacity - b->used < bytes) {
    if (b) drop(b);
    b = nullptr;  // a failed allocation below leaves no dangling block
    b = new_block(kBlockSize);
  }
  return carve(b, size);
}

void release(void* p) {
  if (!p) return;
  const auto* header = static_cast<CarveHeader*>(p) - 1;
  Block* b = header->block;
  ASAN_POISON_MEMORY_REGION(header, sizeof(CarveHeader) + header->size);
  drop(b);
}

}  // namespace mlobs::agent::body_blocks
