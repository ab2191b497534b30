// Every function here is a noexcept C entry point: it catches everything, because an exception
// must never unwind into plugin code.
#include "host/host_api.h"

#include "config/units.h"
#include "host/component_context.h"
#include "host/name_set.h"
#include "pipeline/batch.h"
#include "pipeline/dead_letter.h"
#include "record/raw_body.h"
#include "record/record_path.h"
#include "storage/state_store.h"
#include "telemetry/logger.h"
#include "telemetry/metrics_registry.h"

#include <chrono>
#include <cmath>
#include <cstddef>
#include <cstring>
#include <vector>

namespace mlobs::agent {
namespace {

std::string_view sv(mlobs_str s) { return s.data ? std::string_view(s.data, s.size) : ""; }
mlobs_str str(const std::string& s) { return mlobs_str{s.data(), s.size()}; }

Record* rec_of(mlobs_record* r) { return reinterpret_cast<Record*>(r); }
const Record* rec_of(const mlobs_record* r) { return reinterpret_cast<const Record*>(r); }
mlobs_record* handle_of(Record* r) { return reinterpret_cast<mlobs_record*>(r); }
MetricsRegistry::Family* family_of(mlobs_metric* m) {
  return reinterpret_cast<MetricsRegistry::Family*>(m);
}
MetricsRegistry::Series* series_of(mlobs_series* s) {
  return reinterpret_cast<MetricsRegistry::Series*>(s);
}

template <class F>
auto guard(F&& f, decltype(f()) on_error) noexcept -> decltype(f()) {
  try {
    return f();
  } catch (...) {
    return on_error;
  }
}

void set_error(mlobs_host_ctx* ctx, mlobs_str msg) noexcept {
  if (!ctx) return;
  try {
    ctx->set_error(std::string(sv(msg)));
  } catch (...) {
  }
}

LogLevel to_level(mlobs_log_level level) {
  switch (level) {
    case MLOBS_LOG_DEBUG: return LogLevel::kDebug;
    case MLOBS_LOG_WARN: return LogLevel::kWarn;
    case MLOBS_LOG_ERROR: return LogLevel::kError;
    default: return LogLevel::kInfo;
  }
}

void log(mlobs_host_ctx* ctx, mlobs_log_level level, mlobs_str msg, const mlobs_field* fields,
         size_t count) noexcept {
  if (!ctx || !ctx->services->logger) return;
  try {
    std::vector<LogField> f;
    f.reserve(count + 1);
    for (size_t i = 0; i < count; ++i) f.emplace_back(sv(fields[i].key), sv(fields[i].value));
    ctx->services->logger->log(to_level(level), ctx->component_id, sv(msg), f);
  } catch (...) {
  }
}

int32_t log_enabled(mlobs_host_ctx* ctx, mlobs_log_level level) noexcept {
  return ctx && ctx->services->logger && ctx->services->logger->enabled(to_level(level)) ? 1 : 0;
}

int64_t now(mlobs_host_ctx* ctx) noexcept {
  return guard([&] { return ctx->services->clock(); }, int64_t{0});
}

// The observed_at of a record made now: when the component's process() call under way began
// (formatted once for all the records of the call), else the clock.
std::string observed_now(mlobs_host_ctx* ctx) {
  int64_t t = ctx->process_started_unix_nanos.load(std::memory_order_relaxed);
  if (t == 0) t = ctx->services->clock();
  thread_local int64_t formatted_for = 0;
  thread_local std::string formatted;
  if (t != formatted_for || formatted.empty()) {
    formatted = format_rfc3339(t);
    formatted_for = t;
  }
  return formatted;
}

mlobs_record* record_create(mlobs_host_ctx* ctx, mlobs_str kind) noexcept {
  return guard(
      [&]() -> mlobs_record* {
        auto r = std::make_unique<Record>();
        r->kind.assign(sv(kind));
        if (ctx) {
          r->source = ctx->component_id;
          r->observed_at = observed_now(ctx);
        }
        r->request_id = random_hex_id();
        return handle_of(r.release());
      },
      nullptr);
}

mlobs_status record_from_json(mlobs_host_ctx* ctx, mlobs_str kind, mlobs_str json,
                              mlobs_record** out) noexcept {
  if (!out) return MLOBS_INVALID_ARGUMENT;
  *out = nullptr;
  return guard(
      [&]() -> mlobs_status {
        auto r = std::make_unique<Record>();
        Status s = parse_record(sv(kind), sv(json), r.get());
        if (!s.ok()) {
          if (ctx) ctx->set_error(s.message());
          return s.code();
        }
        if (ctx) {
          if (r->source.empty()) r->source = ctx->component_id;
          if (r->observed_at.empty()) r->observed_at = observed_now(ctx);
        }
        if (r->request_id.empty()) r->request_id = random_hex_id();
        *out = handle_of(r.release());
        return MLOBS_OK;
      },
      MLOBS_INTERNAL);
}

mlobs_record* record_clone(const mlobs_record* rec) noexcept {
  if (!rec) return nullptr;
  return guard([&] { return handle_of(new Record(*rec_of(rec))); }, static_cast<mlobs_record*>(nullptr));
}

void record_destroy(mlobs_record* rec) noexcept { delete rec_of(rec); }

mlobs_value_type get_type(const mlobs_record* rec, mlobs_str path) noexcept {
  if (!rec) return MLOBS_TYPE_ABSENT;
  PathTarget t = find_path(*rec_of(rec), sv(path));
  if (t.whole_record) return MLOBS_TYPE_OBJECT;
  if (t.envelope) return MLOBS_TYPE_STRING;
  return t.value ? value_type(*t.value) : MLOBS_TYPE_ABSENT;
}

// Finds the JSON value at path for a typed getter.
mlobs_status lookup(const mlobs_record* rec, mlobs_str path, const Json** out) {
  if (!rec) return MLOBS_INVALID_ARGUMENT;
  PathTarget t = find_path(*rec_of(rec), sv(path));
  if (t.envelope || t.whole_record) return MLOBS_FAILED_PRECONDITION;
  if (!t.value) return MLOBS_NOT_FOUND;
  *out = t.value;
  return MLOBS_OK;
}

mlobs_status get_bool(const mlobs_record* rec, mlobs_str path, int32_t* out) noexcept {
  const Json* v = nullptr;
  if (mlobs_status s = lookup(rec, path, &v)) return s;
  if (!v->IsBool()) return MLOBS_FAILED_PRECONDITION;
  *out = v->GetBool() ? 1 : 0;
  return MLOBS_OK;
}

mlobs_status get_int(const mlobs_record* rec, mlobs_str path, int64_t* out) noexcept {
  const Json* v = nullptr;
  if (mlobs_status s = lookup(rec, path, &v)) return s;
  if (v->IsInt64()) {
    *out = v->GetInt64();
    return MLOBS_OK;
  }
  if (v->IsDouble()) {
    const double d = v->GetDouble();
    if (std::isfinite(d) && std::trunc(d) == d && std::fabs(d) < 9.2e18) {
      *out = static_cast<int64_t>(d);
      return MLOBS_OK;
    }
  }
  return MLOBS_FAILED_PRECONDITION;
}

mlobs_status get_double(const mlobs_record* rec, mlobs_str path, double* out) noexcept {
  const Json* v = nullptr;
  if (mlobs_status s = lookup(rec, path, &v)) return s;
  if (!v->IsNumber()) return MLOBS_FAILED_PRECONDITION;
  *out = v->GetDouble();
  return MLOBS_OK;
}

mlobs_status get_string(const mlobs_record* rec, mlobs_str path, mlobs_str* out) noexcept {
  if (!rec || !out) return MLOBS_INVALID_ARGUMENT;
  PathTarget t = find_path(*rec_of(rec), sv(path));
  if (t.envelope) {
    *out = str(*t.envelope);
    return MLOBS_OK;
  }
  if (!t.value) return t.whole_record ? MLOBS_FAILED_PRECONDITION : MLOBS_NOT_FOUND;
  if (!t.value->IsString()) return MLOBS_FAILED_PRECONDITION;
  *out = mlobs_str{t.value->GetString(), t.value->GetStringLength()};
  return MLOBS_OK;
}

// The body kept as text when `path` names the body: key iteration and member visits are served
// from its index, without building a DOM.
const RawBody* raw_body_at(const mlobs_record* rec, mlobs_str path) {
  return sv(path) == "body" ? rec_of(rec)->raw_body() : nullptr;
}

size_t get_size(const mlobs_record* rec, mlobs_str path) noexcept {
  if (!rec) return 0;
  if (const RawBody* raw = raw_body_at(rec, path)) return raw->size();
  PathTarget t = find_path(*rec_of(rec), sv(path));
  if (!t.value) return 0;
  if (t.value->IsArray()) return t.value->Size();
  if (t.value->IsObject()) return t.value->MemberCount();
  return 0;
}

mlobs_status get_key(const mlobs_record* rec, mlobs_str path, size_t index, mlobs_str* out) noexcept {
  if (!rec || !out) return MLOBS_INVALID_ARGUMENT;
  if (const RawBody* raw = raw_body_at(rec, path)) {
    if (index >= raw->size()) return MLOBS_NOT_FOUND;
    *out = mlobs_str{raw->name(index).data(), raw->name(index).size()};
    return MLOBS_OK;
  }
  PathTarget t = find_path(*rec_of(rec), sv(path));
  if (!t.value) return MLOBS_NOT_FOUND;
  if (!t.value->IsObject()) return MLOBS_FAILED_PRECONDITION;
  if (index >= t.value->MemberCount()) return MLOBS_NOT_FOUND;
  const Json& name = (t.value->MemberBegin() + index)->name;
  *out = mlobs_str{name.GetString(), name.GetStringLength()};
  return MLOBS_OK;
}

// One member as mlobs_member describes it; objects and arrays carry only their type.
mlobs_member member_of(std::string_view name, mlobs_value_type type, const Json& value) {
  mlobs_member m{};
  m.struct_size = sizeof(mlobs_member);
  m.name = mlobs_str{name.data(), name.size()};
  m.name_index = -1;
  m.type = type;
  switch (type) {
    case MLOBS_TYPE_BOOL: m.int_value = value.GetBool() ? 1 : 0; break;
    case MLOBS_TYPE_INT:
      m.int_value = value.GetInt64();
      m.double_value = static_cast<double>(m.int_value);
      break;
    case MLOBS_TYPE_DOUBLE: m.double_value = value.GetDouble(); break;
    case MLOBS_TYPE_STRING:
      m.string_value = mlobs_str{value.GetString(), value.GetStringLength()};
      break;
    default: break;
  }
  return m;
}

// Every member of the object at `path`, each with its index in `set` (-1 without a set).
mlobs_status visit_members(const mlobs_record* rec, mlobs_str path, mlobs_name_set* set,
                           mlobs_member_fn fn, void* user) {
  if (const RawBody* raw = raw_body_at(rec, path)) {
    const std::vector<int32_t>* indexes = set ? &set->indexes_for(raw->names()) : nullptr;
    for (size_t i = 0; i < raw->size(); ++i) {
      mlobs_member m = member_of(raw->name(i), raw->type(i), raw->value(i));
      if (indexes) m.name_index = (*indexes)[i];
      if (fn(user, &m) != 0) break;
    }
    return MLOBS_OK;
  }
  PathTarget t = find_path(*rec_of(rec), sv(path));
  if (!t.value) return t.whole_record || t.envelope ? MLOBS_FAILED_PRECONDITION : MLOBS_NOT_FOUND;
  if (!t.value->IsObject()) return MLOBS_FAILED_PRECONDITION;
  for (auto it = t.value->MemberBegin(); it != t.value->MemberEnd(); ++it) {
    const std::string_view name(it->name.GetString(), it->name.GetStringLength());
    mlobs_member m = member_of(name, value_type(it->value), it->value);
    if (set) m.name_index = set->find(name);
    if (fn(user, &m) != 0) break;
  }
  return MLOBS_OK;
}

mlobs_status for_each_member(const mlobs_record* rec, mlobs_str path, mlobs_member_fn fn,
                             void* user) noexcept {
  if (!rec || !fn) return MLOBS_INVALID_ARGUMENT;
  return visit_members(rec, path, nullptr, fn, user);
}

mlobs_name_set* name_set_create(const mlobs_str* names, size_t count) noexcept {
  if (!names && count > 0) return nullptr;
  return guard(
      [&] {
        std::vector<std::string> copied;
        copied.reserve(count);
        for (size_t i = 0; i < count; ++i) copied.emplace_back(sv(names[i]));
        return new mlobs_name_set(std::move(copied));
      },
      static_cast<mlobs_name_set*>(nullptr));
}

void name_set_destroy(mlobs_name_set* set) noexcept { delete set; }

mlobs_status for_each_member_in(const mlobs_record* rec, mlobs_str path, mlobs_name_set* set,
                                mlobs_member_fn fn, void* user) noexcept {
  if (!rec || !set || !fn) return MLOBS_INVALID_ARGUMENT;
  // Matching a new shape of body allocates.
  return guard([&] { return visit_members(rec, path, set, fn, user); }, MLOBS_INTERNAL);
}

// Resolves (creating) the target for a setter and applies `assign` to the JSON value, or
// `assign_envelope` when the path names an envelope field.
template <class AssignJson, class AssignEnvelope>
mlobs_status set_value(mlobs_record* rec, mlobs_str path, AssignJson&& assign,
                       AssignEnvelope&& assign_envelope) noexcept {
  if (!rec) return MLOBS_INVALID_ARGUMENT;
  if (rec_of(rec)->read_only) return MLOBS_FAILED_PRECONDITION;
  return guard(
      [&]() -> mlobs_status {
        PathTarget t;
        Status s = make_path(rec_of(rec), sv(path), &t);
        if (!s.ok()) return s.code();
        if (t.envelope) return assign_envelope(t.envelope);
        assign(t.value);
        return MLOBS_OK;
      },
      MLOBS_INTERNAL);
}

mlobs_status not_a_string(std::string*) { return MLOBS_FAILED_PRECONDITION; }

mlobs_status set_null(mlobs_record* rec, mlobs_str path) noexcept {
  return set_value(rec, path, [](Json* v) { v->SetNull(); }, not_a_string);
}
mlobs_status set_bool(mlobs_record* rec, mlobs_str path, int32_t value) noexcept {
  return set_value(rec, path, [&](Json* v) { v->SetBool(value != 0); }, not_a_string);
}
mlobs_status set_int(mlobs_record* rec, mlobs_str path, int64_t value) noexcept {
  return set_value(rec, path, [&](Json* v) { v->SetInt64(value); }, not_a_string);
}
mlobs_status set_double(mlobs_record* rec, mlobs_str path, double value) noexcept {
  return set_value(rec, path, [&](Json* v) { v->SetDouble(value); }, not_a_string);
}
mlobs_status set_string(mlobs_record* rec, mlobs_str path, mlobs_str value) noexcept {
  return set_value(
      rec, path,
      [&](Json* v) {
        v->SetString(value.data ? value.data : "", static_cast<rapidjson::SizeType>(value.size),
                     json_allocator());
      },
      [&](std::string* e) {
        e->assign(sv(value));
        return MLOBS_OK;
      });
}

mlobs_status set_json(mlobs_record* rec, mlobs_str path, mlobs_str json) noexcept {
  if (!rec) return MLOBS_INVALID_ARGUMENT;
  if (rec_of(rec)->read_only) return MLOBS_FAILED_PRECONDITION;
  return guard(
      [&]() -> mlobs_status {
        JsonDocument doc;
        doc.Parse(json.data ? json.data : "", json.size);
        if (doc.HasParseError()) return MLOBS_INVALID_ARGUMENT;
        PathTarget t;
        Status s = make_path(rec_of(rec), sv(path), &t);
        if (!s.ok()) return s.code();
        if (t.envelope) {
          if (!doc.IsString()) return MLOBS_FAILED_PRECONDITION;
          t.envelope->assign(doc.GetString(), doc.GetStringLength());
          return MLOBS_OK;
        }
        *t.value = Json(std::move(static_cast<Json&>(doc)));
        return MLOBS_OK;
      },
      MLOBS_INTERNAL);
}

mlobs_status remove(mlobs_record* rec, mlobs_str path) noexcept {
  if (!rec) return MLOBS_INVALID_ARGUMENT;
  if (rec_of(rec)->read_only) return MLOBS_FAILED_PRECONDITION;
  return guard([&] { return remove_path(rec_of(rec), sv(path)).code(); }, MLOBS_INTERNAL);
}

mlobs_status to_json(const mlobs_record* rec, mlobs_str path, mlobs_write_fn write,
                     void* user) noexcept {
  if (!rec || !write) return MLOBS_INVALID_ARGUMENT;
  return guard(
      [&]() -> mlobs_status {
        PathTarget t = find_path(*rec_of(rec), sv(path));
        // Reused per thread: a sink serialising a batch allocates nothing per record.
        thread_local std::string out;
        out.clear();
        if (t.whole_record) {
          rec_of(rec)->append_json(&out);
        } else if (t.envelope) {
          append_json(Json(rapidjson::StringRef(t.envelope->data(), t.envelope->size())), &out);
        } else if (t.value) {
          append_json(*t.value, &out);
        } else {
          return MLOBS_NOT_FOUND;
        }
        write(user, out.data(), out.size());
        return MLOBS_OK;
      },
      MLOBS_INTERNAL);
}

size_t batch_size(const mlobs_batch* b) noexcept { return b ? b->records.size() : 0; }

mlobs_record* batch_get(mlobs_batch* b, size_t i) noexcept {
  if (!b || i >= b->records.size()) return nullptr;
  return handle_of(b->records[i].get());
}

mlobs_status batch_append(mlobs_batch* b, mlobs_record* rec) noexcept {
  if (!rec) return MLOBS_INVALID_ARGUMENT;
  RecordPtr owned(rec_of(rec));
  if (!b) return MLOBS_INVALID_ARGUMENT;
  if (b->read_only) return MLOBS_FAILED_PRECONDITION;
  return guard(
      [&] {
        b->records.push_back(std::move(owned));
        return MLOBS_OK;
      },
      MLOBS_RESOURCE_EXHAUSTED);
}

mlobs_status batch_remove(mlobs_batch* b, size_t i) noexcept {
  if (!b || i >= b->records.size()) return MLOBS_NOT_FOUND;
  if (b->read_only) return MLOBS_FAILED_PRECONDITION;
  b->records[i].reset();
  return MLOBS_OK;
}

size_t batch_capacity(const mlobs_batch* b) noexcept { return b ? b->capacity : 0; }
uint64_t batch_sequence(const mlobs_batch* b) noexcept { return b ? b->sequence : 0; }

mlobs_status emit(mlobs_host_ctx* ctx, mlobs_record* rec) noexcept {
  if (!rec) return MLOBS_INVALID_ARGUMENT;
  RecordPtr owned(rec_of(rec));
  if (!ctx) return MLOBS_INVALID_ARGUMENT;
  return guard(
      [&] {
        ctx->emitted.push_back(std::move(owned));
        return MLOBS_OK;
      },
      MLOBS_RESOURCE_EXHAUSTED);
}

void dead_letter(mlobs_host_ctx* ctx, const mlobs_record* rec, mlobs_str reason,
                 const mlobs_field* fields, size_t count) noexcept {
  if (!ctx || !ctx->services->dead_letter) return;
  try {
    std::vector<DeadLetterOutput::Field> f;
    f.reserve(count);
    for (size_t i = 0; i < count; ++i) f.emplace_back(sv(fields[i].key), sv(fields[i].value));
    ctx->services->dead_letter->write(ctx->component_id, sv(reason), rec ? rec_of(rec) : nullptr,
                                      f);
  } catch (...) {
  }
}

void schedule_tick(mlobs_host_ctx* ctx, int64_t interval_ms) noexcept {
  if (ctx) ctx->tick_interval_ms.store(interval_ms < 0 ? 0 : interval_ms);
}

mlobs_status metric_register(mlobs_host_ctx* ctx, mlobs_metric_type type, mlobs_str name,
                             mlobs_str help, const mlobs_str* labels, size_t label_count,
                             const double* buckets, size_t bucket_count,
                             mlobs_metric** out) noexcept {
  if (!ctx || !out) return MLOBS_INVALID_ARGUMENT;
  return guard(
      [&]() -> mlobs_status {
        MetricType t;
        switch (type) {
          case MLOBS_METRIC_COUNTER: t = MetricType::kCounter; break;
          case MLOBS_METRIC_GAUGE: t = MetricType::kGauge; break;
          case MLOBS_METRIC_HISTOGRAM: t = MetricType::kHistogram; break;
          default:
            ctx->set_error("unknown metric type " + std::to_string(type));
            return MLOBS_INVALID_ARGUMENT;
        }
        std::vector<std::string> names;
        for (size_t i = 0; i < label_count; ++i) names.emplace_back(sv(labels[i]));
        std::vector<double> b(buckets, buckets + (buckets ? bucket_count : 0));
        std::string error;
        auto* fam = ctx->services->metrics->register_family(t, sv(name), sv(help), names, b, &error);
        if (!fam) {
          ctx->set_error(error);
          return MLOBS_FAILED_PRECONDITION;
        }
        *out = reinterpret_cast<mlobs_metric*>(fam);
        return MLOBS_OK;
      },
      MLOBS_INTERNAL);
}

// Series calls carry no ctx: a family knows the registry that owns it.
mlobs_status metric_series(mlobs_metric* metric, const mlobs_str* values, size_t count,
                           mlobs_series** out) noexcept {
  if (!metric || !out) return MLOBS_INVALID_ARGUMENT;
  return guard(
      [&]() -> mlobs_status {
        std::vector<std::string_view> v;
        for (size_t i = 0; i < count; ++i) v.push_back(sv(values[i]));
        std::string error;
        auto* fam = family_of(metric);
        auto* series = MetricsRegistry::owner_of(fam)->series(fam, v, &error);
        if (!series) return MLOBS_INVALID_ARGUMENT;
        *out = reinterpret_cast<mlobs_series*>(series);
        return MLOBS_OK;
      },
      MLOBS_INTERNAL);
}

void series_add(mlobs_series* s, double v) noexcept {
  if (s) MetricsRegistry::add(series_of(s), v);
}
void series_set(mlobs_series* s, double v) noexcept {
  if (s) MetricsRegistry::set(series_of(s), v);
}

void series_remove(mlobs_metric* metric, mlobs_series* s) noexcept {
  if (!metric || !s) return;
  try {
    auto* fam = family_of(metric);
    MetricsRegistry::owner_of(fam)->remove(fam, series_of(s));
  } catch (...) {
  }
}

mlobs_status state_put(mlobs_host_ctx* ctx, mlobs_str key, mlobs_str value) noexcept {
  if (!ctx || !ctx->services->state) return MLOBS_FAILED_PRECONDITION;
  return guard(
      [&]() -> mlobs_status {
        Status s = ctx->services->state->put(ctx->component_id, sv(key), sv(value));
        if (!s.ok()) ctx->set_error(s.message());
        return s.code();
      },
      MLOBS_INTERNAL);
}

mlobs_status state_get(mlobs_host_ctx* ctx, mlobs_str key, mlobs_write_fn write,
                       void* user) noexcept {
  if (!ctx || !ctx->services->state || !write) return MLOBS_FAILED_PRECONDITION;
  return guard(
      [&]() -> mlobs_status {
        auto v = ctx->services->state->get(ctx->component_id, sv(key));
        if (!v) return MLOBS_NOT_FOUND;
        write(user, v->data(), v->size());
        return MLOBS_OK;
      },
      MLOBS_INTERNAL);
}

mlobs_status state_delete(mlobs_host_ctx* ctx, mlobs_str key) noexcept {
  if (!ctx || !ctx->services->state) return MLOBS_FAILED_PRECONDITION;
  return guard([&] { return ctx->services->state->remove(ctx->component_id, sv(key)).code(); },
               MLOBS_INTERNAL);
}

mlobs_status parse_duration(mlobs_str text, int64_t* out) noexcept {
  if (!out) return MLOBS_INVALID_ARGUMENT;
  return guard(
      [&]() -> mlobs_status {
        auto ms = parse_duration_ms(sv(text));
        if (!ms) return MLOBS_INVALID_ARGUMENT;
        *out = *ms;
        return MLOBS_OK;
      },
      MLOBS_INTERNAL);
}

mlobs_str component_id(mlobs_host_ctx* ctx) noexcept {
  return ctx ? str(ctx->component_id) : mlobs_str{"", 0};
}

void ask_retry_after(mlobs_host_ctx* ctx, int64_t ms) {
  int64_t seen = ctx->retry_after_ms.load();
  while (ms > seen && !ctx->retry_after_ms.compare_exchange_weak(seen, ms)) {
  }
}

mlobs_status http_send(mlobs_host_ctx* ctx, const mlobs_http_request* request,
                       mlobs_http_response* response) noexcept {
  if (!ctx || !request || !response) return MLOBS_INVALID_ARGUMENT;
  return guard(
      [&]() -> mlobs_status {
        // Read only the fields both sides know (a request from a newer plugin may be longer).
        mlobs_http_request req{};
        std::memcpy(&req, request, std::min<size_t>(request->struct_size, sizeof(req)));
        const std::string_view url = sv(req.url);
        if (url.rfind("http://", 0) != 0 && url.rfind("https://", 0) != 0) {
          ctx->set_error("http_send: the URL must start with http:// or https://, got \"" +
                         std::string(url.substr(0, 200)) + "\"");
          return MLOBS_INVALID_ARGUMENT;
        }
        std::vector<HttpClient::Header> headers;
        for (size_t i = 0; i < req.header_count && req.headers; ++i) {
          headers.emplace_back(sv(req.headers[i].key), sv(req.headers[i].value));
        }
        if (!ctx->http) ctx->http = std::make_unique<HttpClient>(ctx->http_settings);
        ctx->last_http = ctx->http->send(sv(req.method), url, headers, sv(req.body));
        const HttpExchange& x = ctx->last_http;
        if (x.retry_after_ms) ask_retry_after(ctx, *x.retry_after_ms);
        ctx->last_http_headers.clear();
        for (const auto& [name, value] : x.headers) ctx->last_http_headers.push_back({str(name), str(value)});

        mlobs_http_response out{};
        out.struct_size = sizeof(out);
        out.status = x.status;
        out.body = str(x.body);
        out.headers = ctx->last_http_headers.data();
        out.header_count = ctx->last_http_headers.size();
        out.error = str(x.error);
        out.request_id = str(x.request_id);
        const uint32_t size = std::min<uint32_t>(response->struct_size, sizeof(out));
        std::memcpy(response, &out, size);
        response->struct_size = size;
        if (x.status == 0) {
          ctx->set_error("http_send: " + x.error);
          return MLOBS_UNAVAILABLE;
        }
        return MLOBS_OK;
      },
      MLOBS_INTERNAL);
}

void retry_after(mlobs_host_ctx* ctx, int64_t ms) noexcept {
  if (ctx && ms > 0) ask_retry_after(ctx, ms);
}

mlobs_host_api make_table() {
  mlobs_host_api t{};
  t.struct_size = sizeof(mlobs_host_api);
  t.abi_major = MLOBS_ABI_VERSION_MAJOR;
  t.abi_minor = MLOBS_ABI_VERSION_MINOR;
  t.set_error = set_error;
  t.log = log;
  t.log_enabled = log_enabled;
  t.record_create = record_create;
  t.record_from_json = record_from_json;
  t.record_clone = record_clone;
  t.record_destroy = record_destroy;
  t.get_type = get_type;
  t.get_bool = get_bool;
  t.get_int = get_int;
  t.get_double = get_double;
  t.get_string = get_string;
  t.get_size = get_size;
  t.get_key = get_key;
  t.set_null = set_null;
  t.set_bool = set_bool;
  t.set_int = set_int;
  t.set_double = set_double;
  t.set_string = set_string;
  t.set_json = set_json;
  t.remove = remove;
  t.to_json = to_json;
  t.batch_size = batch_size;
  t.batch_get = batch_get;
  t.batch_append = batch_append;
  t.batch_remove = batch_remove;
  t.batch_capacity = batch_capacity;
  t.batch_sequence = batch_sequence;
  t.emit = emit;
  t.dead_letter = dead_letter;
  t.schedule_tick = schedule_tick;
  t.now_unix_nanos = now;
  t.metric_register = metric_register;
  t.metric_series = metric_series;
  t.series_add = series_add;
  t.series_set = series_set;
  t.series_remove = series_remove;
  t.state_put = state_put;
  t.state_get = state_get;
  t.state_delete = state_delete;
  t.parse_duration = parse_duration;
  t.component_id = component_id;
  t.for_each_member = for_each_member;
  t.name_set_create = name_set_create;
  t.name_set_destroy = name_set_destroy;
  t.for_each_member_in = for_each_member_in;
  t.http_send = http_send;
  t.retry_after = retry_after;
  return t;
}

}  // namespace

const mlobs_host_api* host_api_table(uint32_t minor) {
  static const mlobs_host_api table = make_table();
  return minor <= MLOBS_ABI_VERSION_MINOR ? &table : nullptr;
}

}  // namespace mlobs::agent
