#include "mlobs/tailed_files/checkpoint_writer.h"

#include <gtest/gtest.h>

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace mlobs::tailed_files {
namespace {

// A put that records documents and can be held (blocked) or made to fail.
struct FakeStore {
  std::mutex mu;
  std::condition_variable cv;
  std::vector<std::string> documents;
  bool hold = false;
  bool busy = false;  // a put is inside, held
  int failures_left = 0;

  bool put(const std::string& document) {
    std::unique_lock<std::mutex> lock(mu);
    busy = true;
    cv.notify_all();
    cv.wait(lock, [&] { return !hold; });
    busy = false;
    if (failures_left > 0) {
      --failures_left;
      return false;
    }
    documents.push_back(document);
    cv.notify_all();
    return true;
  }

  template <class Pred>
  bool wait_until(Pred pred) {
    std::unique_lock<std::mutex> lock(mu);
    return cv.wait_for(lock, std::chrono::seconds(10), pred);
  }
};

TEST(CheckpointWriter, OnlyTheNewestDocumentWaitingIsWritten) {
  FakeStore store;
  store.hold = true;
  CheckpointWriter writer([&](const std::string& d) { return store.put(d); });
  writer.submit("1");
  ASSERT_TRUE(store.wait_until([&] { return store.busy; })) << "the first put started";
  writer.submit("2");
  writer.submit("3");  // replaces 2 while 1 is being written
  {
    std::lock_guard<std::mutex> lock(store.mu);
    store.hold = false;
  }
  store.cv.notify_all();
  ASSERT_TRUE(store.wait_until([&] { return store.documents.size() == 2; }));
  writer.stop();
  EXPECT_EQ(store.documents, (std::vector<std::string>{"1", "3"}));
  EXPECT_EQ(writer.stored(), 2u);
}

TEST(CheckpointWriter, AFailedWriteIsTriedAgain) {
  FakeStore store;
  store.failures_left = 2;
  CheckpointWriter writer([&](const std::string& d) { return store.put(d); }, 8, /*retry_ms=*/1);
  writer.submit("a");
  ASSERT_TRUE(store.wait_until([&] { return store.documents.size() == 1; }));
  EXPECT_EQ(store.documents[0], "a");
  EXPECT_EQ(store.failures_left, 0);
}

TEST(CheckpointWriter, StopWritesWhatIsPendingAndIsIdempotent) {
  FakeStore store;
  store.hold = true;
  CheckpointWriter writer([&](const std::string& d) { return store.put(d); });
  writer.submit("first");
  ASSERT_TRUE(store.wait_until([&] { return store.busy; }));
  writer.submit("last");
  {
    std::lock_guard<std::mutex> lock(store.mu);
    store.hold = false;
  }
  store.cv.notify_all();
  writer.stop();
  EXPECT_EQ(store.documents, (std::vector<std::string>{"first", "last"}));
  writer.stop();
  EXPECT_EQ(writer.stored(), 2u);
}

TEST(CheckpointWriter, ReadingWaitsWhenTooFarAheadOfWhatIsStored) {
  FakeStore store;
  store.hold = true;
  CheckpointWriter writer([&](const std::string& d) { return store.put(d); }, /*max_unstored=*/2);
  writer.submit("1");
  ASSERT_TRUE(store.wait_until([&] { return store.busy; }));
  writer.submit("2");  // one unstored: room for it
  std::thread late([&] { writer.submit("3"); });  // two unstored: waits for "1"
  {
    std::lock_guard<std::mutex> lock(store.mu);
    store.hold = false;
  }
  store.cv.notify_all();
  late.join();
  writer.stop();
  ASSERT_FALSE(store.documents.empty());
  EXPECT_EQ(store.documents.front(), "1");
  EXPECT_EQ(store.documents.back(), "3");
}

}  // namespace
}  // namespace mlobs::tailed_files
