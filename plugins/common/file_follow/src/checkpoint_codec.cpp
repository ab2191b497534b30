#include "mlobs/file_follow/checkpoint_codec.h"

#include "mlobs/json_cursor/json_cursor.h"

#include <cstdio>

namespace mlobs::file_follow {
namespace {

void append_json_string(std::string_view s, std::string* out) {
  out->push_back('"');
  for (const char c : s) {
    switch (c) {
      case '"':
        out->append("\\\"");
        break;
      case '\\':
        out->append("\\\\");
        break;
      case '\n':
        out->append("\\n");
        break;
      case '\r':
        out->append("\\r");
        break;
      case '\t':
        out->append("\\t");
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof(buf), "\\u%04x", static_cast<unsigned>(c));
          out->append(buf);
        } else {
          out->push_back(c);
        }
    }
  }
  out->push_back('"');
}

void append_member(std::string_view key, uint64_t value, std::string* out) {
  out->push_back(',');
  append_json_string(key, out);
  out->push_back(':');
  out->append(std::to_string(value));
}

std::string hex64(uint64_t v) {
  char buf[17];
  std::snprintf(buf, sizeof(buf), "%016llx", static_cast<unsigned long long>(v));
  return buf;
}

std::optional<uint64_t> parse_hex64(std::string_view s) {
  if (s.empty() || s.size() > 16) return std::nullopt;
  uint64_t v = 0;
  for (const char c : s) {
    v <<= 4;
    if (c >= '0' && c <= '9') {
      v |= static_cast<uint64_t>(c - '0');
    } else if (c >= 'a' && c <= 'f') {
      v |= static_cast<uint64_t>(c - 'a' + 10);
    } else {
      return std::nullopt;
    }
  }
  return v;
}

// One {"path":..} object; every member is required so a damaged entry is never half-trusted.
bool decode_file(json::JsonCursor& in, FileCheckpoint* out) {
  if (!in.begin_object()) return false;
  enum : unsigned {
    kPath = 1,
    kDev = 2,
    kIno = 4,
    kFp = 8,
    kFpBytes = 16,
    kOffset = 32,
    kLine = 64
  };
  unsigned seen = 0;
  std::string key;
  std::string fp;
  while (in.next_member(&key)) {
    bool ok = true;
    if (key == "path") {
      ok = in.read_string(&out->path);
      seen |= kPath;
    } else if (key == "dev") {
      ok = in.read_uint64(&out->identity.device);
      seen |= kDev;
    } else if (key == "ino") {
      ok = in.read_uint64(&out->identity.inode);
      seen |= kIno;
    } else if (key == "fp") {
      ok = in.read_string(&fp);
      const auto v = parse_hex64(fp);
      ok = ok && v.has_value();
      if (ok) out->identity.fingerprint = *v;
      seen |= kFp;
    } else if (key == "fp_bytes") {
      ok = in.read_uint64(&out->identity.fingerprint_bytes);
      seen |= kFpBytes;
    } else if (key == "offset") {
      ok = in.read_uint64(&out->position.offset);
      seen |= kOffset;
    } else if (key == "line") {
      ok = in.read_uint64(&out->position.line);
      seen |= kLine;
    } else {
      ok = in.skip_value();
    }
    if (!ok) return false;
  }
  return in.ok() && seen == 127u;
}

}  // namespace

std::string encode_checkpoints(const std::vector<FileCheckpoint>& files) {
  std::string out = "{\"v\":1,\"files\":[";
  bool first = true;
  for (const FileCheckpoint& f : files) {
    if (!first) out.push_back(',');
    first = false;
    out.append("{\"path\":");
    append_json_string(f.path, &out);
    append_member("dev", f.identity.device, &out);
    append_member("ino", f.identity.inode, &out);
    out.append(",\"fp\":\"").append(hex64(f.identity.fingerprint)).append("\"");
    append_member("fp_bytes", f.identity.fingerprint_bytes, &out);
    append_member("offset", f.position.offset, &out);
    append_member("line", f.position.line, &out);
    out.push_back('}');
  }
  out.append("]}");
  return out;
}

std::optional<std::vector<FileCheckpoint>> decode_checkpoints(std::string_view text) {
  json::JsonCursor in(text, 8);
  if (!in.begin_object()) return std::nullopt;
  std::optional<uint64_t> version;
  std::optional<std::vector<FileCheckpoint>> files;
  std::string key;
  while (in.next_member(&key)) {
    if (key == "v") {
      uint64_t v = 0;
      if (!in.read_uint64(&v)) return std::nullopt;
      version = v;
    } else if (key == "files") {
      if (!in.begin_array()) return std::nullopt;
      files.emplace();
      while (in.next_element()) {
        FileCheckpoint f;
        if (!decode_file(in, &f)) return std::nullopt;
        files->push_back(std::move(f));
      }
    } else if (!in.skip_value()) {
      return std::nullopt;
    }
  }
  if (!in.ok() || !in.at_end() || version != 1u || !files) return std::nullopt;
  return files;
}

}  // namespace mlobs::file_follow
