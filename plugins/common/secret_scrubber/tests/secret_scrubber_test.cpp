#include "mlobs/secret_scrubber/secret_scrubber.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace mlobs::secret_scrubber {
namespace {

// A secret, and the text it travels in (the secret itself must not survive).
struct Secret {
  const char* kind;
  std::string text;
  std::string secret;
};

const std::vector<Secret>& secrets() {
  static const std::vector<Secret> kSecrets = {
      {"bearer header", "Authorization: Bearer abcDEF123456789xyz", "abcDEF123456789xyz"},
      {"basic header", "Basic dXNlcjpodW50ZXIyMDI2", "dXNlcjpodW50ZXIyMDI2"},
      {"user:password URL", "https://alice:hunter2pw@db.internal/x", "hunter2pw"},
      {"postgres URL", "postgres://svc:S3cr3tPg@10.0.0.5:5432/features", "S3cr3tPg"},
      {"Sentry DSN", "https://0123456789abcdef0123456789abcdef@o1.ingest.sentry.io/42",
       "0123456789abcdef0123456789abcdef"},
      {"AWS access key id", "key AKIAIOSFODNN7EXAMPLE used", "AKIAIOSFODNN7EXAMPLE"},
      {"AWS secret in text", "aws_secret_access_key=wJalrXUtnFEMIK7MDENGbPxRfiCYEXAMPLEKEY",
       "wJalrXUtnFEMIK7MDENGbPxRfiCYEXAMPLEKEY"},
      {"JWT", "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U",
       "dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U"},
      {"GitHub token", "ghp_16C7e42F292c6912E7710c838347Ae178B4a", "ghp_16C7e42F292c6912E7710c838347Ae178B4a"},
      {"GitHub fine-grained token", "github_pat_11ABCDEFG0123456789_abcdefghijklmnop",
       "github_pat_11ABCDEFG0123456789_abcdefghijklmnop"},
      {"GitLab token", "glpat-xxxxxxxxxxxxxxxxxxxx1234", "glpat-xxxxxxxxxxxxxxxxxxxx1234"},
      {"Slack token", "xoxb-123456789012-abcdefghijkl", "xoxb-123456789012-abcdefghijkl"},
      {"Google API key", "AIzaSyA-1234567890abcdefghijklmnopqrstu", "AIzaSyA-1234567890abcdefghijklmnopqrstu"},
      {"Stripe key", "sk_live_4eC39HqLyjWDarjtT1zdp7dc", "sk_live_4eC39HqLyjWDarjtT1zdp7dc"},
      {"OpenAI key", "sk-proj-abcdefghijklmnopqrstuvwxyz012345", "abcdefghijklmnopqrstuvwxyz012345"},
      {"npm token", "npm_abcdefghijklmnopqrstuvwxyz0123456789", "npm_abcdefghijklmnopqrstuvwxyz0123456789"},
      {"SendGrid key", "SG.abcdefghijklmnopqrstuv.abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG",
       "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG"},
      {"private key block",
       "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEAw5Zq\n-----END RSA PRIVATE KEY-----",
       "MIIEowIBAAKCAQEAw5Zq"},
      {"password pair", "login failed password=hunter2!", "hunter2!"},
      {"token pair", "token: tok_live_998877", "tok_live_998877"},
      {"api key pair", "api-key=ak_4455667788", "ak_4455667788"},
      {"client secret pair", "client_secret='cs_0099887766'", "cs_0099887766"},
      {"cookie pair", "cookie=sessid_abcdef123", "sessid_abcdef123"},
      {"session pair", "session: s_7f8e9d0c", "s_7f8e9d0c"},
      {"Azure account key", "DefaultEndpointsProtocol=https;AccountKey=Zm9vYmFyYmF6cXV4==;",
       "Zm9vYmFyYmF6cXV4=="},
  };
  return kSecrets;
}

// A Sentry-like event carrying `text` in every kind of field.
std::string event_with(const std::string& text) {
  std::string json_text;
  for (const char c : text) {
    if (c == '"' || c == '\\') json_text += '\\';
    if (c == '\n') {
      json_text += "\\n";
      continue;
    }
    json_text += c;
  }
  const std::string q = "\"" + json_text + "\"";
  return R"({"message":)" + q + R"(,"logger":"mlobs","tags":{"deployment_id":)" + q +
         R"(},"extra":{"nested":{"deep":[)" + q + R"(,{"x":)" + q + R"(}]}},)" +
         R"("exception":{"values":[{"type":"Error","value":)" + q + R"(}]},)" +
         R"("contexts":{"app":{)" + q + R"(:"as a key"}}})";
}

TEST(SecretScrubberTest, NoSecretKindReachesTheOutputThroughAnyField) {
  const SecretScrubber scrubber;
  ASSERT_GE(secrets().size(), 20u);
  for (const Secret& s : secrets()) {
    ScrubCounts counts;
    const std::optional<std::string> out = scrubber.scrub_json(event_with(s.text), &counts);
    ASSERT_TRUE(out) << s.kind;
    EXPECT_EQ(out->find(s.secret), std::string::npos) << s.kind << ": " << *out;
    EXPECT_GE(counts.secrets_masked, 6u) << s.kind;  // message, tag, two nested, exception, key
    EXPECT_FALSE(scrubber.holds_secret(*out)) << s.kind;
  }
}

TEST(SecretScrubberTest, ValuesUnderSensitiveKeysAreRemovedWhole) {
  const SecretScrubber scrubber;
  ScrubCounts counts;
  const auto out = scrubber.scrub_json(
      R"({"password":"plain","X-Auth-Token":"t1","db_password":{"a":"b"},"apiKey":[1,2],)"
      R"("Set-Cookie":"c=1","session_id":"s","private_key":"k","dsn":"d","kept":"visible text"})",
      &counts);
  ASSERT_TRUE(out);
  EXPECT_EQ(*out,
            R"({"password":"[Filtered]","X-Auth-Token":"[Filtered]","db_password":"[Filtered]",)"
            R"("apiKey":"[Filtered]","Set-Cookie":"[Filtered]","session_id":"[Filtered]",)"
            R"("private_key":"[Filtered]","dsn":"[Filtered]","kept":"visible text"})");
  EXPECT_EQ(counts.values_removed, 8u);
}

TEST(SecretScrubberTest, ConfiguredExtraKeysAreSensitiveToo) {
  const SecretScrubber scrubber({"customer-email"});
  EXPECT_TRUE(scrubber.is_sensitive_key("Customer_Email"));
  EXPECT_FALSE(SecretScrubber().is_sensitive_key("customer_email"));
  EXPECT_EQ(scrubber.scrub_json(R"({"customer_email":"a@b.c"})"), R"({"customer_email":"[Filtered]"})");
  EXPECT_EQ(scrubber.mask("customer-email: a@b.c"), "customer-email: [Filtered]");
}

TEST(SecretScrubberTest, OrdinaryTextIsLeftReadable) {
  const SecretScrubber scrubber;
  for (const char* text :
       {"deployment dep-001 is unhealthy: p99 latency 812 ms above 500 ms",
        "https://ingest.example.com/api/1/envelope/", "max_tokens: 512 with tokenizer bert",
        "author: ml-platform", "2026-04-07T10:00:00Z", "dataset churn_features@20260403_230612"}) {
    size_t masked = 0;
    EXPECT_EQ(scrubber.mask(text, &masked), text);
    EXPECT_EQ(masked, 0u) << text;
  }
  EXPECT_EQ(scrubber.mask("Bearer abcDEF123456789xyz"), "Bearer [Filtered]");
  EXPECT_EQ(scrubber.mask("https://alice:pw123456@host/x"), "https://[Filtered]@host/x");
}

TEST(SecretScrubberTest, FailsClosedOnTextItCannotRead) {
  const SecretScrubber scrubber;
  // The last check before anything leaves: a credential shape anywhere in the output.
  EXPECT_TRUE(scrubber.holds_secret(R"({"m":"Bearer abcDEF123456789xyz"})"));
  EXPECT_FALSE(scrubber.holds_secret(R"({"m":"Bearer [Filtered]","password":"[Filtered]"})"));
  EXPECT_FALSE(scrubber.scrub_json("{\"message\":"));
  EXPECT_FALSE(scrubber.scrub_json("{\"message\":\"\xff\xfe\"}"));  // not UTF-8
}

}  // namespace
}  // namespace mlobs::secret_scrubber
