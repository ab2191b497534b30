#include "line_classifier.h"

#include <gtest/gtest.h>

#include <string>

namespace mlobs::jsonl_file {
namespace {

LineShape shape(std::string_view line) { return classify_line(line).shape; }

TEST(LineClassifierTest, WholeRecords) {
  EXPECT_EQ(shape(R"({"kind":"serving_window","body":{"n":1}})"), LineShape::kRecord);
  EXPECT_EQ(shape(R"({"id":"x","body":{},"kind":"k","observed_at":"2026-04-07T10:00:00Z"})"),
            LineShape::kRecord);
  EXPECT_EQ(shape(R"(  {"kind":"k","body":{}}  )"), LineShape::kRecord);
}

TEST(LineClassifierTest, BodiesOfTheConfiguredKind) {
  EXPECT_EQ(shape(R"({"n":1})"), LineShape::kBody);
  EXPECT_EQ(shape("{}"), LineShape::kBody);
  EXPECT_EQ(shape(R"({"kind":"k"})"), LineShape::kBody);             // no body
  EXPECT_EQ(shape(R"({"kind":"k","body":[1]})"), LineShape::kBody);  // body not an object
  EXPECT_EQ(shape(R"({"kind":7,"body":{}})"), LineShape::kBody);     // kind not a string
  EXPECT_EQ(shape(R"({"id":5,"n":1})"), LineShape::kBody);           // envelope rules: records only
}

TEST(LineClassifierTest, BlankLines) {
  EXPECT_EQ(shape(""), LineShape::kBlank);
  EXPECT_EQ(shape(" \t \r"), LineShape::kBlank);
}

TEST(LineClassifierTest, InvalidJson) {
  for (const char* line : {"not json", "{\"a\":", "{\"a\":1}}", "{\"a\":1} x", "[1,2]", "42",
                           "\"text\"", "null", "{'a':1}", "{\"a\":1,}"}) {
    const LineClass c = classify_line(line);
    EXPECT_EQ(c.shape, LineShape::kInvalid) << line;
    EXPECT_EQ(c.reason, "invalid_json") << line;
    EXPECT_FALSE(c.error.empty()) << line;
  }
  EXPECT_EQ(classify_line("[1,2]").error, "expected a JSON object, got an array");
}

TEST(LineClassifierTest, InvalidRecords) {
  LineClass c = classify_line(R"({"kind":"","body":{}})");
  EXPECT_EQ(c.shape, LineShape::kInvalid);
  EXPECT_EQ(c.reason, "invalid_record");
  c = classify_line(R"({"kind":"k","body":{},"id":5})");
  EXPECT_EQ(c.reason, "invalid_record");
  EXPECT_EQ(c.error, "envelope field \"id\" must be a string");
  // Only the first occurrence of a member counts.
  EXPECT_EQ(shape(R"({"kind":"k","body":{},"id":"a","id":5})"), LineShape::kRecord);
}

TEST(LineClassifierTest, DeepNestingIsRefused) {
  const std::string deep = "{\"a\":" + std::string(100000, '[');
  const LineClass c = classify_line(deep);
  EXPECT_EQ(c.shape, LineShape::kInvalid);
  EXPECT_NE(c.error.find("nesting too deep"), std::string::npos) << c.error;
}

TEST(LineClassifierTest, ArbitraryBytesNeverCrash) {
  uint64_t state = 88172645463325252ull;
  const std::string alphabet = "{}[]\":,0123456789.eE+-tfnul \\ab\x01\xff";
  for (int i = 0; i < 20000; ++i) {
    std::string line;
    const int n = static_cast<int>(state % 40);
    for (int j = 0; j < n; ++j) {
      state ^= state << 13;
      state ^= state >> 7;
      state ^= state << 17;
      line.push_back(alphabet[state % alphabet.size()]);
    }
    (void)classify_line(line);
    state += 0x9e3779b97f4a7c15ull;
  }
}

}  // namespace
}  // namespace mlobs::jsonl_file
