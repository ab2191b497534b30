// What a pattern names: bundle directories (once they hold metadata.json) and JSON files, and
// when a bundle counts as another version.
#include "training_inputs.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

namespace mlobs::training_adapter {
namespace {

namespace fs = std::filesystem;

class TrainingInputsTest : public ::testing::Test {
 protected:
  TrainingInputsTest() {
    std::string tmpl = (fs::temp_directory_path() / "training_inputs_test.XXXXXX").string();
    if (::mkdtemp(tmpl.data()) == nullptr) std::abort();
    root_ = tmpl;
    write("runs/a.json", "{}");
    write("runs/notes.txt", "not a run");
    write("runs/b1/metadata.json", "{}");
    write("runs/b1/metrics.json", "{}");
    fs::create_directories(root_ / "runs/b2");  // being written: no metadata.json yet
    write("runs/b3/metadata.json", "{}");
  }
  ~TrainingInputsTest() override {
    std::error_code ec;
    fs::remove_all(root_, ec);
  }

  void write(const std::string& rel, const std::string& text) const {
    fs::create_directories((root_ / rel).parent_path());
    std::ofstream(root_ / rel, std::ios::trunc) << text;
  }
  std::string at(const std::string& rel) const { return (root_ / rel).string(); }

  // "b:<path>" for a bundle, "f:<path>" for a file, relative to the root.
  std::vector<std::string> names(const std::string& pattern) const {
    std::vector<std::string> out;
    for (const TrainingInput& input : find_training_inputs(at(pattern))) {
      out.push_back((input.bundle ? "b:" : "f:") +
                    fs::path(input.path).lexically_relative(root_).string());
    }
    return out;
  }

  fs::path root_;
};

TEST_F(TrainingInputsTest, AStarNamesBundlesAndJsonFiles) {
  EXPECT_EQ(names("runs/*"), (std::vector<std::string>{"b:runs/b1", "b:runs/b3", "f:runs/a.json"}));
}

TEST_F(TrainingInputsTest, ABundlesOwnFilesAreNotRunsOfTheirOwn) {
  EXPECT_EQ(names("runs/**"),
            (std::vector<std::string>{"b:runs/b1", "b:runs/b3", "f:runs/a.json"}));
}

TEST_F(TrainingInputsTest, PlainPathsNameOneBundleOrFile) {
  EXPECT_EQ(names("runs/b1"), (std::vector<std::string>{"b:runs/b1"}));
  EXPECT_EQ(names("runs/a.json"), (std::vector<std::string>{"f:runs/a.json"}));
  EXPECT_TRUE(names("runs/b2").empty()) << "not a bundle until metadata.json is there";
  EXPECT_TRUE(names("runs/missing").empty());
}

TEST_F(TrainingInputsTest, ATrailingSlashNamesDirectoriesOnly) {
  EXPECT_EQ(names("runs/*/"), (std::vector<std::string>{"b:runs/b1", "b:runs/b3"}));
}

TEST_F(TrainingInputsTest, ABundleVersionCoversItsThreeFiles) {
  const auto first = bundle_signature(at("runs/b1"));
  ASSERT_TRUE(first);
  EXPECT_EQ(bundle_signature(at("runs/b1")), first);

  write("runs/b1/model_uri.txt", "s3://m/1\n");
  const auto with_uri = bundle_signature(at("runs/b1"));
  ASSERT_TRUE(with_uri);
  EXPECT_NE(*with_uri, *first) << "a file added";

  write("runs/b1/metrics.json", "{\"test_rmse\":0.5}");
  const auto rewritten = bundle_signature(at("runs/b1"));
  ASSERT_TRUE(rewritten);
  EXPECT_NE(*rewritten, *with_uri) << "a file rewritten";

  fs::remove(at("runs/b1/metrics.json"));
  const auto removed = bundle_signature(at("runs/b1"));
  ASSERT_TRUE(removed);
  EXPECT_NE(*removed, *rewritten) << "a file removed";

  EXPECT_FALSE(bundle_signature(at("runs/b2")));
  EXPECT_FALSE(bundle_signature(at("runs/missing")));
}

}  // namespace
}  // namespace mlobs::training_adapter
