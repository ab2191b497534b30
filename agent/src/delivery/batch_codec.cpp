#include "delivery/batch_codec.h"

namespace mlobs::agent {

std::string encode_batch(const Batch& batch) {
  std::string out;
  for (const auto& r : batch.records) {
    if (!r) continue;
    r->append_json(&out);
    out += '\n';
  }
  return out;
}

Status decode_batch(std::string_view entry, Batch* out) {
  while (!entry.empty()) {
    const size_t end = entry.find('\n');
    const std::string_view line = entry.substr(0, end);
    entry.remove_prefix(end == std::string_view::npos ? entry.size() : end + 1);
    if (line.empty()) continue;
    auto rec = std::make_unique<Record>();
    Status s = parse_record({}, line, rec.get());
    if (!s.ok()) return Status(s.code(), "a disk buffer entry holds a bad record: " + s.message());
    out->records.push_back(std::move(rec));
  }
  return Status::Ok();
}

}  // namespace mlobs::agent
