// A counted reference to an immutable RawBody: copies of a record share one body, on any thread.
#pragma once

#include <utility>

namespace mlobs::agent {

class RawBody;

class RawBodyRef {
 public:
  RawBodyRef() = default;
  explicit RawBodyRef(const RawBody* adopted) : body_(adopted) {}
  RawBodyRef(const RawBodyRef& other);
  RawBodyRef(RawBodyRef&& other) noexcept : body_(std::exchange(other.body_, nullptr)) {}
  RawBodyRef& operator=(RawBodyRef other) noexcept {
    std::swap(body_, other.body_);
    return *this;
  }
  ~RawBodyRef();

  const RawBody* get() const { return body_; }
  const RawBody* operator->() const { return body_; }
  const RawBody& operator*() const { return *body_; }
  explicit operator bool() const { return body_ != nullptr; }
  void reset() { RawBodyRef().swap(*this); }
  void swap(RawBodyRef& other) noexcept { std::swap(body_, other.body_); }

 private:
  const RawBody* body_ = nullptr;
};

}  // namespace mlobs::agent
