// The sentry sink plugin file: one sink type.
#include <mlobs/plugin.hpp>

#include "sentry_sink.h"

MLOBS_PLUGIN("io.mlobs.sentry_sink", "sentry_sink", "0.1.0", "Apache-2.0",
             mlobs::component<mlobs::sentry_sink::SentrySink>(
                 "sentry",
                 "Sends unhealthy deployments, failed check reports and error records to Sentry "
                 "as scrubbed, throttled events",
                 {{"dsn", MLOBS_CONFIG_STRING, true, nullptr,
                   "the project's DSN, usually \"${SENTRY_DSN}\""},
                  {"environment", MLOBS_CONFIG_STRING, false, nullptr, "environment of the events"},
                  {"release", MLOBS_CONFIG_STRING, false, nullptr, "release of the events"},
                  {"server_name", MLOBS_CONFIG_STRING, false, nullptr,
                   "server_name of the events; default: the host name"},
                  {"on", MLOBS_CONFIG_LIST, false, nullptr,
                   "which records become events: deployment_health, check_report, error, "
                   "dead_letter, plugin_failure (default: all)"},
                  {"scrub_keys", MLOBS_CONFIG_LIST, false, nullptr,
                   "more key names whose values the scrubber removes"},
                  {"throttle_window", MLOBS_CONFIG_DURATION, false, "60s",
                   "window of the per-fingerprint throttle"},
                  {"throttle_max_events", MLOBS_CONFIG_INT, false, "5",
                   "events of one fingerprint sent at most per throttle_window"}}))
