// The `agent_events` source, built into the agent: each AgentEvent (a dead-lettered input, a
// failed component) becomes an `error` record, so a pipeline sends what goes wrong inside the
// agent where its other errors go (a sentry sink):
//
//   sources:
//     agent: { type: agent_events }
//   sinks:
//     sentry: { type: sentry, inputs: [agent, serving_health], dsn: "${SENTRY_DSN}" }
//
// Body: {"level", "category", "message", "component", "reason", "tags": {...},
// "context": {"detail", "record_kind", "record_id"}}. Not checkpointed: the dead-letter file is
// the durable record; these are the alerts about it.
#pragma once

#include "loader/plugin_loader.h"

namespace mlobs::agent {

ComponentType agent_events_component_type();

}  // namespace mlobs::agent
