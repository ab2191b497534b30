#include "rfc3339_memo.h"

#include <gtest/gtest.h>

namespace mlobs::serving_health {
namespace {

TEST(Rfc3339Test, MemoAnswersLikeTheParser) {
  Rfc3339Memo memo;
  for (const char* text : {"", "2026-04-07T10:00:00Z", "2026-04-07T10:00:00Z", "nope", "nope",
                           "2026-04-07T10:01:00Z", "2026-04-07T10:00:00Z", ""}) {
    EXPECT_EQ(memo.parse(text), rfc3339::parse_unix_nanos(text)) << text;
  }
}

}  // namespace
}  // namespace mlobs::serving_health
