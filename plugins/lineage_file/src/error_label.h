// A short, bounded label for an errno value ("ENOSPC", "EACCES"), for metric labels: the text
// of the error goes to the log, the label to mlobs_lineage_write_errors_total.
#pragma once

#include <string>
#include <system_error>

namespace mlobs::lineage_file {

// The errno name for the errors a file writer meets; "errno_<n>" for the rest.
std::string error_label(const std::error_code& ec);

}  // namespace mlobs::lineage_file
