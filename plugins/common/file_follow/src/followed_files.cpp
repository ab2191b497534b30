#include "mlobs/file_follow/followed_files.h"

#include "mlobs/file_follow/end_position.h"
#include "mlobs/file_follow/glob.h"

#include <sys/stat.h>

#include <algorithm>
#include <set>
#include <utility>

namespace mlobs::file_follow {
namespace {

std::string describe(const FilePosition& p) {
  return "offset " + std::to_string(p.offset) + " line " + std::to_string(p.line);
}

}  // namespace

struct FollowedFiles::Followed {
  std::string path;
  FileIdentity identity;
  std::unique_ptr<LineReader> reader;
  uint64_t size = 0;  // as of the last scan that saw a change
  int64_t mtime_ns = 0;
  uint64_t truncations = 0;
  uint32_t idle_scans = 0;
  bool seen = false;        // by the current scan
  bool gone = false;        // not matched any more: read what is open, then drop
  bool maybe_more = true;   // a read may find something; false once a read found nothing
  bool progressed = false;  // the checkpoint moved since take_progress()
};

FollowedFiles::FollowedFiles(FollowOptions options) : options_(std::move(options)) {}

FollowedFiles::~FollowedFiles() = default;

void FollowedFiles::resume_from(const std::vector<FileCheckpoint>& checkpoints) {
  for (const FileCheckpoint& cp : checkpoints) resume_points_[cp.identity.key()] = cp;
}

void FollowedFiles::event(FollowEvent::Kind kind, std::string path, std::string detail) {
  events_.push_back(FollowEvent{kind, std::move(path), std::move(detail)});
}

void FollowedFiles::scan() {
  for (auto& f : files_) f->seen = false;
  std::vector<std::string> paths;
  for (const std::string& pattern : options_.patterns) {
    for (auto& p : expand_glob(pattern)) paths.push_back(p.string());
  }
  std::sort(paths.begin(), paths.end());
  paths.erase(std::unique(paths.begin(), paths.end()), paths.end());

  std::set<FileKey> present;
  for (const std::string& path : paths) {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) continue;
    const FileKey key{static_cast<uint64_t>(st.st_dev), static_cast<uint64_t>(st.st_ino)};
    present.insert(key);
    const uint64_t size = static_cast<uint64_t>(st.st_size);
    const int64_t mtime_ns = static_cast<int64_t>(st.st_mtim.tv_sec) * 1000000000 +
                             static_cast<int64_t>(st.st_mtim.tv_nsec);
    auto it = by_key_.find(key);
    if (it == by_key_.end()) {
      discover(path, key, size, mtime_ns);
    } else if (!it->second->seen) {  // a second name (hard link) of a followed file is skipped
      recheck(*it->second, path, size, mtime_ns);
    }
  }
  if (first_scan_) {
    // A resume point whose file could not be read yet stays for the next scans; one whose
    // file is not there at all is dropped.
    for (auto it = resume_points_.begin(); it != resume_points_.end();) {
      if (present.count(it->first)) {
        ++it;
      } else {
        forgotten_.push_back(it->first);
        it = resume_points_.erase(it);
      }
    }
    first_scan_ = false;
  }

  for (auto it = files_.begin(); it != files_.end();) {
    Followed& f = **it;
    if (!f.seen && !f.gone) {
      f.gone = true;
      f.maybe_more = f.reader->is_open();  // an open descriptor still reads a moved file
    }
    if (f.gone && !f.maybe_more) {
      event(FollowEvent::Kind::kGone, f.path);
      forgotten_.push_back(f.identity.key());
      by_key_.erase(f.identity.key());
      it = files_.erase(it);
      continue;
    }
    if (f.maybe_more) {
      f.idle_scans = 0;
    } else if (++f.idle_scans >= options_.close_idle_after_scans && f.reader->is_open()) {
      f.reader->close();
    }
    ++it;
  }
  std::sort(files_.begin(), files_.end(),
            [](const auto& a, const auto& b) { return a->path < b->path; });
}

void FollowedFiles::discover(const std::string& path, const FileKey& key, uint64_t size,
                             int64_t mtime_ns) {
  std::error_code ec;
  const auto identity = identify(path, &ec, options_.fingerprint_bytes);
  if (!identity) {
    event(FollowEvent::Kind::kError, path, ec.message());
    return;
  }
  if (identity->key() != key) return;  // replaced since stat(); the next scan sees it

  auto f = std::make_unique<Followed>();
  f->path = path;
  f->identity = *identity;
  FilePosition start;
  bool resumed = false;
  if (auto rp = resume_points_.find(key); rp != resume_points_.end()) {
    const bool same = is_same_file(rp->second.identity, path, &ec);
    if (ec) {
      event(FollowEvent::Kind::kError, path, ec.message());
      return;  // keep the resume point for the next scan
    }
    if (same) {
      start = rp->second.position;
      resumed = true;
      f->progressed = rp->second.path != path;  // store the new name
      event(FollowEvent::Kind::kResumed, path, describe(start));
    } else {
      forgotten_.push_back(key);  // the inode now holds another file
    }
    resume_points_.erase(rp);
  }
  if (!resumed && first_scan_ && options_.skip_existing_content) {
    const auto end = end_of_complete_lines(path, &ec);
    if (!end) {
      event(FollowEvent::Kind::kError, path, ec.message());
      return;
    }
    start = *end;
    f->progressed = true;  // a restart must not skip what is appended from now on
  }
  if (!resumed) event(FollowEvent::Kind::kFound, path, "from " + describe(start));
  f->reader = std::make_unique<LineReader>(path, start, options_.reader);
  f->size = size;
  f->mtime_ns = mtime_ns;
  f->seen = true;
  by_key_[key] = f.get();
  files_.push_back(std::move(f));
}

