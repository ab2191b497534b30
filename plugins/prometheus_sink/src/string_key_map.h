// A map from string keys to values that is searched with a std::string_view, so a lookup key
// built in a reused buffer finds its entry without allocating a std::string. (Plugins build as
// C++17, whose unordered_map has no heterogeneous lookup.)
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>

namespace mlobs::prometheus_sink {

// Entries are never removed and never move, so pointers to values stay valid.
template <class Value>
class StringKeyMap {
 public:
  Value* find(std::string_view key) {
    auto it = index_.find(key);
    return it == index_.end() ? nullptr : &it->second->value;
  }
  // Requires that `key` is not present yet.
  Value& emplace(std::string_view key, Value value) {
    auto node = std::make_unique<Node>(Node{std::string(key), std::move(value)});
    Value& stored = node->value;
    const std::string_view stored_key = node->key;  // points into the node, which never moves
    index_.emplace(stored_key, std::move(node));
    return stored;
  }
  size_t size() const { return index_.size(); }

 private:
  struct Node {
    std::string key;
    Value value;
  };
  std::unordered_map<std::string_view, std::unique_ptr<Node>> index_;
};

// Appends one part of a composite key as "<length>:<text>", so no two tuples share a key
// whatever characters their parts contain.
inline void append_key_part(std::string& key, std::string_view part) {
  key += std::to_string(part.size());
  key += ':';
  key += part;
}

}  // namespace mlobs::prometheus_sink
