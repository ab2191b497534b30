#include "mlobs/secret_scrubber/secret_scrubber.h"

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>
#include <regex>

namespace mlobs::secret_scrubber {
namespace {

// Key names whose values are never sent (DESIGN: the scrubber's fixed list).
const char* const kSensitiveNames[] = {
    "password", "passwd", "secret", "token", "api_key", "apikey", "authorization", "cookie",
    "session", "dsn", "private_key", "credential", "access_key", "accountkey"};

std::string normalized_key(std::string_view key) {
  std::string out(key);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c == '-' || c == ' ' || c == '.') c = '_';
  }
  return out;
}

std::string regex_escaped(std::string_view text) {
  std::string out;
  for (const char c : text) {
    if (std::string_view("\\^$.|?*+()[]{}-").find(c) != std::string_view::npos) out += '\\';
    out += c;
  }
  return out;
}

// A masked value is not a secret: no pattern may match it again (or scrubbed output would never
// pass the fail-closed check).
const std::string kNotFiltered = "(?!\\[Filtered\\])";

}  // namespace

struct SecretScrubber::Patterns {
  struct Rule {
    std::regex pattern;
    std::string replacement;  // std::regex_replace format ($1 ...)
  };
  std::vector<Rule> rules;
};

SecretScrubber::SecretScrubber(std::vector<std::string> extra_sensitive_keys) {
  for (const char* name : kSensitiveNames) sensitive_.emplace_back(name);
  for (const std::string& extra : extra_sensitive_keys) {
    if (!extra.empty()) sensitive_.push_back(normalized_key(extra));
  }
  std::string names;
  for (const std::string& name : sensitive_) {
    // "api_key" also as "api-key", "apiKey" and "api key" in free text.
    std::string flexible;
    for (const char c : regex_escaped(name)) flexible += c == '_' ? std::string("[_\\- ]?") : std::string(1, c);
    names += (names.empty() ? "" : "|") + flexible;
  }
  const auto icase = std::regex::ECMAScript | std::regex::icase;
  auto patterns = std::make_shared<Patterns>();
  auto add = [&](const std::string& pattern, const char* replacement,
                 std::regex::flag_type flags = std::regex::ECMAScript) {
    patterns->rules.push_back({std::regex(pattern, flags), replacement});
  };
  // Whole blocks first, so their insides are not matched piecemeal.
  add("-----BEGIN [A-Z ]*PRIVATE KEY-----[\\s\\S]*?-----END [A-Z ]*PRIVATE KEY-----", "[Filtered]");
  // user:password@ and Sentry DSN public keys: a URL's userinfo, whatever the scheme.
  add("([A-Za-z][A-Za-z0-9+.\\-]*://)" + kNotFiltered + "[^/\\s:@\"']+(:[^/\\s@\"']*)?@", "$1[Filtered]@");
  add("\\b(Bearer|Basic|Token|Digest)\\s+" + kNotFiltered + "[A-Za-z0-9._~+/=\\-]{8,}", "$1 [Filtered]", icase);
  add("\\beyJ[A-Za-z0-9_\\-]{5,}\\.[A-Za-z0-9_\\-]{5,}\\.[A-Za-z0-9_\\-]{5,}", "[Filtered]");
  add("\\b(AKIA|ASIA|AGPA|AIDA|AROA|AIPA|ANPA|ANVA)[A-Z0-9]{16}\\b", "[Filtered]");
  add("\\bgh[pousr]_[A-Za-z0-9]{30,}", "[Filtered]");
  add("\\bgithub_pat_[A-Za-z0-9_]{20,}", "[Filtered]");
  add("\\bglpat-[A-Za-z0-9_\\-]{20,}", "[Filtered]");
  add("\\bxox[abposr]-[A-Za-z0-9\\-]{10,}", "[Filtered]");
  add("\\bAIza[0-9A-Za-z_\\-]{35}", "[Filtered]");
  add("\\b[sr]k_(live|test)_[0-9A-Za-z]{16,}", "[Filtered]");
  add("\\bsk-(proj-)?[A-Za-z0-9_\\-]{20,}", "[Filtered]");
  add("\\bnpm_[A-Za-z0-9]{36}", "[Filtered]");
  add("\\bSG\\.[A-Za-z0-9_\\-]{16,}\\.[A-Za-z0-9_\\-]{16,}", "[Filtered]");
  // name=value and name: value in free text, for every sensitive name.
  add("(" + names + ")([\"']?\\s*[:=]\\s*[\"']?)" + kNotFiltered + "[^\\s\"'&,;]+", "$1$2[Filtered]",
      icase);
  patterns_ = std::move(patterns);
}

