// A read-only processor (mlobs::ReadOnlyProcessor): it counts the records of each batch, tries
// to change one and to append one, and emits a `tally` record saying what happened, to show
// from outside that such a processor's batch passes on untouched:
//
//   processors:
//     t: { type: tally, inputs: [src] }
#include <mlobs/plugin.hpp>

#include <cstdint>

namespace {

class Tally : public mlobs::ReadOnlyProcessor {
 public:
  mlobs::Status process(mlobs::Batch& batch) override {
    int64_t seen = 0;
    for (size_t i = 0; i < batch.size(); ++i) {
      if (batch.at(i).handle()) ++seen;
    }
    mlobs::OwnedRecord tally = host().create_record("tally");
    tally.set("body.seen", seen);
    tally.set("body.change_refused",
              seen > 0 && batch.at(0).set("body.changed", true).code() ==
                              MLOBS_FAILED_PRECONDITION);
    tally.set("body.append_refused",
              batch.append(host().create_record("appended")).code() == MLOBS_FAILED_PRECONDITION);
    return host().emit(std::move(tally));
  }
};

}  // namespace

MLOBS_PLUGIN("io.mlobs.test.tally", "tally", "0.1.0", "Apache-2.0",
             mlobs::component<Tally>("tally", "Counts each batch's records without changing them"))
