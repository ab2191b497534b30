// The openlineage plugin file: two sink types sharing one mapping. Defaults match the README.
#include <mlobs/plugin.hpp>

#include "openlineage_file_sink.h"
#include "openlineage_http_sink.h"

MLOBS_PLUGIN("io.mlobs.openlineage", "openlineage", "0.1.0", "Apache-2.0",
             mlobs::component<mlobs::openlineage::OpenLineageHttpSink>(
                 "openlineage_http",
                 "Sends an OpenLineage START and COMPLETE/FAIL RunEvent per dataset build and "
                 "training run to an OpenLineage API",
                 {{"url", MLOBS_CONFIG_STRING, true, nullptr,
                   "base URL of the OpenLineage API, e.g. http://marquez:5000"},
                  {"endpoint", MLOBS_CONFIG_STRING, false, "/api/v1/lineage",
                   "path the events are POSTed to, appended to url"},
                  {"namespace", MLOBS_CONFIG_STRING, false, "mlobs",
                   "namespace of the jobs and datasets of the events"},
                  {"producer", MLOBS_CONFIG_STRING, false, "https://github.com/mlobs/mlobs-agent",
                   "producer URI of every event and facet"},
                  {"api_key_env", MLOBS_CONFIG_STRING, false, nullptr,
                   "environment variable holding a bearer token for the Authorization header"},
                  {"api_key", MLOBS_CONFIG_STRING, false, nullptr,
                   "bearer token, written as ${ENV} so it stays out of the file"}}),
             mlobs::component<mlobs::openlineage::OpenLineageFileSink>(
                 "openlineage_file",
                 "Appends an OpenLineage START and COMPLETE/FAIL RunEvent per dataset build and "
                 "training run to an NDJSON file",
                 {{"path", MLOBS_CONFIG_STRING, true, nullptr,
                   "the NDJSON file; created (with missing parent directories) if missing"},
                  {"namespace", MLOBS_CONFIG_STRING, false, "mlobs",
                   "namespace of the jobs and datasets of the events"},
                  {"producer", MLOBS_CONFIG_STRING, false, "https://github.com/mlobs/mlobs-agent",
                   "producer URI of every event and facet"},
                  {"fsync", MLOBS_CONFIG_STRING, false, "batch",
                   "batch: fdatasync before a batch is accepted; never: leave it to the OS"}}))
