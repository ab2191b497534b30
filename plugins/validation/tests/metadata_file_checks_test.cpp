#include "metadata_file_checks.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <string>

#include "temp_dir.h"

namespace mlobs::validation {
namespace {

using testing::TempDir;

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

TEST(FileExistsTest, ARegularFileOrWhatTheRecordKindAllows) {
  TempDir dir;
  const std::string file = dir.write("a.parquet", "PAR1");
  const std::string bundle = dir.write("run/metadata.json", "{}");
  const std::string bundle_dir = dir.path("run");

  EXPECT_TRUE(check_file_exists(file, ExpectedEntry::kRegularFile).passed);
  EXPECT_TRUE(check_file_exists(file, ExpectedEntry::kFileOrDirectory).passed);
  EXPECT_TRUE(check_file_exists(bundle_dir, ExpectedEntry::kFileOrDirectory).passed);

  const CheckResult dir_as_file = check_file_exists(bundle_dir, ExpectedEntry::kRegularFile);
  EXPECT_FALSE(dir_as_file.passed);
  EXPECT_EQ(dir_as_file.check, "file_exists");
  EXPECT_EQ(dir_as_file.detail, bundle_dir + " is a directory, not a regular file");

  const CheckResult missing = check_file_exists(dir.path("gone.json"), ExpectedEntry::kRegularFile);
  EXPECT_FALSE(missing.passed);
  EXPECT_EQ(missing.detail, dir.path("gone.json") + " cannot be found: No such file or directory");

  EXPECT_EQ(check_file_exists("", ExpectedEntry::kRegularFile).detail, "the record names no path");
}

TEST(ValidJsonTest, OneJsonObjectPasses) {
  TempDir dir;
  EXPECT_TRUE(
      check_valid_json(dir.write("m.json", R"({"a": [1, 2]})"), JsonExpectation::kJsonInputsOnly)
          .passed);
  EXPECT_TRUE(check_valid_json(dir.write("m.txt", R"({"a": 1})"), JsonExpectation::kAlways).passed);
}

TEST(ValidJsonTest, WhatIsNotOneObjectFailsWithWhy) {
  TempDir dir;
  auto detail = [&](const std::string& name, const std::string& content) {
    const CheckResult r = check_valid_json(dir.write(name, content), JsonExpectation::kAlways);
    EXPECT_FALSE(r.passed) << content;
    EXPECT_EQ(r.check, "valid_json");
    return r.detail;
  };
  EXPECT_EQ(detail("broken.json", R"({"a": )"),
            dir.path("broken.json") + ": not valid JSON at byte 6: Invalid value.");
  EXPECT_EQ(detail("array.json", "[1]"),
            dir.path("array.json") + ": the JSON is an array, not an object");
  EXPECT_TRUE(contains(detail("two.json", "{} {}"), "not valid JSON at byte 3"));
  EXPECT_TRUE(contains(detail("latin1.json", "{\"a\": \"\xE9\"}"), "not valid JSON"));
  EXPECT_TRUE(contains(detail("empty.json", ""), "not valid JSON at byte 0"));
}

TEST(ValidJsonTest, AFileOverOneMebibyteIsNotRead) {
  TempDir dir;
  const std::string big = dir.write("big.json", "{\"a\":\"" + std::string(1 << 20, 'x') + "\"}");
  const CheckResult r = check_valid_json(big, JsonExpectation::kAlways);
  EXPECT_FALSE(r.passed);
  EXPECT_EQ(r.detail, big + " is over 1 MiB, not read");
}

TEST(ValidJsonTest, NonJsonInputsPassUnlessJsonIsExpected) {
  TempDir dir;
  const std::string parquet = dir.write("d.parquet", "PAR1....PAR1");
  EXPECT_TRUE(check_valid_json(parquet, JsonExpectation::kJsonInputsOnly).passed);
  EXPECT_TRUE(check_valid_json(dir.path("gone.parquet"), JsonExpectation::kJsonInputsOnly).passed);
  const CheckResult r = check_valid_json(parquet, JsonExpectation::kAlways);
  EXPECT_FALSE(r.passed);
  EXPECT_TRUE(contains(r.detail, "not valid JSON")) << r.detail;
}

TEST(ValidJsonTest, AMissingJsonFileFails) {
  TempDir dir;
  const CheckResult r = check_valid_json(dir.path("gone.json"), JsonExpectation::kJsonInputsOnly);
  EXPECT_FALSE(r.passed);
  EXPECT_EQ(r.detail, "cannot read " + dir.path("gone.json") + ": No such file or directory");
}

TEST(ValidJsonTest, ABundleDirectoryIsJudgedByItsMetadataJson) {
  TempDir dir;
  dir.write("good/metadata.json", R"({"run_id": "r1"})");
  dir.write("bad/metadata.json", "not json");
  std::filesystem::create_directories(dir.path("empty"));
  for (JsonExpectation e : {JsonExpectation::kAlways, JsonExpectation::kJsonInputsOnly}) {
    EXPECT_TRUE(check_valid_json(dir.path("good"), e).passed);
    EXPECT_TRUE(check_valid_json(dir.path("good") + "/", e).passed);
    EXPECT_TRUE(contains(check_valid_json(dir.path("bad"), e).detail,
                         dir.path("bad/metadata.json") + ": not valid JSON"));
    EXPECT_EQ(check_valid_json(dir.path("empty"), e).detail,
              "cannot read " + dir.path("empty/metadata.json") + ": No such file or directory");
  }
  EXPECT_EQ(metadata_file_of(dir.path("good")), dir.path("good/metadata.json"));
  EXPECT_EQ(metadata_file_of(dir.path("good/metadata.json")), dir.path("good/metadata.json"));
}

TEST(ValidJsonTest, AFifoIsNotReadFrom) {
  TempDir dir;
  ASSERT_EQ(::mkfifo(dir.path("pipe.json").c_str(), 0600), 0);
  const CheckResult r = check_valid_json(dir.path("pipe.json"), JsonExpectation::kAlways);
  EXPECT_FALSE(r.passed);
  EXPECT_EQ(r.detail, "cannot read " + dir.path("pipe.json") + ": it is a pipe");
  EXPECT_EQ(check_file_exists(dir.path("pipe.json"), ExpectedEntry::kRegularFile).detail,
            dir.path("pipe.json") + " is a pipe, not a regular file");
}

TEST(JsonObjectProblemTest, EmptyWhenOneObject) {
  EXPECT_EQ(json_object_problem(R"( {"a":1} )"), "");
  EXPECT_EQ(json_object_problem("3"), "the JSON is a number, not an object");
  EXPECT_EQ(json_object_problem("null"), "the JSON is null, not an object");
}

}  // namespace
}  // namespace mlobs::validation