void FollowedFiles::recheck(Followed& f, const std::string& path, uint64_t size, int64_t mtime_ns) {
  f.seen = true;
  f.gone = false;
  if (f.path != path) {
    event(FollowEvent::Kind::kRenamed, path, f.path);
    f.path = path;
    f.reader->set_path(path);
    f.progressed = true;
  }
  if (size == f.size && mtime_ns == f.mtime_ns) return;
  f.size = size;
  f.mtime_ns = mtime_ns;
  f.maybe_more = true;

  std::error_code ec;
  const bool same = f.reader->is_open() ? is_same_file(f.identity, f.reader->fd(), &ec)
                                        : is_same_file(f.identity, path, &ec);
  if (ec) {
    event(FollowEvent::Kind::kError, path, ec.message());
    return;  // cannot tell now; look again next scan
  }
  if (!same) {
    // Same inode, other content: rewritten in place. Everything in it is new.
    event(FollowEvent::Kind::kReplaced, path);
    f.reader->reset(FilePosition{});
    f.progressed = true;
    f.identity.fingerprint = fnv1a64(nullptr, 0);  // an empty prefix; refreshed below
    f.identity.fingerprint_bytes = 0;
  }
  refresh_identity(f);
}

// A fingerprint taken while the file was short is completed once the file has grown.
void FollowedFiles::refresh_identity(Followed& f) {
  if (f.identity.fingerprint_bytes >= options_.fingerprint_bytes ||
      f.size <= f.identity.fingerprint_bytes) {
    return;
  }
  std::error_code ec;
  const auto identity = f.reader->is_open()
                            ? identify(f.reader->fd(), &ec, options_.fingerprint_bytes)
                            : identify(f.path, &ec, options_.fingerprint_bytes);
  if (identity && identity->key() == f.identity.key()) f.identity = *identity;
}

void FollowedFiles::begin_round() {
  visited_ = 0;
  if (files_.empty()) return;
  cursor_ = round_start_ % files_.size();
  round_start_ = cursor_ + 1;
}

bool FollowedFiles::next(FollowedLine* out) {
  while (visited_ < files_.size()) {
    Followed& f = *files_[cursor_];
    if (f.maybe_more) {
      if (!f.reader->is_open()) {
        std::error_code ec = f.reader->open();
        bool same = !ec && is_same_file(f.identity, f.reader->fd(), &ec);
        if (ec) event(FollowEvent::Kind::kError, f.path, ec.message());
        if (!same) {  // the name points elsewhere now; the next scan sorts it out
          f.reader->close();
          f.maybe_more = false;
        }
      }
      if (f.maybe_more) {
        const ReadOutcome r = f.reader->next(&out->line);
        if (f.reader->truncations() != f.truncations) {
          f.truncations = f.reader->truncations();
          f.progressed = true;
          event(FollowEvent::Kind::kTruncated, f.path);
        }
        if (r == ReadOutcome::kLine) {
          f.progressed = true;
          out->path = f.path;
          return true;
        }
        if (r == ReadOutcome::kError) {
          event(FollowEvent::Kind::kError, f.path, f.reader->error().message());
          f.reader->close();
        }
        f.maybe_more = false;
      }
    }
    cursor_ = (cursor_ + 1) % files_.size();
    ++visited_;
  }
  return false;
}

std::vector<FileCheckpoint> FollowedFiles::take_progress() {
  std::vector<FileCheckpoint> out;
  for (auto& f : files_) {
    if (!f->progressed) continue;
    f->progressed = false;
    out.push_back(FileCheckpoint{f->path, f->identity, f->reader->position()});
  }
  return out;
}

std::vector<FileKey> FollowedFiles::take_forgotten() { return std::exchange(forgotten_, {}); }

std::vector<FollowEvent> FollowedFiles::take_events() { return std::exchange(events_, {}); }

std::vector<FileCheckpoint> FollowedFiles::checkpoints() const {
  std::vector<FileCheckpoint> out;
  for (const auto& f : files_) {
    out.push_back(FileCheckpoint{f->path, f->identity, f->reader->position()});
  }
  return out;
}

}  // namespace mlobs::file_follow
