// The newest build of every dataset seen, by name, and its stored form. A build replaces the
// one known when it was built later (or at the same instant under another version); an older
// build arriving late changes nothing. Needs no host: the processor stores encode() through the
// host's state store and loads it back with decode().
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>

namespace mlobs::freshness {

struct NewestBuild {
  std::string dataset_version;
  int64_t built_at_ns = 0;  // Unix nanoseconds
};

class KnownDatasets {
 public:
  explicit KnownDatasets(int64_t max_datasets) : max_datasets_(max_datasets) {}

  enum class TakeResult {
    kAdded,     // a name not known before
    kReplaced,  // a newer build of a known name
    kKept,      // not newer than the one known: nothing changed
    kFull,      // a new name while max_datasets names are known: not taken
  };
  TakeResult take(std::string_view dataset_name, std::string_view dataset_version,
                  int64_t built_at_ns);

  // std::less<>: looked up by any string-like name. Ordered: reports come out by name.
  using Map = std::map<std::string, NewestBuild, std::less<>>;
  const Map& all() const { return datasets_; }
  size_t size() const { return datasets_.size(); }

  // {"<name>": {"dataset_version": "...", "built_at": "<RFC 3339 UTC>"}, ...}
  std::string encode() const;
  // Replaces what is known with a stored form. Unreadable text or entries are left out (the
  // datasets come back with their next build); at most max_datasets names are taken.
  void decode(std::string_view text);

 private:
  int64_t max_datasets_;
  Map datasets_;
};

}  // namespace mlobs::freshness
