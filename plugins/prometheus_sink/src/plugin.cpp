// The prometheus sink plugin file: one sink type.
#include <mlobs/plugin.hpp>

#include "prometheus_sink.h"

MLOBS_PLUGIN("io.mlobs.prometheus_sink", "prometheus_sink", "0.1.0", "Apache-2.0",
             mlobs::component<mlobs::prometheus_sink::PrometheusSink>(
                 "prometheus",
                 "Maps serving windows and deployment health to ML metrics on /metrics, "
                 "optionally pushed to a Pushgateway",
                 {{"max_series", MLOBS_CONFIG_INT, false, "10000",
                   "most distinct label sets per metric; new ones beyond are dropped and counted"},
                  {"push.url", MLOBS_CONFIG_STRING, false, nullptr,
                   "Pushgateway base URL (http://host:port); unset: no pushing"},
                  {"push.job", MLOBS_CONFIG_STRING, false, "mlobs",
                   "job label of the pushed group"},
                  {"push.interval", MLOBS_CONFIG_DURATION, false, "15s", "time between pushes"},
                  {"push.timeout", MLOBS_CONFIG_DURATION, false, "10s",
                   "longest one push may take (connect at most 5s of it); bounds stop()"},
                  {"push.grouping", MLOBS_CONFIG_OBJECT, false, nullptr,
                   "extra grouping labels of the pushed group, e.g. {instance: host-1}"}}))
