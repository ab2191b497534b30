#include "mlobs/file_follow/glob.h"

#include "mlobs/file_follow/glob_match.h"

#include <algorithm>
#include <string>
#include <system_error>

namespace mlobs::file_follow {
namespace {

namespace fs = std::filesystem;

// An empty `dir` stands for the current directory, so results of relative patterns stay
// relative and carry no "./" prefix.
fs::path join(const fs::path& dir, const std::string& name) {
  return dir.empty() ? fs::path(name) : dir / name;
}

fs::path listable(const fs::path& dir) { return dir.empty() ? fs::path(".") : dir; }

bool is_file(const fs::path& p) {
  std::error_code ec;
  return fs::is_regular_file(p, ec);
}

bool is_dir(const fs::path& p) {
  std::error_code ec;
  return fs::is_directory(p, ec);
}

// Entries of `dir` with their names; empty on any error.
template <class Fn>
void for_each_entry(const fs::path& dir, Fn&& fn) {
  std::error_code ec;
  fs::directory_iterator it(listable(dir), fs::directory_options::skip_permission_denied, ec);
  for (; !ec && it != fs::directory_iterator(); it.increment(ec)) {
    fn(*it, it->path().filename().string());
  }
}

class Expander {
 public:
  explicit Expander(std::vector<std::string> segments) : segments_(std::move(segments)) {}

  void expand(const fs::path& dir, size_t i) {
    if (i == segments_.size()) return;
    const std::string& seg = segments_[i];
    const bool last = i + 1 == segments_.size();
    if (seg == "**") {
      if (last) {
        walk_files(dir);  // a trailing ** names every file below
        return;
      }
      expand(dir, i + 1);  // zero directories
      for_each_entry(dir, [&](const fs::directory_entry& e, const std::string& name) {
        std::error_code ec;
        if (name[0] != '.' && e.is_directory(ec) && !e.is_symlink(ec)) {
          expand(join(dir, name), i);
        }
      });
      return;
    }
    if (!has_glob_magic(seg)) {
      const fs::path p = join(dir, seg);
      if (last) {
        if (is_file(p)) out_.push_back(p);
      } else if (is_dir(p)) {
        expand(p, i + 1);
      }
      return;
    }
    for_each_entry(dir, [&](const fs::directory_entry&, const std::string& name) {
      if (!glob_match(seg, name)) return;
      const fs::path p = join(dir, name);
      if (last) {
        if (is_file(p)) out_.push_back(p);
      } else if (is_dir(p)) {
        expand(p, i + 1);
      }
    });
  }

  std::vector<fs::path> take() {
    std::sort(out_.begin(), out_.end());
    out_.erase(std::unique(out_.begin(), out_.end()), out_.end());
    return std::move(out_);
  }

 private:
  void walk_files(const fs::path& dir) {
    for_each_entry(dir, [&](const fs::directory_entry& e, const std::string& name) {
      if (name[0] == '.') return;
      std::error_code ec;
      const fs::path p = join(dir, name);
      if (e.is_directory(ec) && !e.is_symlink(ec)) {
        walk_files(p);
      } else if (is_file(p)) {
        out_.push_back(p);
      }
    });
  }

  std::vector<std::string> segments_;
  std::vector<fs::path> out_;
};

}  // namespace

std::vector<fs::path> expand_glob(std::string_view pattern) {
  if (pattern.empty()) return {};
  fs::path base;
  size_t pos = 0;
  if (pattern[0] == '/') {
    base = "/";
    pos = pattern.find_first_not_of('/');
    if (pos == std::string_view::npos) return {};
  }
  std::vector<std::string> segments;
  while (pos < pattern.size()) {
    size_t slash = pattern.find('/', pos);
    if (slash == std::string_view::npos) slash = pattern.size();
    std::string seg(pattern.substr(pos, slash - pos));
    // "a//b" and "a/./b" name the same place as "a/b"; "**/**" is one "**".
    if (!seg.empty() && seg != "." &&
        !(seg == "**" && !segments.empty() && segments.back() == "**")) {
      segments.push_back(std::move(seg));
    }
    pos = slash + 1;
  }
  // A literal leading run is a plain directory: start the walk there.
  size_t first_magic = 0;
  while (first_magic + 1 < segments.size() && !has_glob_magic(segments[first_magic])) {
    base = join(base, segments[first_magic]);
    ++first_magic;
  }
  segments.erase(segments.begin(), segments.begin() + static_cast<std::ptrdiff_t>(first_magic));
  if (segments.empty()) return {};
  if (!base.empty() && !is_dir(base)) return {};
  Expander expander(std::move(segments));
  expander.expand(base, 0);
  return expander.take();
}

}  // namespace mlobs::file_follow
