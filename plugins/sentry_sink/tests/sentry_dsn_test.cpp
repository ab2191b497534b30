#include "sentry_dsn.h"

#include <gtest/gtest.h>

namespace mlobs::sentry_sink {
namespace {

TEST(SentryDsnTest, ReadsTheHostedAndTheSelfHostedForms) {
  std::string error;
  const auto hosted = parse_dsn("https://0123abcd@o4505.ingest.sentry.io/4506", &error);
  ASSERT_TRUE(hosted) << error;
  EXPECT_EQ(hosted->public_key, "0123abcd");
  EXPECT_EQ(hosted->project_id, "4506");
  EXPECT_EQ(hosted->envelope_url(), "https://o4505.ingest.sentry.io/api/4506/envelope/");
  EXPECT_EQ(hosted->auth_header("mlobs-agent/0.1.0"),
            "Sentry sentry_version=7, sentry_client=mlobs-agent/0.1.0, sentry_key=0123abcd");

  const auto local = parse_dsn("http://pub:sec@127.0.0.1:8969/sentry/7/", &error);
  ASSERT_TRUE(local) << error;
  EXPECT_EQ(local->host, "127.0.0.1:8969");
  EXPECT_EQ(local->path, "/sentry");
  EXPECT_EQ(local->envelope_url(), "http://127.0.0.1:8969/sentry/api/7/envelope/");
  EXPECT_NE(local->auth_header("c").find("sentry_secret=sec"), std::string::npos);
}

TEST(SentryDsnTest, EachMistakeIsNamedWithoutEchoingTheKey) {
  const std::pair<const char*, const char*> cases[] = {
      {"o4505.ingest.sentry.io/4506", "not a URL"},
      {"ftp://k@host/1", "scheme"},
      {"https://host/1", "no public key"},
      {"https://:secretonly@host/1", "empty public key"},
      {"https://k@host", "no project id"},
      {"https://k@/1", "no host"},
      {"https://k@host/project", "numeric project id"},
  };
  for (const auto& [dsn, words] : cases) {
    std::string error;
    EXPECT_FALSE(parse_dsn(dsn, &error)) << dsn;
    EXPECT_NE(error.find(words), std::string::npos) << dsn << " -> " << error;
    EXPECT_EQ(error.find("secretonly"), std::string::npos) << error;
  }
}

}  // namespace
}  // namespace mlobs::sentry_sink
