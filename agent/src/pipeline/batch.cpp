#include "pipeline/batch.h"

#include <algorithm>

namespace mlobs::agent {

void compact(Batch* batch) {
  auto& r = batch->records;
  r.erase(std::remove(r.begin(), r.end(), nullptr), r.end());
}

BatchPtr clone_batch(const Batch& batch) {
  auto copy = std::make_shared<Batch>();
  copy->records.reserve(batch.records.size());
  for (const auto& rec : batch.records) {
    if (rec) copy->records.push_back(std::make_unique<Record>(*rec));
  }
  copy->capacity = batch.capacity;
  copy->sequence = batch.sequence;
  copy->acks = batch.acks;
  copy->started_unix_nanos = batch.started_unix_nanos;
  return copy;
}

void freeze(Batch* batch) {
  if (batch->read_only) return;  // others may be reading it already
  batch->read_only = true;
  for (auto& rec : batch->records) rec->read_only = true;
}

}  // namespace mlobs::agent
