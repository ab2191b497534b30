#include "event_selection.h"

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>
#include <cctype>
#include <initializer_list>
#include <utility>

namespace mlobs::sentry_sink {
namespace {

using rapidjson::Value;
using Writer = rapidjson::Writer<rapidjson::StringBuffer>;

struct SourceName {
  EventSource source;
  std::string_view name;
};

constexpr SourceName kSourceNames[] = {
    {EventSource::kDeploymentHealth, "deployment_health"},
    {EventSource::kCheckReport, "check_report"},
    {EventSource::kError, "error"},
    {EventSource::kDeadLetter, "dead_letter"},
    {EventSource::kPluginFailure, "plugin_failure"},
};

std::string_view text(const Value& object, const char* key) {
  if (!object.IsObject()) return {};
  const auto it = object.FindMember(key);
  if (it == object.MemberEnd() || !it->value.IsString()) return {};
  return {it->value.GetString(), it->value.GetStringLength()};
}

std::string json_of(const Value& v) {
  rapidjson::StringBuffer buffer;
  Writer w(buffer);
  v.Accept(w);
  return std::string(buffer.GetString(), buffer.GetSize());
}

// A tag value from any JSON value: strings as they are, anything else as its JSON text.
std::string tag_text(const Value& v) {
  return v.IsString() ? std::string(v.GetString(), v.GetStringLength()) : json_of(v);
}

// At most `max` bytes, never ending inside a UTF-8 sequence.
std::string cut_utf8(std::string_view s, size_t max) {
  if (s.size() <= max) return std::string(s);
  size_t end = max;
  while (end > 0 && (static_cast<unsigned char>(s[end]) & 0xC0) == 0x80) --end;
  return std::string(s.substr(0, end));
}

void put_tag(SentryEvent& e, std::string_view key, std::string_view value) {
  if (key.empty() || value.empty()) return;
  e.tags[std::string(key)] = std::string(value);
}

void key(Writer& w, std::string_view k) {
  w.Key(k.data(), static_cast<rapidjson::SizeType>(k.size()));
}

// The members of `object` except `left_out`, as one more member of the open object of `w`;
// nothing when none is left.
void write_members_except(Writer& w, std::string_view name, const Value& object,
                          std::initializer_list<std::string_view> left_out) {
  if (!object.IsObject()) return;
  bool opened = false;
  for (const auto& m : object.GetObject()) {
    const std::string_view k(m.name.GetString(), m.name.GetStringLength());
    if (std::find(left_out.begin(), left_out.end(), k) != left_out.end()) continue;
    if (!opened) {
      key(w, name);
      w.StartObject();
      opened = true;
    }
    key(w, k);
    m.value.Accept(w);
  }
  if (opened) w.EndObject();
}

// The envelope fields of the record, so an event leads back to what caused it.
void write_record_context(Writer& w, const Value& record) {
  write_members_except(w, "record", record, {"body"});
}

std::string join(const std::vector<std::string>& parts, std::string_view sep) {
  std::string out;
  for (const std::string& p : parts) {
    if (!out.empty()) out.append(sep);
    out += p;
  }
  return out;
}

// Sentry's levels; the usual other spellings map onto them, anything unknown is an error.
std::string sentry_level(std::string_view level) {
  std::string lower(level);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (lower == "fatal" || lower == "critical") return "fatal";
  if (lower == "warning" || lower == "warn") return "warning";
  if (lower == "info" || lower == "debug") return lower;
  return "error";
}

std::optional<SelectedEvent> from_deployment_health(const Value& record, const Value& body) {
  const std::string_view status = text(body, "status");
  SelectedEvent out;
  out.source = EventSource::kDeploymentHealth;
  SentryEvent& e = out.event;
  if (status == "degraded") {
    e.level = "warning";
  } else if (status == "unhealthy") {
    e.level = "error";
  } else {
    return std::nullopt;  // healthy, or a status this sink does not alert on
  }
  const std::string deployment(text(body, "deployment_id"));
  const std::string_view detail = text(body, "detail");
  e.message = "deployment " + deployment + " is " + std::string(status);
  if (!detail.empty()) e.message += ": " + std::string(detail);
  for (const char* tag : {"deployment_id", "model_name", "model_version", "status"}) {
    put_tag(e, tag, text(body, tag));
  }
  rapidjson::StringBuffer buffer;
  Writer w(buffer);
  w.StartObject();
  write_members_except(w, "deployment", body,
                       {"deployment_id", "model_name", "model_version", "status"});
  write_record_context(w, record);
  w.EndObject();
  e.contexts_json.assign(buffer.GetString(), buffer.GetSize());
  e.fingerprint = {"deployment_health", deployment, std::string(status)};
  return out;
}

std::optional<SelectedEvent> from_check_report(const Value& record, const Value& body) {
  std::vector<std::string> failed;
  const auto results = body.FindMember("results");
  if (results != body.MemberEnd() && results->value.IsArray()) {
    for (const Value& r : results->value.GetArray()) {
      const auto passed = r.IsObject() ? r.FindMember("passed") : r.MemberEnd();
      if (r.IsObject() && passed != r.MemberEnd() && passed->value.IsFalse()) {
        failed.emplace_back(text(r, "check"));
      }
    }
  }
  const auto all_passed = body.FindMember("all_passed");
  const bool passed = all_passed != body.MemberEnd() && all_passed->value.IsBool()
                          ? all_passed->value.GetBool()
                          : failed.empty();
  if (passed) return std::nullopt;

  SelectedEvent out;
  out.source = EventSource::kCheckReport;
  SentryEvent& e = out.event;
  const std::string path(text(body, "metadata_path"));
  e.level = "error";
  e.message = "checks failed for " + (path.empty() ? std::string("(no metadata_path)") : path) +
              ": " + (failed.empty() ? std::string("(none named)") : join(failed, ", "));
  put_tag(e, "failed_checks", join(failed, ","));
  for (const std::string& check : failed) put_tag(e, "check." + check, "failed");
  rapidjson::StringBuffer buffer;
  Writer w(buffer);
  w.StartObject();
  write_members_except(w, "check_report", body, {"all_passed"});
  write_record_context(w, record);
  w.EndObject();
  e.contexts_json.assign(buffer.GetString(), buffer.GetSize());
  e.fingerprint = {"check_report", path};
  e.fingerprint.insert(e.fingerprint.end(), failed.begin(), failed.end());
  return out;
}

std::optional<SelectedEvent> from_error(const Value& record, const Value& body) {
  SelectedEvent out;
  SentryEvent& e = out.event;
  const std::string category(text(body, "category"));
  out.source = category == "dead_letter"      ? EventSource::kDeadLetter
               : category == "plugin_failure" ? EventSource::kPluginFailure
                                              : EventSource::kError;
  e.level = sentry_level(text(body, "level"));
  e.message = std::string(text(body, "message"));
  const std::string component(text(body, "component"));
  if (e.message.empty()) {
    if (out.source == EventSource::kDeadLetter) {
      e.message = "a record went to the dead-letter output from " + component + ": " +
                  std::string(text(body, "reason"));
    } else if (out.source == EventSource::kPluginFailure) {
      e.message = "component " + component + " failed and is restarted";
    } else {
      e.message = "error record without a message";
    }
  }
  const auto tags = body.FindMember("tags");
  if (tags != body.MemberEnd() && tags->value.IsObject()) {
    for (const auto& t : tags->value.GetObject()) {
      if (t.value.IsNull()) continue;
      put_tag(e, std::string_view(t.name.GetString(), t.name.GetStringLength()),
              tag_text(t.value));
    }
  }
  put_tag(e, "category", category);
  if (out.source != EventSource::kError) {
    put_tag(e, "component", component);
    put_tag(e, "reason", text(body, "reason"));
  }

  rapidjson::StringBuffer buffer;
  Writer w(buffer);
  w.StartObject();
  const auto context = body.FindMember("context");
  if (context != body.MemberEnd() && context->value.IsObject()) {
    key(w, "context");
    context->value.Accept(w);
  } else if (context != body.MemberEnd() && !context->value.IsNull()) {
    key(w, "context");
    w.StartObject();
    key(w, "value");
    context->value.Accept(w);
    w.EndObject();
  }
  // What else the body says (component, reason, detail, ...), under the category's name.
  write_members_except(w, category.empty() ? "error" : category, body,
                       {"level", "message", "tags", "context", "category"});
  write_record_context(w, record);
  w.EndObject();
  e.contexts_json.assign(buffer.GetString(), buffer.GetSize());
  e.fingerprint = {category.empty() ? std::string("error") : category, e.message};
  return out;
}

}  // namespace

void fit_tags(SentryEvent& event) {
  std::map<std::string, std::string> fitted;
  for (const auto& [k, v] : event.tags) {
    fitted.emplace(cut_utf8(k, kMaxTagKeyBytes), cut_utf8(v, kMaxTagValueBytes));
  }
  event.tags = std::move(fitted);
}

EventSources EventSources::all() {
  EventSources s;
  for (const SourceName& n : kSourceNames) s.bits_ |= bit(n.source);
  return s;
}

std::optional<EventSources> EventSources::parse(const std::vector<std::string>& names,
                                                std::string* error) {
  EventSources s;
  for (const std::string& name : names) {
    const auto it = std::find_if(std::begin(kSourceNames), std::end(kSourceNames),
                                 [&](const SourceName& n) { return n.name == name; });
    if (it == std::end(kSourceNames)) {
      if (error) {
        std::string allowed;
        for (const SourceName& n : kSourceNames) {
          allowed += (allowed.empty() ? "" : ", ") + std::string(n.name);
        }
        *error = "on: unknown value \"" + name + "\" (allowed: " + allowed + ")";
      }
      return std::nullopt;
    }
    s.bits_ |= bit(it->source);
  }
  return s;
}

bool may_become_event(std::string_view kind) {
  return kind == "deployment_health" || kind == "check_report" || kind == "error";
}

std::optional<SelectedEvent> select_event(std::string_view record_json, const EventSources& on) {
  rapidjson::Document record;
  record.Parse(record_json.data(), record_json.size());
  if (record.HasParseError() || !record.IsObject()) return std::nullopt;
  const auto body = record.FindMember("body");
  if (body == record.MemberEnd() || !body->value.IsObject()) return std::nullopt;

  const std::string_view kind = text(record, "kind");
  std::optional<SelectedEvent> out;
  if (kind == "deployment_health") {
    out = from_deployment_health(record, body->value);
  } else if (kind == "check_report") {
    out = from_check_report(record, body->value);
  } else if (kind == "error") {
    out = from_error(record, body->value);
  }
  if (!out || !on.contains(out->source)) return std::nullopt;

  SentryEvent& e = out->event;
  const std::string_view id = text(record, "id");
  // Without an id, the record's own text is what makes it this record.
  e.event_id = stable_event_id(id.empty() ? record_json : id);
  e.timestamp = std::string(text(record, "observed_at"));
  e.logger = std::string(text(record, "source"));
  out->throttle_key = join(e.fingerprint, "\n");
  return out;
}

}  // namespace mlobs::sentry_sink
