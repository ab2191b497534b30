#include "sentry_envelope.h"

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <cstdint>
#include <cstdio>
#include <random>

namespace mlobs::sentry_sink {
namespace {

using Writer = rapidjson::Writer<rapidjson::StringBuffer>;

void text(Writer& w, std::string_view key, std::string_view value) {
  if (value.empty()) return;
  w.Key(key.data(), static_cast<rapidjson::SizeType>(key.size()));
  w.String(value.data(), static_cast<rapidjson::SizeType>(value.size()));
}

}  // namespace

std::string SentryEvent::to_json() const {
  rapidjson::StringBuffer buffer;
  Writer w(buffer);
  w.StartObject();
  text(w, "event_id", event_id);
  text(w, "timestamp", timestamp);
  text(w, "platform", "native");
  text(w, "level", level);
  text(w, "logger", logger);
  if (!message.empty()) {
    w.Key("message");
    w.StartObject();
    text(w, "formatted", message);
    w.EndObject();
  }
  if (!tags.empty()) {
    w.Key("tags");
    w.StartObject();
    for (const auto& [k, v] : tags) {
      w.Key(k.data(), static_cast<rapidjson::SizeType>(k.size()));
      w.String(v.data(), static_cast<rapidjson::SizeType>(v.size()));
    }
    w.EndObject();
  }
  if (!fingerprint.empty()) {
    w.Key("fingerprint");
    w.StartArray();
    for (const std::string& part : fingerprint) {
      w.String(part.data(), static_cast<rapidjson::SizeType>(part.size()));
    }
    w.EndArray();
  }
  if (!contexts_json.empty()) {
    rapidjson::Document contexts;
    contexts.Parse(contexts_json.data(), contexts_json.size());
    if (contexts.IsObject()) {
      w.Key("contexts");
      contexts.Accept(w);
    }
  }
  text(w, "release", release);
  text(w, "environment", environment);
  text(w, "server_name", server_name);
  w.EndObject();
  return std::string(buffer.GetString(), buffer.GetSize());
}

std::string new_event_id() {
  thread_local std::mt19937_64 random{std::random_device{}()};
  char id[33];
  std::snprintf(id, sizeof id, "%016llx%016llx", static_cast<unsigned long long>(random()),
                static_cast<unsigned long long>(random()));
  return id;
}

std::string stable_event_id(std::string_view key) {
  // Two offset bases give two independent-enough halves; no secrecy is needed, only stability.
  auto fnv1a = [key](uint64_t hash) {
    for (const char c : key) {
      hash ^= static_cast<unsigned char>(c);
      hash *= 0x100000001b3ULL;
    }
    return hash;
  };
  char id[33];
  std::snprintf(id, sizeof id, "%016llx%016llx",
                static_cast<unsigned long long>(fnv1a(0xcbf29ce484222325ULL)),
                static_cast<unsigned long long>(fnv1a(0x84222325cbf29ce4ULL)));
  return id;
}

std::string event_envelope(std::string_view event_id, std::string_view sent_at,
                           std::string_view payload) {
  std::string out = R"({"event_id":")";
  out.append(event_id);
  out += R"(","sent_at":")";
  out.append(sent_at);
  out += "\"}\n";
  out += R"({"type":"event","content_type":"application/json","length":)" +
         std::to_string(payload.size()) + "}\n";
  out.append(payload);
  out += '\n';
  return out;
}

}  // namespace mlobs::sentry_sink
