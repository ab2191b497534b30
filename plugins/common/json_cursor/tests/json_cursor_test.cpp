#include "mlobs/json_cursor/json_cursor.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace mlobs::json {
namespace {

bool valid(std::string_view text) {
  JsonCursor c(text);
  return c.skip_value() && c.at_end();
}

TEST(JsonCursorTest, ValidDocuments) {
  for (const char* text : {"{}", "[]", "0", "-0", "1.5e-3", "-12E+4", "\"\"", "true", "false",
                           "null", " {\"a\" : [1, {\"b\": null}, \"x\\n\\u00e9\\ud83d\\ude00\"]} ",
                           "[[[[]]]]", "{\"a\":{\"b\":{\"c\":{}}}}"}) {
    EXPECT_TRUE(valid(text)) << text;
  }
}

TEST(JsonCursorTest, InvalidDocuments) {
  for (const char* text :
       {"",           " ",       "{",         "}",           "[1,]",        "[,1]",
        "{\"a\":1,}", "{,}",     "{\"a\" 1}", "{a:1}",       "01",          "1.",
        ".5",         "1e",      "-",         "+1",          "tru",         "nul",
        "\"abc",      "\"\\x\"", "\"\\u12\"", "\"\\ud800\"", "\"\\udc00\"", "{\"a\":1}}",
        "[1 2]",      "'a'",     "NaN",       "\"a\tb\""}) {
    EXPECT_FALSE(valid(text)) << text;
  }
}

TEST(JsonCursorTest, ErrorSaysWhere) {
  JsonCursor c("{\"a\": tru}");
  EXPECT_FALSE(c.skip_value());
  EXPECT_EQ(c.error(), "bad literal at offset 6");
}

TEST(JsonCursorTest, DepthIsBounded) {
  EXPECT_FALSE(valid(std::string(100000, '[')));
  EXPECT_FALSE(valid(std::string(200, '[') + std::string(200, ']')));
  const std::string nested = std::string(200, '[') + std::string(200, ']');
  JsonCursor deep(nested, 256);
  EXPECT_TRUE(deep.skip_value());
}

TEST(JsonCursorTest, ReadsMembers) {
  JsonCursor c("{\"kind\":\"serving_window\",\"n\":42,\"body\":{\"x\":[1,2]},\"s\":\"a\\\"b\"}");
  ASSERT_TRUE(c.begin_object());
  std::string key;
  std::vector<std::string> keys;
  std::string kind;
  std::string s;
  uint64_t n = 0;
  JsonType body_type = JsonType::kInvalid;
  while (c.next_member(&key)) {
    keys.push_back(key);
    if (key == "kind") {
      ASSERT_TRUE(c.read_string(&kind));
    } else if (key == "n") {
      ASSERT_TRUE(c.read_uint64(&n));
    } else if (key == "s") {
      ASSERT_TRUE(c.read_string(&s));
    } else {
      body_type = c.peek();
      ASSERT_TRUE(c.skip_value());
    }
  }
  EXPECT_TRUE(c.ok());
  EXPECT_TRUE(c.at_end());
  EXPECT_EQ(keys, (std::vector<std::string>{"kind", "n", "body", "s"}));
  EXPECT_EQ(kind, "serving_window");
  EXPECT_EQ(n, 42u);
  EXPECT_EQ(s, "a\"b");
  EXPECT_EQ(body_type, JsonType::kObject);
}

TEST(JsonCursorTest, DecodesUnicodeEscapes) {
  JsonCursor c("\"\\u0041\\u00e9\\u20ac\\ud83d\\ude00\"");
  std::string s;
  ASSERT_TRUE(c.read_string(&s));
  EXPECT_EQ(s, "A\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80");
}

TEST(JsonCursorTest, Uint64Bounds) {
  uint64_t v = 0;
  JsonCursor max("18446744073709551615");
  EXPECT_TRUE(max.read_uint64(&v));
  EXPECT_EQ(v, UINT64_MAX);
  JsonCursor over("18446744073709551616");
  EXPECT_FALSE(over.read_uint64(&v));
  JsonCursor neg("-1");
  EXPECT_FALSE(neg.read_uint64(&v));
  JsonCursor frac("1.0");
  EXPECT_FALSE(frac.read_uint64(&v));
}

TEST(JsonCursorTest, EmbeddedNulIsRejected) {
  EXPECT_FALSE(valid(std::string("{\"a\":\"x\0y\"}", 11)));
  EXPECT_FALSE(valid(std::string("{}\0", 3)));
}

TEST(JsonCursorTest, EveryPrefixOfAValidDocumentIsHandled) {
  const std::string doc = "{\"a\":[1,-2.5e3,true,null,\"\\u00e9\"],\"b\":{\"c\":{}}}";
  for (size_t i = 0; i < doc.size(); ++i) EXPECT_FALSE(valid(doc.substr(0, i))) << i;
  EXPECT_TRUE(valid(doc));
}

}  // namespace
}  // namespace mlobs::json
