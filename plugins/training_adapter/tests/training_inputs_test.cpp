// What a pattern names: bundle directories (once they hold metadata.json) and JSON files, and
// when a bundle counts as another version.
#include "training_inputs.h"

#include <gtest/gtest.h>
#include <mlobs/testing/temp_dir.h>

#include <filesystem>
#include <string>
#include <vector>

namespace mlobs::training_adapter {
namespace {

namespace fs = std::filesystem;

class TrainingInputsTest : public ::testing::Test {
 protected:
  TrainingInputsTest() {
    root_.write("runs/a.json", "{}");
    root_.write("runs/notes.txt", "not a run");
    root_.write("runs/b1/metadata.json", "{}");
    root_.write("runs/b1/metrics.json", "{}");
    fs::create_directories(root_ / "runs/b2");  // being written: no metadata.json yet
    root_.write("runs/b3/metadata.json", "{}");
  }

  // "b:<path>" for a bundle, "f:<path>" for a file, relative to the root.
  std::vector<std::string> names(const std::string& pattern) const {
    std::vector<std::string> out;
    for (const TrainingInput& input : find_training_inputs((root_ / pattern).string())) {
      out.push_back((input.bundle ? "b:" : "f:") +
                    fs::path(input.path).lexically_relative(root_.path()).string());
    }
    return out;
  }

  mlobs::testing::TempDir root_{"training_inputs_test"};
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
  const auto first = bundle_signature((root_ / "runs/b1").string());
  ASSERT_TRUE(first);
  EXPECT_EQ(bundle_signature((root_ / "runs/b1").string()), first);

  root_.write("runs/b1/model_uri.txt", "s3://m/1\n");
  const auto with_uri = bundle_signature((root_ / "runs/b1").string());
  ASSERT_TRUE(with_uri);
  EXPECT_NE(*with_uri, *first) << "a file added";

  root_.write("runs/b1/metrics.json", "{\"test_rmse\":0.5}");
  const auto rewritten = bundle_signature((root_ / "runs/b1").string());
  ASSERT_TRUE(rewritten);
  EXPECT_NE(*rewritten, *with_uri) << "a file rewritten";

  fs::remove(root_ / "runs/b1/metrics.json");
  const auto removed = bundle_signature((root_ / "runs/b1").string());
  ASSERT_TRUE(removed);
  EXPECT_NE(*removed, *rewritten) << "a file removed";

  EXPECT_FALSE(bundle_signature((root_ / "runs/b2").string()));
  EXPECT_FALSE(bundle_signature((root_ / "runs/missing").string()));
}

}  // namespace
}  // namespace mlobs::training_adapter
