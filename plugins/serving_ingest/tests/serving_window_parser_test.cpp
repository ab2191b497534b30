// Parser robustness: nothing a file can hold crashes it or leaks state between lines.
#include "serving_window_parser.h"

#include "mutations.h"
#include "valid_window.h"

#include <gtest/gtest.h>

#include <random>
#include <string>

namespace mlobs::serving_ingest {
namespace {

using testing::valid_line;

TEST(ServingWindowParserTest, StateDoesNotLeakBetweenLines) {
  ServingWindowParser parser;
  ServingWindow w;
  Violation v;
  ASSERT_TRUE(parser.parse(valid_line(), &w, &v));
  ASSERT_TRUE(parser.parse("{\"deployment_id\":\"d\"}", &w, &v));
  EXPECT_EQ(w.endpoint_name, "");
  EXPECT_EQ(w.request_count, 0);
  EXPECT_FALSE(validate(&w, &v));
  EXPECT_EQ(v.reason, kMissingField);
}

TEST(ServingWindowParserTest, RefusesNonObjects) {
  ServingWindowParser parser;
  ServingWindow w;
  Violation v;
  for (const char* line : {"", " ", "null", "1", "true", "[]", "\"s\"", "{} {}", "{}x", "{", "}",
                           "{\"a\":}", "{\"a\" 1}", "{'a':1}", "{\"a\":NaN}"}) {
    EXPECT_FALSE(parser.parse(line, &w, &v)) << line;
    EXPECT_EQ(v.reason, kInvalidJson) << line;
    EXPECT_FALSE(v.detail.empty());
  }
  EXPECT_TRUE(parser.parse("{}", &w, &v));
}

TEST(ServingWindowParserTest, RefusesNulBytesAndBadUtf8) {
  ServingWindowParser parser;
  ServingWindow w;
  Violation v;
  EXPECT_FALSE(parser.parse(std::string("{}\0{", 4), &w, &v));
  EXPECT_FALSE(parser.parse("{\"a\":\"\xC3\x28\"}", &w, &v));
  EXPECT_FALSE(parser.parse("{\"a\":1,\"b\":\"\xFF\"}", &w, &v));
  // Valid UTF-8 is fine, in contract fields and elsewhere.
  ASSERT_TRUE(
      parser.parse("{\"endpoint_name\":\"/pr\xC3\xA9\x64ict\",\"x\":\"\xE2\x82\xAC\"}", &w, &v));
  EXPECT_EQ(w.endpoint_name, "/pr\xC3\xA9\x64ict");
}

TEST(ServingWindowParserTest, DeepNestingIsRefusedNotRecursed) {
  ServingWindowParser parser;
  ServingWindow w;
  Violation v;
  const std::string deep = "{\"a\":" + std::string(100000, '[') + std::string(100000, ']') + "}";
  EXPECT_FALSE(parser.parse(deep, &w, &v));
  EXPECT_EQ(v.reason, kInvalidJson);
  const std::string fine = "{\"a\":" + std::string(100, '[') + std::string(100, ']') + "}";
  EXPECT_TRUE(parser.parse(fine, &w, &v));
}

TEST(ServingWindowParserTest, RandomMutationsNeverCrash) {
  std::mt19937 rng(20260407);
  ServingWindowParser parser;
  ServingWindow w;
  Violation v;
  const std::string base = valid_line();
  int accepted = 0;
  for (int i = 0; i < 5000; ++i) {
    const std::string line = testing::mutate(base, rng);
    if (parser.parse(line, &w, &v) && validate(&w, &v)) ++accepted;
  }
  // Some mutations keep the line valid (e.g. a changed digit); most do not.
  EXPECT_GT(accepted, 0);
  EXPECT_LT(accepted, 5000);
}

TEST(ServingWindowParserTest, RandomGarbageNeverCrashes) {
  std::mt19937 rng(7);
  ServingWindowParser parser;
  ServingWindow w;
  Violation v;
  for (int i = 0; i < 3000; ++i) {
    std::string line(rng() % 200, '\0');
    for (char& c : line) c = static_cast<char>(rng() % 256);
    if (parser.parse(line, &w, &v)) static_cast<void>(validate(&w, &v));
  }
}

}  // namespace
}  // namespace mlobs::serving_ingest
