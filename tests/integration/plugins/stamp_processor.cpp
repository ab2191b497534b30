// A processor that writes one value into every record it gets, and tries to write into records
// it should not own, to show from outside that fan-out gives each processor its own records:
//
//   processors:
//     a: { type: stamp, inputs: [src], field: a, value: "1" }
#include <mlobs/plugin.hpp>

#include <string>

namespace {

class Stamp : public mlobs::Processor {
 public:
  mlobs::Status configure(const mlobs::Config& config) override {
    path_ = "body." + config.get_string("field");
    value_ = config.get_string("value");
    return mlobs::Status::Ok();
  }
  mlobs::Status process(mlobs::Batch& batch) override {
    for (size_t i = 0; i < batch.size(); ++i) {
      mlobs::RecordRef rec = batch.at(i);
      if (!rec.handle()) continue;
      mlobs::Status s = rec.set(path_, value_);
      if (!s.ok()) return s;  // a record it may not change would end up dead-lettered
    }
    return mlobs::Status::Ok();
  }

 private:
  std::string path_, value_;
};

}  // namespace

MLOBS_PLUGIN("io.mlobs.test.stamp", "stamp", "0.1.0", "Apache-2.0",
             mlobs::component<Stamp>("stamp", "Writes one value into every record",
                                     {{"field", MLOBS_CONFIG_STRING, true, nullptr, "body field"},
                                      {"value", MLOBS_CONFIG_STRING, true, nullptr, "value"}}))