bool SecretScrubber::is_sensitive_key(std::string_view key) const {
  const std::string k = normalized_key(key);
  std::string compact;  // "apiKey" -> "apikey" matches "api_key" too
  std::remove_copy(k.begin(), k.end(), std::back_inserter(compact), '_');
  return std::any_of(sensitive_.begin(), sensitive_.end(), [&](const std::string& name) {
    std::string compact_name;
    std::remove_copy(name.begin(), name.end(), std::back_inserter(compact_name), '_');
    return k.find(name) != std::string::npos || compact.find(compact_name) != std::string::npos;
  });
}

std::string SecretScrubber::mask(std::string_view text, size_t* masked) const {
  std::string out(text);
  for (const Patterns::Rule& rule : patterns_->rules) {
    const auto begin = std::sregex_iterator(out.begin(), out.end(), rule.pattern);
    const size_t found = static_cast<size_t>(std::distance(begin, std::sregex_iterator()));
    if (found == 0) continue;
    if (masked) *masked += found;
    out = std::regex_replace(out, rule.pattern, rule.replacement);
  }
  return out;
}

bool SecretScrubber::holds_secret(std::string_view text) const {
  const std::string s(text);
  return std::any_of(patterns_->rules.begin(), patterns_->rules.end(),
                     [&](const Patterns::Rule& rule) { return std::regex_search(s, rule.pattern); });
}

namespace {

using Allocator = rapidjson::Document::AllocatorType;

void set_text(rapidjson::Value& v, const std::string& text, Allocator& a) {
  v.SetString(text.data(), static_cast<rapidjson::SizeType>(text.size()), a);
}

}  // namespace

std::optional<std::string> SecretScrubber::scrub_json(std::string_view json,
                                                      ScrubCounts* counts) const {
  rapidjson::Document doc;
  doc.Parse<rapidjson::kParseValidateEncodingFlag>(json.data(), json.size());
  if (doc.HasParseError()) return std::nullopt;
  ScrubCounts local;
  ScrubCounts& c = counts ? *counts : local;
  Allocator& a = doc.GetAllocator();
  // Depth-first over the document; values under sensitive keys are replaced whole.
  std::vector<rapidjson::Value*> stack{&doc};
  while (!stack.empty()) {
    rapidjson::Value* v = stack.back();
    stack.pop_back();
    if (v->IsString()) {
      size_t masked = 0;
      std::string text = mask(std::string_view(v->GetString(), v->GetStringLength()), &masked);
      if (masked > 0) set_text(*v, text, a);
      c.secrets_masked += masked;
    } else if (v->IsArray()) {
      for (auto& item : v->GetArray()) stack.push_back(&item);
    } else if (v->IsObject()) {
      for (auto& member : v->GetObject()) {
        const std::string_view name(member.name.GetString(), member.name.GetStringLength());
        const bool sensitive = is_sensitive_key(name);
        size_t masked = 0;
        std::string key = mask(name, &masked);
        if (masked > 0) set_text(member.name, key, a);
        c.secrets_masked += masked;
        if (sensitive) {
          set_text(member.value, std::string(kFiltered), a);
          ++c.values_removed;
          continue;
        }
        stack.push_back(&member.value);
      }
    }
  }
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  doc.Accept(writer);
  std::string out(buffer.GetString(), buffer.GetSize());
  if (holds_secret(out)) return std::nullopt;  // fail closed: never send what still looks secret
  return out;
}

}  // namespace mlobs::secret_scrubber
