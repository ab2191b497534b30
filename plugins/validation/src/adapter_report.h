// The full check report for metadata an adapter could not make a record of. The adapter's own
// report names only the check that failed it; the full one has the five checks every report
// has (the file checks worked out from the path, the three about the record's content failed,
// since there is no record) followed by the adapter's results as it gave them.
#pragma once

#include <vector>

#include "mlobs/check_report/check_report.h"

namespace mlobs::validation {

// `adapter` holds the adapter's metadata_path and results. A failed result without words gets
// some, so every failed check says why. Reads the file system (see metadata_file_checks.h).
CheckReport complete_adapter_report(const CheckReport& adapter);

// A report that already starts with the five checks every report has (made by a validation
// step upstream): it is not completed again.
bool is_complete_report(const CheckReport& report);

}  // namespace mlobs::validation
