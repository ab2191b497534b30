#include "http_sink.h"

#include <cstdlib>

namespace mlobs::http_sink {

Status HttpSink::configure(const Config& config) {
  url_ = config.get_string("url");
  if (url_.rfind("http://", 0) != 0 && url_.rfind("https://", 0) != 0) {
    return Status::InvalidArgument("url must start with http:// or https://, got \"" + url_ + "\"");
  }
  method_ = config.get_string("method", "POST");
  if (method_ != "POST" && method_ != "PUT") {
    return Status::InvalidArgument("method must be POST or PUT, got \"" + method_ + "\"");
  }
  const std::string format = config.get_string("format", "ndjson");
  if (format != "ndjson" && format != "json") {
    return Status::InvalidArgument("format must be ndjson or json, got \"" + format + "\"");
  }
  json_array_ = format == "json";
  headers_ = {{"Content-Type", json_array_ ? "application/json" : "application/x-ndjson"}};
  const RecordRef settings = config.record();
  const size_t n = settings.size("body.headers");
  for (size_t i = 0; i < n; ++i) {
    const std::string name(settings.key("body.headers", i).value_or(""));
    const auto value = settings.get_string("body.headers." + name);
    if (!value) return Status::InvalidArgument("headers." + name + " must be a string");
    headers_.emplace_back(name, std::string(*value));
  }
  // The token comes from the environment, never from the config file.
  const std::string token_env = config.get_string("bearer_token_env");
  if (!token_env.empty()) {
    const char* token = std::getenv(token_env.c_str());
    if (!token || !*token) {
      return Status::InvalidArgument("bearer_token_env names " + token_env + ", which is not set");
    }
    headers_.emplace_back("Authorization", std::string("Bearer ") + token);
  }
  return Status::Ok();
}

Status HttpSink::write(Batch& batch) {
  body_.clear();
  if (json_array_) body_ += '[';
  size_t records = 0;
  for (size_t i = 0; i < batch.size(); ++i) {
    RecordRef rec = batch.at(i);
    if (!rec.handle()) continue;
    if (json_array_ && records > 0) body_ += ',';
    body_ += rec.to_json();
    if (!json_array_) body_ += '\n';
    ++records;
  }
  if (json_array_) body_ += ']';
  if (records == 0) return Status::Ok();
  HttpRequest request;
  request.method = method_;
  request.url = url_;
  request.headers = headers_;
  request.body = body_;
  return http_status(host().http_send(request), "http sink " + url_);
}

}  // namespace mlobs::http_sink
