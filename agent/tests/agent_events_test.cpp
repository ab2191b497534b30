#include "telemetry/agent_events.h"

#include <gtest/gtest.h>

namespace mlobs::agent {
namespace {

AgentEvent event(std::string reason) {
  AgentEvent e;
  e.category = "dead_letter";
  e.reason = std::move(reason);
  return e;
}

TEST(AgentEvents, TakenOldestFirst) {
  AgentEvents events;
  for (const char* r : {"a", "b", "c"}) events.publish(event(r));
  auto first = events.take(2);
  ASSERT_EQ(first.size(), 2u);
  EXPECT_EQ(first[0].reason, "a");
  EXPECT_EQ(first[1].reason, "b");
  auto rest = events.take(10);
  ASSERT_EQ(rest.size(), 1u);
  EXPECT_EQ(rest[0].reason, "c");
  EXPECT_TRUE(events.take(10).empty());
}

TEST(AgentEvents, BoundedByDroppingTheOldest) {
  AgentEvents events(2);
  for (const char* r : {"a", "b", "c"}) events.publish(event(r));
  EXPECT_EQ(events.dropped(), 1u);
  auto kept = events.take(10);
  ASSERT_EQ(kept.size(), 2u);
  EXPECT_EQ(kept[0].reason, "b");
  EXPECT_EQ(kept[1].reason, "c");
}

}  // namespace
}  // namespace mlobs::agent
