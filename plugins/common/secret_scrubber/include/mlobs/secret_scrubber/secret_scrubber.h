// Removes secrets from what leaves the host for an error tracker: values under sensitive keys,
// and credential-shaped text anywhere (bearer tokens, user:password@ and DSN URLs, cloud and
// API keys, JWTs, private key blocks, "password=..." pairs). It cannot be turned off; the only
// setting is more sensitive key names. It fails closed: a document it cannot read, or one in
// which a credential shape survives scrubbing, gives nothing to send.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mlobs::secret_scrubber {

// What stands in for a removed value or a masked credential.
inline constexpr std::string_view kFiltered = "[Filtered]";

struct ScrubCounts {
  size_t values_removed = 0;  // values under sensitive keys
  size_t secrets_masked = 0;  // credential-shaped text masked inside strings
};

class SecretScrubber {
 public:
  // `extra_sensitive_keys`: more key names to treat like "password" (matched the same way).
  explicit SecretScrubber(std::vector<std::string> extra_sensitive_keys = {});

  // A key is sensitive when, lower-cased with '-' and ' ' read as '_', it contains one of the
  // sensitive names ("X-Auth-Token", "db_password", "Set-Cookie").
  bool is_sensitive_key(std::string_view key) const;

  // `text` with every credential-shaped part replaced by kFiltered (the scheme of a URL and the
  // word "Bearer" are kept, so the text still reads).
  std::string mask(std::string_view text, size_t* masked = nullptr) const;

  // A JSON document with every value under a sensitive key (at any depth, objects and arrays
  // included) replaced by kFiltered and every string (keys included) masked. nullopt when the
  // text is not JSON, or when a credential shape is still found in the result.
  std::optional<std::string> scrub_json(std::string_view json, ScrubCounts* counts = nullptr) const;

  // True when `text` still holds something credential-shaped (the fail-closed check).
  bool holds_secret(std::string_view text) const;

 private:
  struct Patterns;  // compiled once per scrubber; <regex> stays out of this header

  std::vector<std::string> sensitive_;
  std::shared_ptr<const Patterns> patterns_;
};

}  // namespace mlobs::secret_scrubber
