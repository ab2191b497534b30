// A batch of records as it moves along one edge, with the acknowledgement tokens of the source
// batches it came from.
#pragma once

#include "pipeline/ack_tracker.h"
#include "record/record.h"

#include <cstdint>
#include <memory>
#include <vector>

struct mlobs_batch {
  std::vector<mlobs::agent::RecordPtr> records;  // a removed record leaves a null slot
  size_t capacity = 0;                           // sources: how many records to append at most
  uint64_t sequence = 0;                         // sources: the sequence ack() will name
  std::vector<std::shared_ptr<mlobs::agent::AckToken>> acks;
  int64_t started_unix_nanos = 0;  // when the source produced it (for traces and latency)
  bool read_only = false;          // shared by several sinks: no record is added or removed
};

namespace mlobs::agent {

using Batch = mlobs_batch;
using BatchPtr = std::shared_ptr<Batch>;

// Drops the null slots removed records leave behind.
void compact(Batch* batch);

// A deep copy, sharing the acknowledgement tokens (fan-out to a mutating consumer).
BatchPtr clone_batch(const Batch& batch);

// Makes the batch and its records read-only, for sinks that share it.
void freeze(Batch* batch);

}  // namespace mlobs::agent
