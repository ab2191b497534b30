// A source that emits `count` records with body.n = 0..count-1, then nothing: exact, known
// input for counting what reaches a sink.
//
//   sources:
//     numbers: { type: counting, count: 1000, kind: number }
#include <mlobs/plugin.hpp>

#include <algorithm>
#include <string>

namespace {

class CountingSource : public mlobs::Source {
 public:
  mlobs::Status configure(const mlobs::Config& config) override {
    count_ = config.get_int("count");
    kind_ = config.get_string("kind", "counter");
    if (count_ < 0) return mlobs::Status::InvalidArgument("count must be >= 0");
    return mlobs::Status::Ok();
  }

  mlobs::Status pull(mlobs::Batch& batch) override {
    const int64_t room = static_cast<int64_t>(std::max<size_t>(batch.capacity(), 1));
    const int64_t end = std::min(count_, next_ + room);
    for (; next_ < end; ++next_) {
      mlobs::OwnedRecord rec = host().create_record(kind_);
      if (!rec) return mlobs::Status::Internal("record_create failed");
      if (mlobs::Status s = rec.set("body.n", next_); !s.ok()) return s;
      if (mlobs::Status s = batch.append(std::move(rec)); !s.ok()) return s;
    }
    return mlobs::Status::Ok();
  }

 private:
  int64_t count_ = 0;
  int64_t next_ = 0;
  std::string kind_;
};

}  // namespace

MLOBS_PLUGIN("dev.mlobs.test.counting_source", "counting_source", "0.1.0", "Apache-2.0",
             mlobs::component<CountingSource>(
                 "counting", "Emits count records with body.n = 0..count-1, then nothing",
                 {{"count", MLOBS_CONFIG_INT, true, nullptr, "how many records to emit"},
                  {"kind", MLOBS_CONFIG_STRING, false, "counter", "the records' kind"}}))
