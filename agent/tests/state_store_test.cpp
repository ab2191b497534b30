#include "storage/state_store.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <stdlib.h>

#include <atomic>
#include <fstream>
#include <set>
#include <thread>

namespace mlobs::agent {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;

class StateStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string tmpl = (fs::temp_directory_path() / "state_store_test_XXXXXX").string();
    ASSERT_NE(::mkdtemp(tmpl.data()), nullptr);
    root_ = tmpl;
  }
  void TearDown() override {
    std::error_code ec;
    fs::remove_all(root_, ec);
  }

  // Every entry under dir (recursively), relative to it.
  static std::set<std::string> tree(const fs::path& dir) {
    std::set<std::string> out;
    for (const auto& e : fs::recursive_directory_iterator(dir)) {
      out.insert(fs::relative(e.path(), dir).string());
    }
    return out;
  }

  fs::path root_;
};

TEST_F(StateStoreTest, PutGetOverwriteRemove) {
  StateStore store(root_ / "state");
  EXPECT_EQ(store.dir(), root_ / "state");
  EXPECT_EQ(store.get("tail", "offset"), std::nullopt);

  ASSERT_TRUE(store.put("tail", "offset", "123").ok());
  EXPECT_EQ(store.get("tail", "offset"), "123");

  ASSERT_TRUE(store.put("tail", "offset", "456789").ok());
  EXPECT_EQ(store.get("tail", "offset"), "456789");

  // Shorter after longer: no leftover bytes from the old value.
  ASSERT_TRUE(store.put("tail", "offset", "7").ok());
  EXPECT_EQ(store.get("tail", "offset"), "7");

  // Scopes are separate namespaces.
  EXPECT_EQ(store.get("other", "offset"), std::nullopt);
  ASSERT_TRUE(store.put("other", "offset", "x").ok());
  EXPECT_EQ(store.get("tail", "offset"), "7");

  ASSERT_TRUE(store.remove("tail", "offset").ok());
  EXPECT_EQ(store.get("tail", "offset"), std::nullopt);
  EXPECT_EQ(store.get("other", "offset"), "x");
  // Absent is fine, including a scope that never existed.
  EXPECT_TRUE(store.remove("tail", "offset").ok());
  EXPECT_TRUE(store.remove("never", "there").ok());
}

TEST_F(StateStoreTest, ValuesAreBinarySafeAndMayBeEmpty) {
  StateStore store(root_);
  const std::string binary("a\0b\xFF\n", 5);
  ASSERT_TRUE(store.put("s", "bin", binary).ok());
  EXPECT_EQ(store.get("s", "bin"), binary);
  ASSERT_TRUE(store.put("s", "empty", "").ok());
  auto empty = store.get("s", "empty");
  ASSERT_TRUE(empty.has_value());
  EXPECT_EQ(*empty, "");
}

TEST_F(StateStoreTest, PersistsAcrossInstances) {
  ASSERT_TRUE(StateStore(root_).put("src", "k", "durable").ok());
  EXPECT_EQ(StateStore(root_).get("src", "k"), "durable");
}

TEST_F(StateStoreTest, KeysAndScopesAreEscapedIntoSafeFileNames) {
  StateStore store(root_);
  ASSERT_TRUE(store.put("my source", "/var/log/app.log", "1").ok());
  ASSERT_TRUE(store.put("s", "..", "2").ok());
  ASSERT_TRUE(store.put("s", ".", "3").ok());
  ASSERT_TRUE(store.put("s", "a%2Fb", "4").ok());
  ASSERT_TRUE(store.put("s", "a/b", "5").ok());
  ASSERT_TRUE(store.put("s", "Ok-name_1.2", "6").ok());
  ASSERT_TRUE(store.put("s", "\xC3\xA9", "7").ok());
  ASSERT_TRUE(store.put("..", "k", "8").ok());

  EXPECT_EQ(tree(root_), (std::set<std::string>{
                             "my%20source",
                             "my%20source/%2Fvar%2Flog%2Fapp.log",
                             "s",
                             "s/%2E.",
                             "s/%2E",
                             "s/a%252Fb",
                             "s/a%2Fb",
                             "s/Ok-name_1.2",
                             "s/%C3%A9",
                             "%2E.",
                             "%2E./k",
                         }));
  // Look-alike keys stay distinct.
  EXPECT_EQ(store.get("s", "a%2Fb"), "4");
  EXPECT_EQ(store.get("s", "a/b"), "5");
  EXPECT_EQ(store.get("s", ".."), "2");
  EXPECT_EQ(store.get("..", "k"), "8");
  EXPECT_EQ(store.get("my source", "/var/log/app.log"), "1");
}

