#include "parquet_footer.h"

#include "parquet_footer_types.h"

#include <thrift/TConfiguration.h>
#include <thrift/protocol/TCompactProtocol.h>
#include <thrift/transport/TBufferTransports.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <memory>

namespace mlobs::parquet {
namespace {

constexpr std::string_view kMagic = "PAR1";
constexpr std::string_view kEncryptedMagic = "PARE";
constexpr uint64_t kMinFileBytes = 12;  // head magic, footer length, tail magic
// No list in a footer may claim more entries: a damaged count must not make the decoder
// allocate gigabytes before it finds the bytes missing (a schema of a million columns fits).
constexpr int32_t kMaxListEntries = 1 << 20;

FooterResult failure(FooterError error, std::string detail) {
  FooterResult r;
  r.error = error;
  r.detail = std::move(detail);
  return r;
}

// Thrift's own bounds: no string, list or message may claim more than the footer holds, and
// nesting (skipped unknown structs included) stops at a fixed depth.
std::shared_ptr<apache::thrift::TConfiguration> footer_configuration(uint32_t footer_bytes) {
  return std::make_shared<apache::thrift::TConfiguration>(static_cast<int>(footer_bytes),
                                                          static_cast<int>(footer_bytes), 64);
}

// The leaf columns of the flattened schema: element 0 is the root group, and a group's children
// follow it depth first.
bool collect_columns(const std::vector<thrift::SchemaElement>& schema,
                     std::vector<std::string>* columns, std::string* why) {
  if (schema.empty()) {
    *why = "the footer has no schema";
    return false;
  }
  struct Group {
    int64_t remaining;
    std::string prefix;
  };
  auto children_of = [&](const thrift::SchemaElement& e) -> int64_t {
    return e.__isset.num_children ? e.num_children : 0;
  };
  const int64_t root_children = children_of(schema[0]);
  if (root_children < 0 || static_cast<uint64_t>(root_children) >= schema.size()) {
    *why = "the schema's root claims " + std::to_string(root_children) + " children of " +
           std::to_string(schema.size() - 1) + " elements";
    return false;
  }
  std::vector<Group> open{{root_children, ""}};
  size_t next = 1;
  while (!open.empty()) {
    if (open.back().remaining == 0) {
      open.pop_back();
      continue;
    }
    if (next >= schema.size()) {
      *why = "the schema ends inside a group";
      return false;
    }
    --open.back().remaining;
    const thrift::SchemaElement& e = schema[next++];
    if (!e.__isset.name) {
      *why = "schema element " + std::to_string(next - 1) + " has no name";
      return false;
    }
    const std::string& prefix = open.back().prefix;
    std::string path = prefix.empty() ? e.name : prefix + "." + e.name;
    const int64_t children = children_of(e);
    if (children < 0) {
      *why = "schema element \"" + path + "\" claims " + std::to_string(children) + " children";
      return false;
    }
    if (children > 0) {
      open.push_back({children, std::move(path)});
    } else {
      columns->push_back(std::move(path));
    }
  }
  if (next != schema.size()) {
    *why = "the schema has " + std::to_string(schema.size() - next) +
           " elements outside its root group";
    return false;
  }
  return true;
}

FooterResult decode(const std::string& bytes) {
  using apache::thrift::transport::TMemoryBuffer;
  thrift::FileMetaData md;
  try {
    const auto size = static_cast<uint32_t>(bytes.size());
    auto buffer = std::make_shared<TMemoryBuffer>(
        reinterpret_cast<uint8_t*>(const_cast<char*>(bytes.data())), size, TMemoryBuffer::OBSERVE,
        footer_configuration(size));
    apache::thrift::protocol::TCompactProtocolT<TMemoryBuffer> protocol(
        buffer, static_cast<int32_t>(size), kMaxListEntries);
    md.read(&protocol);
  } catch (const std::exception& e) {  // TException and bad_alloc alike
    return failure(FooterError::kCorrupt, std::string("the footer does not decode: ") + e.what());
  }
  if (!md.__isset.num_rows) return failure(FooterError::kCorrupt, "the footer has no num_rows");
  if (md.num_rows < 0) {
    return failure(FooterError::kCorrupt, "the footer says num_rows " + std::to_string(md.num_rows));
  }
  Footer footer;
  std::string why;
  if (!md.__isset.schema || !collect_columns(md.schema, &footer.columns, &why)) {
    return failure(FooterError::kCorrupt, why.empty() ? "the footer has no schema" : why);
  }
  footer.version = md.__isset.version ? md.version : 0;
  footer.num_rows = md.num_rows;
  if (md.__isset.created_by) footer.created_by = md.created_by;
  for (const thrift::KeyValue& kv : md.key_value_metadata) {
    if (!kv.__isset.key) return failure(FooterError::kCorrupt, "a key/value entry has no key");
    footer.key_values.emplace_back(kv.key, kv.__isset.value ? kv.value : std::string());
  }
  FooterResult r;
  r.footer = std::move(footer);
  return r;
}

}  // namespace

std::string_view error_label(FooterError e) {
  switch (e) {
    case FooterError::kNone: return "ok";
    case FooterError::kUnreadable: return "unreadable";
    case FooterError::kTruncated: return "truncated";
    case FooterError::kBadMagic: return "bad_magic";
    case FooterError::kFooterPastFile: return "footer_past_file";
    case FooterError::kCorrupt: return "corrupt_footer";
  }
  return "unknown";
}

FooterResult read_footer(uint64_t file_size, const ReadAt& read_at) {
  if (file_size < kMinFileBytes) {
    return failure(FooterError::kTruncated, "the file has " + std::to_string(file_size) +
                                                " bytes; a Parquet file has at least 12");
  }
  char head[4];
  char tail[8];
  if (!read_at(0, sizeof(head), head) || !read_at(file_size - sizeof(tail), sizeof(tail), tail)) {
    return failure(FooterError::kUnreadable, "reading the file's ends failed");
  }
  const std::string_view tail_magic(tail + 4, 4);
  if (tail_magic == kEncryptedMagic) {
    return failure(FooterError::kBadMagic, "the footer is encrypted (PARE), which is not read");
  }
  if (std::string_view(head, 4) != kMagic || tail_magic != kMagic) {
    return failure(FooterError::kBadMagic, std::string_view(head, 4) != kMagic
                                               ? "the file does not start with PAR1"
                                               : "the file does not end with PAR1 (truncated?)");
  }
  uint32_t footer_bytes = 0;
  for (int i = 3; i >= 0; --i) {
    footer_bytes = (footer_bytes << 8) | static_cast<unsigned char>(tail[i]);
  }
  if (footer_bytes > file_size - kMinFileBytes) {
    return failure(FooterError::kFooterPastFile,
                   "the footer length " + std::to_string(footer_bytes) +
                       " runs past the start of the file (" + std::to_string(file_size) +
                       " bytes)");
  }
  if (footer_bytes > kMaxFooterBytes) {
    return failure(FooterError::kCorrupt, "the footer length " + std::to_string(footer_bytes) +
                                              " is beyond the 64 MiB this reader accepts");
  }
  std::string bytes(footer_bytes, '\0');
  if (!read_at(file_size - 8 - footer_bytes, footer_bytes, bytes.data())) {
    return failure(FooterError::kUnreadable, "reading the footer failed");
  }
  return decode(bytes);
}

FooterResult read_footer(const std::filesystem::path& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    return failure(FooterError::kUnreadable, "cannot open: " + std::string(std::strerror(errno)));
  }
  struct stat st {};
  FooterResult r;
  if (::fstat(fd, &st) != 0) {
    r = failure(FooterError::kUnreadable, "cannot stat: " + std::string(std::strerror(errno)));
  } else {
    r = read_footer(static_cast<uint64_t>(st.st_size), [fd](uint64_t offset, size_t n, char* out) {
      size_t done = 0;
      while (done < n) {
        const ssize_t got = ::pread(fd, out + done, n - done, static_cast<off_t>(offset + done));
        if (got < 0 && errno == EINTR) continue;
        if (got <= 0) return false;  // an error, or the file shrank under us
        done += static_cast<size_t>(got);
      }
      return true;
    });
  }
  ::close(fd);
  return r;
}

FooterResult read_footer_from_bytes(std::string_view file) {
  return read_footer(file.size(), [file](uint64_t offset, size_t n, char* out) {
    if (offset > file.size() || n > file.size() - offset) return false;
    std::memcpy(out, file.data() + offset, n);
    return true;
  });
}

}  // namespace mlobs::parquet
