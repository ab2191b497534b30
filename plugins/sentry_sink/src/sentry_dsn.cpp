#include "sentry_dsn.h"

#include <algorithm>

namespace mlobs::sentry_sink {
namespace {

bool all_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::optional<SentryDsn> refuse(std::string* error, std::string why) {
  if (error) *error = "the DSN " + why;
  return std::nullopt;
}

}  // namespace

std::string SentryDsn::envelope_url() const {
  return scheme + "://" + host + path + "/api/" + project_id + "/envelope/";
}

std::string SentryDsn::auth_header(std::string_view client) const {
  std::string header = "Sentry sentry_version=7, sentry_client=";
  header.append(client);
  header += ", sentry_key=" + public_key;
  if (!secret_key.empty()) header += ", sentry_secret=" + secret_key;
  return header;
}

std::optional<SentryDsn> parse_dsn(std::string_view dsn, std::string* error) {
  SentryDsn out;
  const size_t scheme_end = dsn.find("://");
  if (scheme_end == std::string_view::npos) {
    return refuse(error, "is not a URL (expected https://<key>@<host>/<project>)");
  }
  out.scheme = std::string(dsn.substr(0, scheme_end));
  if (out.scheme != "http" && out.scheme != "https") {
    return refuse(error, "has scheme \"" + out.scheme + "\"; only http and https are supported");
  }
  std::string_view rest = dsn.substr(scheme_end + 3);
  const size_t at = rest.rfind('@', rest.find('/'));
  if (at == std::string_view::npos || rest.find('/') < at) {
    return refuse(error, "has no public key (expected <key>@ before the host)");
  }
  const std::string_view userinfo = rest.substr(0, at);
  const size_t colon = userinfo.find(':');
  out.public_key = std::string(userinfo.substr(0, colon));
  if (colon != std::string_view::npos) out.secret_key = std::string(userinfo.substr(colon + 1));
  if (out.public_key.empty()) return refuse(error, "has an empty public key");
  rest.remove_prefix(at + 1);

  const size_t slash = rest.find('/');
  if (slash == std::string_view::npos) return refuse(error, "has no project id after the host");
  out.host = std::string(rest.substr(0, slash));
  if (out.host.empty() || out.host.front() == ':') return refuse(error, "has no host");
  std::string_view path = rest.substr(slash);  // "/[prefix/]<project_id>"
  while (path.size() > 1 && path.back() == '/') path.remove_suffix(1);
  const size_t last = path.rfind('/');
  out.project_id = std::string(path.substr(last + 1));
  out.path = std::string(path.substr(0, last));
  if (!all_digits(out.project_id)) {
    return refuse(error, "ends in \"" + out.project_id + "\", not a numeric project id");
  }
  return out;
}

}  // namespace mlobs::sentry_sink
