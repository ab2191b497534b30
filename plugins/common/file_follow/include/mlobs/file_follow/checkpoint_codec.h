// The stored form of "how far each file has been read".
#pragma once

#include "mlobs/file_follow/file_identity.h"
#include "mlobs/file_follow/file_position.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mlobs::file_follow {

struct FileCheckpoint {
  std::string path;  // where the file was last seen; informative, identity decides
  FileIdentity identity;
  FilePosition position;

  bool operator==(const FileCheckpoint& o) const {
    return path == o.path && identity == o.identity && position == o.position;
  }
};

// Compact JSON, one object per file:
//   {"v":1,"files":[{"path":"a.jsonl","dev":2049,"ino":131,"fp":"cbf29ce484222325",
//                    "fp_bytes":256,"offset":1024,"line":12}]}
// The fingerprint is a hex string because JSON numbers lose precision above 2^53 in most readers.
std::string encode_checkpoints(const std::vector<FileCheckpoint>& files);

// The inverse; nullopt for anything that is not a version-1 document of this shape. Unknown
// members are skipped, so later versions may add some.
std::optional<std::vector<FileCheckpoint>> decode_checkpoints(std::string_view text);

}  // namespace mlobs::file_follow
