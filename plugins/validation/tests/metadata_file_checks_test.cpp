#include "metadata_file_checks.h"

#include <gtest/gtest.h>
#include <mlobs/testing/temp_dir.h>
#include <sys/stat.h>

#include <filesystem>
#include <string>

namespace mlobs::validation {
namespace {

using mlobs::testing::TempDir;

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

TEST(FileExistsTest, ARegularFileOrWhatTheRecordKindAllows) {
  TempDir dir;
  const std::string file = dir.write("a.parquet", "PAR1").string();
  const std::string bundle = dir.write("run/metadata.json", "{}").string();
  const std::string bundle_dir = (dir / "run").string();

  EXPECT_TRUE(check_file_exists(file, ExpectedEntry::kRegularFile).passed);
  EXPECT_TRUE(check_file_exists(file, ExpectedEntry::kFileOrDirectory).passed);
  EXPECT_TRUE(check_file_exists(bundle_dir, ExpectedEntry::kFileOrDirectory).passed);

  const CheckResult dir_as_file = check_file_exists(bundle_dir, ExpectedEntry::kRegularFile);
  EXPECT_FALSE(dir_as_file.passed);
  EXPECT_EQ(dir_as_file.check, "file_exists");
  EXPECT_EQ(dir_as_file.detail, bundle_dir + " is a directory, not a regular file");

  const std::string gone = (dir / "gone.json").string();
  const CheckResult missing = check_file_exists(gone, ExpectedEntry::kRegularFile);
  EXPECT_FALSE(missing.passed);
  EXPECT_EQ(missing.detail, gone + " cannot be found: No such file or directory");

  EXPECT_EQ(check_file_exists("", ExpectedEntry::kRegularFile).detail, "the record names no path");
}

TEST(ValidJsonTest, OneJsonObjectPasses) {
  TempDir dir;
  const std::string json = dir.write("m.json", R"({"a": [1, 2]})").string();
  EXPECT_TRUE(check_valid_json(json, JsonExpectation::kJsonInputsOnly).passed);
  const std::string txt = dir.write("m.txt", R"({"a": 1})").string();
  EXPECT_TRUE(check_valid_json(txt, JsonExpectation::kAlways).passed);
}

TEST(ValidJsonTest, WhatIsNotOneObjectFailsWithWhy) {
  TempDir dir;
  auto detail = [&](const std::string& name, const std::string& content) {
    const std::string path = dir.write(name, content).string();
    const CheckResult r = check_valid_json(path, JsonExpectation::kAlways);
    EXPECT_FALSE(r.passed) << content;
    EXPECT_EQ(r.check, "valid_json");
    return r.detail;
  };
  EXPECT_EQ(detail("broken.json", R"({"a": )"),
            (dir / "broken.json").string() + ": not valid JSON at byte 6: Invalid value.");
  EXPECT_EQ(detail("array.json", "[1]"),
            (dir / "array.json").string() + ": the JSON is an array, not an object");
  EXPECT_TRUE(contains(detail("two.json", "{} {}"), "not valid JSON at byte 3"));
  EXPECT_TRUE(contains(detail("latin1.json", "{\"a\": \"\xE9\"}"), "not valid JSON"));
  EXPECT_TRUE(contains(detail("empty.json", ""), "not valid JSON at byte 0"));
}

TEST(ValidJsonTest, AFileOverOneMebibyteIsNotRead) {
  TempDir dir;
  const std::string big =
      dir.write("big.json", "{\"a\":\"" + std::string(1 << 20, 'x') + "\"}").string();
  const CheckResult r = check_valid_json(big, JsonExpectation::kAlways);
  EXPECT_FALSE(r.passed);
  EXPECT_EQ(r.detail, big + " is over 1 MiB, not read");
}

TEST(ValidJsonTest, NonJsonInputsPassUnlessJsonIsExpected) {
  TempDir dir;
  const std::string parquet = dir.write("d.parquet", "PAR1....PAR1").string();
  EXPECT_TRUE(check_valid_json(parquet, JsonExpectation::kJsonInputsOnly).passed);
  const std::string gone = (dir / "gone.parquet").string();
  EXPECT_TRUE(check_valid_json(gone, JsonExpectation::kJsonInputsOnly).passed);
  const CheckResult r = check_valid_json(parquet, JsonExpectation::kAlways);
  EXPECT_FALSE(r.passed);
  EXPECT_TRUE(contains(r.detail, "not valid JSON")) << r.detail;
}

TEST(ValidJsonTest, AMissingJsonFileFails) {
  TempDir dir;
  const std::string gone = (dir / "gone.json").string();
  const CheckResult r = check_valid_json(gone, JsonExpectation::kJsonInputsOnly);
  EXPECT_FALSE(r.passed);
  EXPECT_EQ(r.detail, "cannot read " + gone + ": No such file or directory");
}

TEST(ValidJsonTest, ABundleDirectoryIsJudgedByItsMetadataJson) {
  TempDir dir;
  dir.write("good/metadata.json", R"({"run_id": "r1"})");
  dir.write("bad/metadata.json", "not json");
  std::filesystem::create_directories(dir / "empty");
  const std::string good = (dir / "good").string();
  const std::string good_metadata = (dir / "good/metadata.json").string();
  for (JsonExpectation e : {JsonExpectation::kAlways, JsonExpectation::kJsonInputsOnly}) {
    EXPECT_TRUE(check_valid_json(good, e).passed);
    EXPECT_TRUE(check_valid_json(good + "/", e).passed);
    EXPECT_TRUE(contains(check_valid_json((dir / "bad").string(), e).detail,
                         (dir / "bad/metadata.json").string() + ": not valid JSON"));
    EXPECT_EQ(check_valid_json((dir / "empty").string(), e).detail,
              "cannot read " + (dir / "empty/metadata.json").string() +
                  ": No such file or directory");
  }
  EXPECT_EQ(metadata_file_of(good), good_metadata);
  EXPECT_EQ(metadata_file_of(good_metadata), good_metadata);
}

TEST(ValidJsonTest, AFifoIsNotReadFrom) {
  TempDir dir;
  const std::string pipe = (dir / "pipe.json").string();
  ASSERT_EQ(::mkfifo(pipe.c_str(), 0600), 0);
  const CheckResult r = check_valid_json(pipe, JsonExpectation::kAlways);
  EXPECT_FALSE(r.passed);
  EXPECT_EQ(r.detail, "cannot read " + pipe + ": it is a pipe");
  EXPECT_EQ(check_file_exists(pipe, ExpectedEntry::kRegularFile).detail,
            pipe + " is a pipe, not a regular file");
}

TEST(JsonObjectProblemTest, EmptyWhenOneObject) {
  EXPECT_EQ(json_object_problem(R"( {"a":1} )"), "");
  EXPECT_EQ(json_object_problem("3"), "the JSON is a number, not an object");
  EXPECT_EQ(json_object_problem("null"), "the JSON is null, not an object");
}

}  // namespace
}  // namespace mlobs::validation
