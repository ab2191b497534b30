#include "error_label.h"

#include <cerrno>

namespace mlobs::lineage_file {
namespace {

struct Named {
  int value;
  const char* name;
};

constexpr Named kErrors[] = {
    {ENOSPC, "ENOSPC"},   {EDQUOT, "EDQUOT"}, {EFBIG, "EFBIG"},   {EIO, "EIO"},
    {EACCES, "EACCES"},   {EPERM, "EPERM"},   {EROFS, "EROFS"},   {ENOENT, "ENOENT"},
    {ENOTDIR, "ENOTDIR"}, {EISDIR, "EISDIR"}, {ELOOP, "ELOOP"},   {ENAMETOOLONG, "ENAMETOOLONG"},
    {EEXIST, "EEXIST"},   {EMFILE, "EMFILE"}, {ENFILE, "ENFILE"}, {ENOMEM, "ENOMEM"},
    {EBADF, "EBADF"},     {EINVAL, "EINVAL"}, {ESTALE, "ESTALE"}, {ETIMEDOUT, "ETIMEDOUT"},
};

}  // namespace

std::string error_label(const std::error_code& ec) {
  for (const Named& e : kErrors) {
    if (e.value == ec.value()) return e.name;
  }
  return "errno_" + std::to_string(ec.value());
}

}  // namespace mlobs::lineage_file
