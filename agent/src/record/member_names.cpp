#include "record/member_names.h"

#include <array>
#include <cstring>

namespace mlobs::agent {
namespace {

uint64_t load8(const char* p) {
  uint64_t v;
  std::memcpy(&v, p, sizeof(v));
  return v;
}

// Runs for every member of every record: names of 8 bytes or more are compared inline, in
// overlapping 8-byte words, rather than by a call to memcmp each.
bool same_name(std::string_view a, std::string_view b) {
  const size_t n = a.size();
  if (n != b.size()) return false;
  if (n < 8) return a == b;
  for (size_t i = 0; i + 8 < n; i += 8) {
    if (load8(a.data() + i) != load8(b.data() + i)) return false;
  }
  return load8(a.data() + n - 8) == load8(b.data() + n - 8);
}

}  // namespace

MemberNames::MemberNames(Private, const std::vector<std::string_view>& names) {
  size_t bytes = 0;
  for (const auto name : names) bytes += name.size() + 1;
  storage_.reserve(bytes);  // no reallocation below: the views stay put
  names_.reserve(names.size());
  for (const auto name : names) {
    const size_t at = storage_.size();
    storage_.append(name).push_back('\0');
    names_.emplace_back(storage_.data() + at, name.size());
  }
  size_t capacity = 16;
  while (capacity < names_.size() * 2) capacity *= 2;
  slots_.assign(capacity, 0);
  const size_t mask = capacity - 1;
  for (size_t i = 0; i < names_.size(); ++i) {
    for (size_t s = hash(names_[i]) & mask;; s = (s + 1) & mask) {
      if (slots_[s] == 0) {
        slots_[s] = static_cast<uint32_t>(i + 1);
        break;
      }
      if (names_[slots_[s] - 1] == names_[i]) break;  // a repeat: the first wins
    }
  }
}

std::shared_ptr<const MemberNames> MemberNames::shared_for(
    const std::vector<std::string_view>& names) {
  // A few recent tables: enough for a stream whose records vary between some optional fields.
  thread_local std::array<std::shared_ptr<const MemberNames>, 4> recent;
  thread_local size_t next_to_replace = 0;
  for (const auto& table : recent) {
    if (table && table->equals(names)) return table;
  }
  auto table = std::make_shared<const MemberNames>(Private(), names);
  recent[next_to_replace] = table;
  next_to_replace = (next_to_replace + 1) % recent.size();
  return table;
}

bool MemberNames::equals(const std::vector<std::string_view>& names) const {
  if (names.size() != names_.size()) return false;
  for (size_t i = 0; i < names.size(); ++i) {
    if (!same_name(names[i], names_[i])) return false;
  }
  return true;
}

// Runs for every lookup, so it looks at no more than the length and the first and last eight
// bytes; names alike in all three only cost a probe.
uint32_t MemberNames::hash(std::string_view key) {
  uint64_t head = 0;
  uint64_t tail = 0;
  if (key.size() >= 8) {
    std::memcpy(&head, key.data(), 8);
    std::memcpy(&tail, key.data() + key.size() - 8, 8);
  } else if (!key.empty()) {
    std::memcpy(&head, key.data(), key.size());
  }
  const uint64_t h = head * 0x9E3779B97F4A7C15ull ^ (tail + key.size()) * 0xC2B2AE3D27D4EB4Full;
  return static_cast<uint32_t>(h >> 32);
}

int64_t MemberNames::find(std::string_view key) const {
  const size_t mask = slots_.size() - 1;
  for (size_t s = hash(key) & mask; slots_[s] != 0; s = (s + 1) & mask) {
    if (names_[slots_[s] - 1] == key) return slots_[s] - 1;
  }
  return -1;
}

}  // namespace mlobs::agent
