// A minimal third-party plugin: a processor that writes a fixed tag into every record.
//
//   processors:
//     tagged: { type: add_tag, inputs: [app], field: team, value: ml-platform }
#include <mlobs/plugin.hpp>

#include <string>

namespace {

class AddTag : public mlobs::Processor {
 public:
  mlobs::Status configure(const mlobs::Config& config) override {
    path_ = "body." + config.get_string("field");
    value_ = config.get_string("value");
    if (value_.empty()) return mlobs::Status::InvalidArgument("value must not be empty");
    tagged_ = host().counter("add_tag_records_total", "Records tagged by add_tag", {"component"})
                  .series({host().component_id()});
    return mlobs::Status::Ok();
  }

  mlobs::Status process(mlobs::Batch& batch) override {
    for (size_t i = 0; i < batch.size(); ++i) {
      mlobs::RecordRef rec = batch.at(i);
      if (!rec.handle()) continue;
      mlobs::Status s = rec.set(path_, value_);
      if (!s.ok()) return s;
    }
    tagged_.add(static_cast<double>(batch.size()));
    return mlobs::Status::Ok();
  }

 private:
  std::string path_;
  std::string value_;
  mlobs::Series tagged_;
};

}  // namespace

MLOBS_PLUGIN("com.example.add_tag", "add_tag", "1.0.0", "Apache-2.0",
             mlobs::component<AddTag>(
                 "add_tag", "Writes a fixed value into a field of every record",
                 {{"field", MLOBS_CONFIG_STRING, false, "tag", "body field to write"},
                  {"value", MLOBS_CONFIG_STRING, true, nullptr, "the value to write"}}))
