// Status: a code from the ABI's canonical set plus a message. No exceptions on the data path.
#pragma once

#include <mlobs/plugin.h>

#include <string>
#include <utility>

namespace mlobs::agent {

class Status {
 public:
  Status() = default;
  Status(mlobs_status code, std::string message) : code_(code), message_(std::move(message)) {}

  static Status Ok() { return {}; }
  static Status InvalidArgument(std::string m) { return {MLOBS_INVALID_ARGUMENT, std::move(m)}; }
  static Status NotFound(std::string m) { return {MLOBS_NOT_FOUND, std::move(m)}; }
  static Status FailedPrecondition(std::string m) {
    return {MLOBS_FAILED_PRECONDITION, std::move(m)};
  }
  static Status Unavailable(std::string m) { return {MLOBS_UNAVAILABLE, std::move(m)}; }
  static Status ResourceExhausted(std::string m) { return {MLOBS_RESOURCE_EXHAUSTED, std::move(m)}; }
  static Status Internal(std::string m) { return {MLOBS_INTERNAL, std::move(m)}; }
  static Status Incompatible(std::string m) { return {MLOBS_INCOMPATIBLE, std::move(m)}; }

  bool ok() const { return code_ == MLOBS_OK; }
  mlobs_status code() const { return code_; }
  const std::string& message() const { return message_; }

 private:
  mlobs_status code_ = MLOBS_OK;
  std::string message_;
};

// The canonical name of a status code ("UNAVAILABLE").
const char* status_code_name(mlobs_status code);

}  // namespace mlobs::agent
