// Memory for record bodies, carved from 64 KiB blocks: one allocation per block instead of one
// per body. A source's thread makes the bodies and whichever thread drops a body's last copy
// frees it; a per-body malloc makes each of those frees a cross-thread one, which costs the
// allocator more than the parse. Each carve holds a reference on its block, and the block is
// freed with its last carve (so one long-lived body keeps at most one block alive).
#pragma once

#include <cstddef>

namespace mlobs::agent::body_blocks {

// `size` bytes aligned to 16, from the calling thread's current block (a large carve gets a
// block of its own). Throws std::bad_alloc.
void* allocate(size_t size);

// Gives back a carve from any thread; the block goes when its last carve does.
void release(void* carve);

}  // namespace mlobs::agent::body_blocks
