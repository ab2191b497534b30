// The pusher against a gateway that accepts connections and never answers: push.timeout must
// bound the final push, so stop() returns and the attempt is reported as "no response" (-1).
#include <gtest/gtest.h>

#include "pushgateway_pusher.h"
#include "silent_listener.h"

#include <chrono>
#include <future>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace mlobs::prometheus_sink {
namespace {

using test_support::SilentListener;

PushTarget target_at(int port) {
  PushTarget target;
  std::string error;
  EXPECT_TRUE(parse_push_url("http://127.0.0.1:" + std::to_string(port), &target, &error))
      << error;
  target.job = "unit";
  target.interval = std::chrono::hours(1);  // only the final push on stop() happens
  return target;
}

TEST(PushgatewayPusherTest, GroupUrlIsJobThenGroupingLabelsInNameOrder) {
  PushTarget target = target_at(9091);
  target.grouping = {{"zone", "eu-1"}, {"instance", "host-1"}};
  EXPECT_EQ(push_group_url(target),
            "http://127.0.0.1:9091/metrics/job/unit/instance/host-1/zone/eu-1");
}

TEST(PushgatewayPusherTest, SilentGatewayTimesOutInsteadOfHoldingUpStop) {
  SilentListener gateway;
  ASSERT_GT(gateway.port(), 0);
  PushTarget target = target_at(gateway.port());
  target.timeout = std::chrono::milliseconds(300);

  std::mutex mu;
  std::vector<int> statuses;
  PushgatewayPusher pusher(target, std::make_shared<prometheus::Registry>(), [&](int status) {
    std::lock_guard<std::mutex> lock(mu);
    statuses.push_back(status);
  });
  pusher.start();

  std::promise<void> stopped;
  std::future<void> stop_returned = stopped.get_future();
  std::thread stopper([&] {
    pusher.stop();
    stopped.set_value();
  });
  // Generous: proves only that the push did not hang (libcurl's default is minutes).
  const bool returned =
      stop_returned.wait_for(std::chrono::seconds(10)) == std::future_status::ready;
  if (!returned) gateway.close();  // ends the hung push so the thread can be joined
  stopper.join();

  EXPECT_TRUE(returned) << "stop() did not return within 10 s with push.timeout 300ms";
  std::lock_guard<std::mutex> lock(mu);
  EXPECT_EQ(statuses, std::vector<int>{-1});
}

}  // namespace
}  // namespace mlobs::prometheus_sink
