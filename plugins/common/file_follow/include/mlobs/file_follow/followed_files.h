// Following every file that a set of glob patterns names, as files appear, grow, get renamed,
// truncated, replaced or removed: the part of a tailing source that has nothing to do with what
// the lines mean.
#pragma once

#include "mlobs/file_follow/checkpoint_codec.h"
#include "mlobs/file_follow/file_identity.h"
#include "mlobs/file_follow/line_reader.h"

#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace mlobs::file_follow {

struct FollowOptions {
  std::vector<std::string> patterns;
  LineReaderOptions reader;
  size_t fingerprint_bytes = kDefaultFingerprintBytes;
  // Files of the first scan that have no resume point start after their last complete line
  // ("read from the end"). Files that appear later are new, so they are read from the start.
  bool skip_existing_content = false;
  // A file that showed nothing new for this many scans gets its descriptor closed (reopened
  // when it changes), so many finished files do not hold many descriptors.
  uint32_t close_idle_after_scans = 60;
};

// Something worth a log line.
struct FollowEvent {
  enum class Kind {
    kFound,      // a new file is followed (detail: where reading starts)
    kResumed,    // a file matched a resume point
    kRenamed,    // detail: the old path
    kReplaced,   // same path or inode, other content: read from the start
    kTruncated,  // read from the start
    kGone,       // no longer matched; what was still open was read to its end first
    kError,      // detail: the error
  };
  Kind kind;
  std::string path;
  std::string detail;
};

struct FollowedLine {
  std::string_view path;  // borrowed until the next call
  Line line;
};

class FollowedFiles {
 public:
  explicit FollowedFiles(FollowOptions options);
  ~FollowedFiles();
  FollowedFiles(const FollowedFiles&) = delete;
  FollowedFiles& operator=(const FollowedFiles&) = delete;

  // Positions of a previous run. The first scan claims them by identity (see is_same_file);
  // unclaimed ones are reported by take_forgotten().
  void resume_from(const std::vector<FileCheckpoint>& checkpoints);

  // Expands the patterns again and reconciles what they name with what is followed.
  void scan();

  // Starts a reading round; each round starts one file further, so a busy file cannot keep
  // the others waiting.
  void begin_round();
  // The next complete line of any file in this round; false when no file has one now.
  bool next(FollowedLine* out);

  // Files whose position moved since the last call, as checkpoints.
  std::vector<FileCheckpoint> take_progress();
  // Files no longer followed (and unclaimed resume points) since the last call.
  std::vector<FileKey> take_forgotten();
  std::vector<FollowEvent> take_events();

  // Every followed file with its current position, ordered by path.
  std::vector<FileCheckpoint> checkpoints() const;
  size_t size() const { return files_.size(); }

 private:
  struct Followed;

  void discover(const std::string& path, const FileKey& key, uint64_t size, int64_t mtime_ns);
  void recheck(Followed& f, const std::string& path, uint64_t size, int64_t mtime_ns);
  void refresh_identity(Followed& f);
  void event(FollowEvent::Kind kind, std::string path, std::string detail = {});

  FollowOptions options_;
  bool first_scan_ = true;
  std::map<FileKey, FileCheckpoint> resume_points_;
  std::vector<std::unique_ptr<Followed>> files_;  // ordered by path
  std::map<FileKey, Followed*> by_key_;
  size_t round_start_ = 0;
  size_t cursor_ = 0;
  size_t visited_ = 0;
  std::vector<FileKey> forgotten_;
  std::vector<FollowEvent> events_;
};

}  // namespace mlobs::file_follow