TEST_F(StateStoreTest, LongKeysAreShortenedButStayDistinct) {
  StateStore store(root_);
  const std::string prefix(300, '/');  // 900 bytes once escaped
  ASSERT_TRUE(store.put("s", prefix + "a", "A").ok());
  ASSERT_TRUE(store.put("s", prefix + "b", "B").ok());
  EXPECT_EQ(store.get("s", prefix + "a"), "A");
  EXPECT_EQ(store.get("s", prefix + "b"), "B");
  const auto files = tree(root_ / "s");
  ASSERT_EQ(files.size(), 2u);
  for (const auto& f : files) EXPECT_LE(f.size(), 255u) << f;
}

TEST_F(StateStoreTest, EmptyScopeOrKeyIsRejected) {
  StateStore store(root_);
  Status s = store.put("", "k", "v");
  EXPECT_EQ(s.code(), MLOBS_INVALID_ARGUMENT);
  EXPECT_EQ(store.put("s", "", "v").code(), MLOBS_INVALID_ARGUMENT);
  EXPECT_EQ(store.remove("s", "").code(), MLOBS_INVALID_ARGUMENT);
  EXPECT_EQ(store.get("", "k"), std::nullopt);
  EXPECT_TRUE(tree(root_).empty());
}

TEST_F(StateStoreTest, NoTemporaryFilesAreLeftBehind) {
  StateStore store(root_);
  for (int i = 0; i < 20; ++i) {
    ASSERT_TRUE(store.put("s", "k" + std::to_string(i % 3), std::string(1000, 'x')).ok());
  }
  EXPECT_EQ(tree(root_), (std::set<std::string>{"s", "s/k0", "s/k1", "s/k2"}));
}

TEST_F(StateStoreTest, ErrorsNameThePathAndTheReason) {
  // The state directory is a regular file: nothing can be created under it.
  const fs::path file = root_ / "not-a-dir";
  std::ofstream(file) << "x";
  StateStore store(file);
  Status s = store.put("scope", "k", "v");
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.code(), MLOBS_INTERNAL);
  EXPECT_THAT(s.message(), HasSubstr(file.string()));
  EXPECT_THAT(s.message(), HasSubstr("not a directory"));
  EXPECT_EQ(store.get("scope", "k"), std::nullopt);

  // A key whose path is a directory cannot be removed as a file.
  StateStore ok(root_ / "state");
  ASSERT_TRUE(ok.put("s", "k", "v").ok());
  fs::create_directories(root_ / "state" / "s" / "dir" / "child");
  Status r = ok.remove("s", "dir");
  ASSERT_FALSE(r.ok());
  EXPECT_THAT(r.message(), HasSubstr((root_ / "state" / "s" / "dir").string()));
}

TEST_F(StateStoreTest, ConcurrentReaderNeverSeesATornValue) {
  StateStore store(root_);
  const std::string a(256 * 1024, 'a');
  const std::string b = std::string(128 * 1024, 'b') + std::string(300 * 1024, 'B');
  ASSERT_TRUE(store.put("s", "big", a).ok());

  std::atomic<bool> done{false};
  std::atomic<int> reads{0};
  std::atomic<int> torn{0};
  std::thread reader([&] {
    // One more read after the writer finished, so there is always at least one.
    for (bool last = false; !last;) {
      last = done.load();
      auto v = store.get("s", "big");
      ++reads;
      if (!v || (*v != a && *v != b)) ++torn;
    }
  });
  constexpr int kWrites = 40;
  int failures = 0;
  for (int i = 0; i < kWrites; ++i) {
    if (!store.put("s", "big", i % 2 == 0 ? b : a).ok()) ++failures;
  }
  done.store(true);
  reader.join();
  EXPECT_EQ(failures, 0);
  EXPECT_GT(reads.load(), 0);
  EXPECT_EQ(torn.load(), 0) << "of " << reads.load() << " reads";
  EXPECT_EQ(store.get("s", "big"), a);  // the last write (i = 39) wrote a
  EXPECT_EQ(tree(root_), (std::set<std::string>{"s", "s/big"}));
}

TEST_F(StateStoreTest, ConcurrentWritersToDifferentKeys) {
  StateStore store(root_);
  std::vector<std::thread> threads;
  std::atomic<int> failures{0};
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 10; ++i) {
        if (!store.put("s", "k" + std::to_string(t), std::to_string(i)).ok()) ++failures;
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(failures.load(), 0);
  for (int t = 0; t < 4; ++t) EXPECT_EQ(store.get("s", "k" + std::to_string(t)), "9");
}

}  // namespace
}  // namespace mlobs::agent
