// The http sink plugin file: one sink type.
#include <mlobs/plugin.hpp>

#include "http_sink.h"

MLOBS_PLUGIN("io.mlobs.http_sink", "http_sink", "0.1.0", "Apache-2.0",
             mlobs::component<mlobs::http_sink::HttpSink>(
                 "http", "Sends each batch as one HTTP request of JSON lines (or a JSON array)",
                 {{"url", MLOBS_CONFIG_STRING, true, nullptr, "where to send (http:// or https://)"},
                  {"method", MLOBS_CONFIG_STRING, false, "POST", "POST or PUT"},
                  {"format", MLOBS_CONFIG_STRING, false, "ndjson",
                   "ndjson (one record per line) or json (one array per batch)"},
                  {"headers", MLOBS_CONFIG_OBJECT, false, nullptr, "extra request headers"},
                  {"bearer_token_env", MLOBS_CONFIG_STRING, false, nullptr,
                   "an environment variable holding a bearer token for Authorization"}}))
