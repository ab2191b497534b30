#include "mlobs/read_once/read_once_files.h"

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <filesystem>
#include <system_error>

namespace mlobs::read_once {
namespace {

bool gone(const std::string& path) {
  std::error_code ec;
  // Only "does not exist" counts: a path we may not look at now is not known to be gone.
  return std::filesystem::symlink_status(path, ec).type() == std::filesystem::file_type::not_found;
}

}  // namespace

void ReadOnceFiles::restore(std::string_view stored) {
  read_.clear();
  pending_.clear();
  rapidjson::Document doc;
  doc.Parse(stored.data(), stored.size());
  if (!doc.IsObject()) return;  // unreadable state: every file is read again
  for (auto it = doc.MemberBegin(); it != doc.MemberEnd(); ++it) {
    if (it->value.IsString()) {
      read_.emplace(std::string(it->name.GetString(), it->name.GetStringLength()),
                    std::string(it->value.GetString(), it->value.GetStringLength()));
    }
  }
}

std::string ReadOnceFiles::encode() const {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> w(buffer);
  w.StartObject();
  for (const auto& [path, signature] : read_) {
    w.Key(path.data(), static_cast<rapidjson::SizeType>(path.size()));
    w.String(signature.data(), static_cast<rapidjson::SizeType>(signature.size()));
  }
  w.EndObject();
  return std::string(buffer.GetString(), buffer.GetSize());
}

bool ReadOnceFiles::already_read(const std::string& path, const std::string& signature) const {
  for (auto it = pending_.rbegin(); it != pending_.rend(); ++it) {
    auto found = it->second.find(path);
    if (found != it->second.end()) return found->second == signature;
  }
  auto found = read_.find(path);
  return found != read_.end() && found->second == signature;
}

void ReadOnceFiles::record(uint64_t sequence, std::map<std::string, std::string> taken) {
  if (taken.empty()) return;
  if (!pending_.empty() && pending_.back().first == sequence) {
    for (auto& [path, signature] : taken) pending_.back().second[path] = std::move(signature);
    return;
  }
  pending_.emplace_back(sequence, std::move(taken));
}

bool ReadOnceFiles::ack(uint64_t sequence) {
  bool changed = false;
  while (!pending_.empty() && pending_.front().first <= sequence) {
    for (auto& [path, signature] : pending_.front().second) read_[path] = std::move(signature);
    pending_.pop_front();
    changed = true;
  }
  return changed;
}

size_t ReadOnceFiles::forget_missing(const std::set<std::string>& seen) {
  size_t forgotten = 0;
  for (auto it = read_.begin(); it != read_.end();) {
    if (!seen.count(it->first) && gone(it->first)) {
      it = read_.erase(it);
      ++forgotten;
    } else {
      ++it;
    }
  }
  return forgotten;
}

}  // namespace mlobs::read_once
