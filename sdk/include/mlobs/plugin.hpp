// Header-only C++17 wrapper over the mlobs plugin ABI (plugin.h).
//
// A plugin author writes a class derived from mlobs::Source, mlobs::Processor or mlobs::Sink,
// and one MLOBS_PLUGIN(...) line. Exceptions thrown by the class are caught at the waist and
// become an MLOBS_INTERNAL status with the exception's message.
#pragma once

#include <mlobs/plugin.h>

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <exception>
#include <initializer_list>
#include <memory>
#include <new>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

namespace mlobs {
inline namespace v1 {

namespace detail {
// The host table, set once by negotiation. Each plugin .so has its own copy (hidden visibility).
inline const mlobs_host_api*& api() {
  static const mlobs_host_api* table = nullptr;
  return table;
}
inline mlobs_str view(std::string_view s) { return mlobs_str{s.data(), s.size()}; }
inline std::string_view view(mlobs_str s) { return std::string_view(s.data, s.size); }
inline void append_to_string(void* user, const char* data, size_t size) {
  static_cast<std::string*>(user)->append(data, size);
}
}  // namespace detail

// A status code plus message; Status() is OK.
class Status {
 public:
  Status() = default;
  Status(mlobs_status code, std::string message) : code_(code), message_(std::move(message)) {}
  static Status Ok() { return Status(); }
  static Status InvalidArgument(std::string m) { return {MLOBS_INVALID_ARGUMENT, std::move(m)}; }
  static Status NotFound(std::string m) { return {MLOBS_NOT_FOUND, std::move(m)}; }
  static Status FailedPrecondition(std::string m) {
    return {MLOBS_FAILED_PRECONDITION, std::move(m)};
  }
  static Status Unavailable(std::string m) { return {MLOBS_UNAVAILABLE, std::move(m)}; }
  static Status ResourceExhausted(std::string m) { return {MLOBS_RESOURCE_EXHAUSTED, std::move(m)}; }
  static Status Internal(std::string m) { return {MLOBS_INTERNAL, std::move(m)}; }
  bool ok() const { return code_ == MLOBS_OK; }
  mlobs_status code() const { return code_; }
  const std::string& message() const { return message_; }

 private:
  mlobs_status code_ = MLOBS_OK;
  std::string message_;
};

// The member names a component looks for (ABI 1.2), made once, e.g. in the constructor: with
// RecordRef::for_each_member(path, names, fn), each member comes with its index in the set,
// and reading a field takes no name comparison. Used by one thread at a time.
class NameSet {
 public:
  explicit NameSet(const std::vector<std::string_view>& names) {
    std::vector<mlobs_str> views;
    views.reserve(names.size());
    for (std::string_view n : names) views.push_back(detail::view(n));
    set_ = detail::api()->name_set_create(views.data(), views.size());
    if (!set_) throw std::bad_alloc();
  }
  ~NameSet() { detail::api()->name_set_destroy(set_); }
  NameSet(const NameSet&) = delete;
  NameSet& operator=(const NameSet&) = delete;
  mlobs_name_set* handle() const { return set_; }

 private:
  mlobs_name_set* set_;
};

// A borrowed view of a host record. Does not own it (see OwnedRecord).
class RecordRef {
 public:
  explicit RecordRef(const mlobs_record* r) : rec_(const_cast<mlobs_record*>(r)) {}
  mlobs_record* handle() const { return rec_; }

  mlobs_value_type type(std::string_view path) const {
    return detail::api()->get_type(rec_, detail::view(path));
  }
  bool has(std::string_view path) const { return type(path) != MLOBS_TYPE_ABSENT; }

  std::optional<std::string_view> get_string(std::string_view path) const {
    mlobs_str out{};
    if (detail::api()->get_string(rec_, detail::view(path), &out) != MLOBS_OK) return std::nullopt;
    return detail::view(out);
  }
  std::optional<int64_t> get_int(std::string_view path) const {
    int64_t out = 0;
    if (detail::api()->get_int(rec_, detail::view(path), &out) != MLOBS_OK) return std::nullopt;
    return out;
  }
  std::optional<double> get_double(std::string_view path) const {
    double out = 0;
    if (detail::api()->get_double(rec_, detail::view(path), &out) != MLOBS_OK) return std::nullopt;
    return out;
  }
  std::optional<bool> get_bool(std::string_view path) const {
    int32_t out = 0;
    if (detail::api()->get_bool(rec_, detail::view(path), &out) != MLOBS_OK) return std::nullopt;
    return out != 0;
  }
  size_t size(std::string_view path) const {
    return detail::api()->get_size(rec_, detail::view(path));
  }
  std::optional<std::string_view> key(std::string_view path, size_t index) const {
    mlobs_str out{};
    if (detail::api()->get_key(rec_, detail::view(path), index, &out) != MLOBS_OK) {
      return std::nullopt;
    }
    return detail::view(out);
  }
  // Calls fn(const mlobs_member&) for every member of the object at `path`, in order, in one
  // crossing (ABI 1.1); fn returns false to stop early and must not throw.
  template <class Fn>
  Status for_each_member(std::string_view path, Fn fn) const {
    mlobs_member_fn thunk = [](void* user, const mlobs_member* m) -> int32_t {
      return (*static_cast<Fn*>(user))(*m) ? 0 : 1;
    };
    return wrap(detail::api()->for_each_member(rec_, detail::view(path), thunk, &fn));
  }
  // The same, with each member's index in `names` in mlobs_member::name_index (-1 for a name
  // the set lacks): the host matches each shape of body to the set once (ABI 1.2).
  template <class Fn>
  Status for_each_member(std::string_view path, const NameSet& names, Fn fn) const;
  // The strings of an array (non-strings are skipped).
  std::vector<std::string> get_string_list(std::string_view path) const {
    std::vector<std::string> out;
    const size_t n = size(path);
    for (size_t i = 0; i < n; ++i) {
      if (auto s = get_string(std::string(path) + "." + std::to_string(i))) out.emplace_back(*s);
    }
    return out;
  }
  std::string kind() const { return std::string(get_string("kind").value_or("")); }

  Status set(std::string_view path, std::string_view v) {
    return wrap(detail::api()->set_string(rec_, detail::view(path), detail::view(v)));
  }
  Status set(std::string_view path, const char* v) { return set(path, std::string_view(v)); }
  Status set(std::string_view path, int64_t v) {
    return wrap(detail::api()->set_int(rec_, detail::view(path), v));
  }
  Status set(std::string_view path, int v) { return set(path, static_cast<int64_t>(v)); }
  Status set(std::string_view path, double v) {
    return wrap(detail::api()->set_double(rec_, detail::view(path), v));
  }
  Status set(std::string_view path, bool v) {
    return wrap(detail::api()->set_bool(rec_, detail::view(path), v ? 1 : 0));
  }
  Status set_null(std::string_view path) {
    return wrap(detail::api()->set_null(rec_, detail::view(path)));
  }
  Status set_json(std::string_view path, std::string_view json) {
    return wrap(detail::api()->set_json(rec_, detail::view(path), detail::view(json)));
  }
  Status remove(std::string_view path) {
    return wrap(detail::api()->remove(rec_, detail::view(path)));
  }
  std::string to_json(std::string_view path = {}) const {
    std::string out;
    detail::api()->to_json(rec_, detail::view(path), &detail::append_to_string, &out);
    return out;
  }
  // The same JSON appended to *out: a sink filling one buffer per batch allocates nothing per
  // record.
  void append_json(std::string* out, std::string_view path = {}) const {
    detail::api()->to_json(rec_, detail::view(path), &detail::append_to_string, out);
  }

 private:
  static Status wrap(mlobs_status s) {
    return s == MLOBS_OK ? Status() : Status(s, "record access failed");
  }
  mlobs_record* rec_;
};

template <class Fn>
Status RecordRef::for_each_member(std::string_view path, const NameSet& names, Fn fn) const {
  mlobs_member_fn thunk = [](void* user, const mlobs_member* m) -> int32_t {
    return (*static_cast<Fn*>(user))(*m) ? 0 : 1;
  };
  return wrap(
      detail::api()->for_each_member_in(rec_, detail::view(path), names.handle(), thunk, &fn));
}

// A record the plugin owns until it hands it to the host (emit, Batch::append).
class OwnedRecord : public RecordRef {
 public:
  explicit OwnedRecord(mlobs_record* r) : RecordRef(r) {}
  OwnedRecord(OwnedRecord&& o) noexcept : RecordRef(o.release()) {}
  OwnedRecord& operator=(OwnedRecord&& o) noexcept {
    if (this != &o) {
      reset();
      static_cast<RecordRef&>(*this) = RecordRef(o.release());
    }
    return *this;
  }
  OwnedRecord(const OwnedRecord&) = delete;
  OwnedRecord& operator=(const OwnedRecord&) = delete;
  ~OwnedRecord() { reset(); }
  mlobs_record* release() {
    mlobs_record* r = handle();
    static_cast<RecordRef&>(*this) = RecordRef(nullptr);
    return r;
  }
  explicit operator bool() const { return handle() != nullptr; }

 private:
  void reset() {
    if (handle()) detail::api()->record_destroy(handle());
  }
};

// A borrowed batch, valid for the callback that received it.
class Batch {
 public:
  explicit Batch(mlobs_batch* b) : batch_(b) {}
  size_t size() const { return detail::api()->batch_size(batch_); }
  size_t capacity() const { return detail::api()->batch_capacity(batch_); }
  uint64_t sequence() const { return detail::api()->batch_sequence(batch_); }
  // NULL handle when the index was removed.
  RecordRef at(size_t i) const { return RecordRef(detail::api()->batch_get(batch_, i)); }
  Status append(OwnedRecord rec) {
    mlobs_status s = detail::api()->batch_append(batch_, rec.release());
    return s == MLOBS_OK ? Status() : Status(s, "batch append failed");
  }
  void remove(size_t i) { detail::api()->batch_remove(batch_, i); }
  mlobs_batch* handle() const { return batch_; }

 private:
  mlobs_batch* batch_;
};

// A labelled series of a metric. Cheap to copy; host-owned.
class Series {
 public:
  Series() = default;
  explicit Series(mlobs_series* s) : s_(s) {}
  void add(double v = 1.0) const {
    if (s_) detail::api()->series_add(s_, v);
  }
  void set(double v) const {
    if (s_) detail::api()->series_set(s_, v);
  }
  void observe(double v) const { add(v); }
  mlobs_series* handle() const { return s_; }

 private:
  mlobs_series* s_ = nullptr;
};

// A metric family. Cheap to copy; host-owned.
class Metric {
 public:
  Metric() = default;
  explicit Metric(mlobs_metric* m) : m_(m) {}
  Series series(std::initializer_list<std::string_view> label_values = {}) const {
    std::vector<mlobs_str> values;
    for (auto v : label_values) values.push_back(detail::view(v));
    return series(values);
  }
  Series series(const std::vector<mlobs_str>& values) const {
    mlobs_series* out = nullptr;
    if (!m_ || detail::api()->metric_series(m_, values.data(), values.size(), &out) != MLOBS_OK) {
      return Series();
    }
    return Series(out);
  }
  void remove(Series s) const {
    if (m_ && s.handle()) detail::api()->series_remove(m_, s.handle());
  }
  explicit operator bool() const { return m_ != nullptr; }

 private:
  mlobs_metric* m_ = nullptr;
};

// One HTTP request a sink sends through the host (ABI 1.3); see mlobs_http_request.
struct HttpRequest {
  std::string_view method = "POST";
  std::string_view url;
  std::vector<std::pair<std::string, std::string>> headers;  // {"Content-Type", "application/json"}
  std::string_view body;
};

// The answer, copied out of the host's buffers.
struct HttpResponse {
  int status = 0;  // 0: no response arrived; `error` says why (refused, timeout, TLS)
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;  // names lower-case
  std::string error;
  std::string request_id;  // the X-Request-ID the host sent

  std::optional<std::string_view> header(std::string_view lower_case_name) const {
    for (const auto& h : headers) {
      if (h.first == lower_case_name) return std::string_view(h.second);
    }
    return std::nullopt;
  }
};

// What a sink returns for a response, so every HTTP sink treats statuses alike: 2xx is
// accepted; no response, 408 and other 5xx are retried; 429 and 503 are retried as rate limits
// (the host waits any Retry-After); any other status is a permanent rejection naming `what`,
// the status and the start of the body, and the host dead-letters the batch with it.
inline Status http_status(const HttpResponse& response, std::string_view what) {
  const std::string name(what);
  if (response.status >= 200 && response.status < 300) return Status();
  if (response.status == 0) {
    return Status::Unavailable(name + ": no response: " + response.error);
  }
  const std::string answer = name + " answered " + std::to_string(response.status) + ": " +
                             response.body.substr(0, 512);
  if (response.status == 429 || response.status == 503) return Status::ResourceExhausted(answer);
  if (response.status == 408 || response.status >= 500) return Status::Unavailable(answer);
  return Status::InvalidArgument(answer);
}

// What a component may ask of the host.
class Host {
 public:
  explicit Host(mlobs_host_ctx* ctx) : ctx_(ctx) {}
  mlobs_host_ctx* ctx() const { return ctx_; }

  std::string_view component_id() const { return detail::view(detail::api()->component_id(ctx_)); }

  void log(mlobs_log_level level, std::string_view msg,
           std::initializer_list<std::pair<std::string_view, std::string_view>> fields = {}) const {
    if (!detail::api()->log_enabled(ctx_, level)) return;
    std::vector<mlobs_field> f;
    for (auto& kv : fields) f.push_back({detail::view(kv.first), detail::view(kv.second)});
    detail::api()->log(ctx_, level, detail::view(msg), f.data(), f.size());
  }
  void debug(std::string_view m, std::initializer_list<std::pair<std::string_view, std::string_view>> f = {}) const { log(MLOBS_LOG_DEBUG, m, f); }
  void info(std::string_view m, std::initializer_list<std::pair<std::string_view, std::string_view>> f = {}) const { log(MLOBS_LOG_INFO, m, f); }
  void warn(std::string_view m, std::initializer_list<std::pair<std::string_view, std::string_view>> f = {}) const { log(MLOBS_LOG_WARN, m, f); }
  void error(std::string_view m, std::initializer_list<std::pair<std::string_view, std::string_view>> f = {}) const { log(MLOBS_LOG_ERROR, m, f); }

  OwnedRecord create_record(std::string_view kind) const {
    return OwnedRecord(detail::api()->record_create(ctx_, detail::view(kind)));
  }
  // Parses a body JSON object into a record of `kind` (or a whole record when kind is empty).
  // Returns a null record and sets *error when the JSON is bad.
  OwnedRecord parse_record(std::string_view kind, std::string_view json) const {
    mlobs_record* out = nullptr;
    detail::api()->record_from_json(ctx_, detail::view(kind), detail::view(json), &out);
    return OwnedRecord(out);
  }
  Status emit(OwnedRecord rec) const {
    mlobs_status s = detail::api()->emit(ctx_, rec.release());
    return s == MLOBS_OK ? Status() : Status(s, "emit failed");
  }
  void dead_letter(const RecordRef* rec, std::string_view reason,
                   std::initializer_list<std::pair<std::string_view, std::string_view>> fields = {}) const {
    std::vector<mlobs_field> f;
    for (auto& kv : fields) f.push_back({detail::view(kv.first), detail::view(kv.second)});
    detail::api()->dead_letter(ctx_, rec ? rec->handle() : nullptr, detail::view(reason), f.data(),
                               f.size());
  }
  void schedule_tick(int64_t interval_ms) const { detail::api()->schedule_tick(ctx_, interval_ms); }
  int64_t now_unix_nanos() const { return detail::api()->now_unix_nanos(ctx_); }

  // Registers (or reuses) a metric family. Throws std::runtime_error on a conflict, which the
  // waist turns into a status.
  Metric metric(mlobs_metric_type type, std::string_view name, std::string_view help,
                std::initializer_list<std::string_view> labels = {},
                std::initializer_list<double> buckets = {}) const;
  Metric counter(std::string_view name, std::string_view help,
                 std::initializer_list<std::string_view> labels = {}) const {
    return metric(MLOBS_METRIC_COUNTER, name, help, labels);
  }
  Metric gauge(std::string_view name, std::string_view help,
               std::initializer_list<std::string_view> labels = {}) const {
    return metric(MLOBS_METRIC_GAUGE, name, help, labels);
  }
  Metric histogram(std::string_view name, std::string_view help,
                   std::initializer_list<std::string_view> labels,
                   std::initializer_list<double> buckets) const {
    return metric(MLOBS_METRIC_HISTOGRAM, name, help, labels, buckets);
  }

  Status state_put(std::string_view key, std::string_view value) const {
    mlobs_status s = detail::api()->state_put(ctx_, detail::view(key), detail::view(value));
    return s == MLOBS_OK ? Status() : Status(s, "state store write failed");
  }
  std::optional<std::string> state_get(std::string_view key) const {
    std::string out;
    if (detail::api()->state_get(ctx_, detail::view(key), &detail::append_to_string, &out) !=
        MLOBS_OK) {
      return std::nullopt;
    }
    return out;
  }
  Status state_delete(std::string_view key) const {
    mlobs_status s = detail::api()->state_delete(ctx_, detail::view(key));
    return s == MLOBS_OK ? Status() : Status(s, "state store delete failed");
  }

  // Sends one request with the host's HTTP client (ABI 1.3). Never throws for a failed
  // request: status 0 and `error` say what happened.
  HttpResponse http_send(const HttpRequest& request) const;

  // Asks the host to wait at least `ms` before retrying the batch this sink is about to fail
  // with Unavailable or ResourceExhausted (ABI 1.3).
  void retry_after(int64_t ms) const { detail::api()->retry_after(ctx_, ms); }

 private:
  mlobs_host_ctx* ctx_;
};

inline Metric Host::metric(mlobs_metric_type type, std::string_view name, std::string_view help,
                           std::initializer_list<std::string_view> labels,
                           std::initializer_list<double> buckets) const {
  std::vector<mlobs_str> l;
  for (auto v : labels) l.push_back(detail::view(v));
  std::vector<double> b(buckets);
  mlobs_metric* out = nullptr;
  if (detail::api()->metric_register(ctx_, type, detail::view(name), detail::view(help), l.data(),
                                     l.size(), b.data(), b.size(), &out) != MLOBS_OK) {
    throw std::runtime_error("metric registration failed: " + std::string(name));
  }
  return Metric(out);
}

inline HttpResponse Host::http_send(const HttpRequest& request) const {
  std::vector<mlobs_field> headers;
  headers.reserve(request.headers.size());
  for (const auto& h : request.headers) headers.push_back({detail::view(h.first), detail::view(h.second)});
  mlobs_http_request req{};
  req.struct_size = sizeof(req);
  req.method = detail::view(request.method);
  req.url = detail::view(request.url);
  req.headers = headers.data();
  req.header_count = headers.size();
  req.body = detail::view(request.body);
  mlobs_http_response resp{};
  resp.struct_size = sizeof(resp);
  const mlobs_status s = detail::api()->http_send(ctx_, &req, &resp);
  HttpResponse out;
  out.status = resp.status;
  out.body = std::string(detail::view(resp.body));
  out.error = std::string(detail::view(resp.error));
  out.request_id = std::string(detail::view(resp.request_id));
  for (size_t i = 0; i < resp.header_count; ++i) {
    out.headers.emplace_back(detail::view(resp.headers[i].key), detail::view(resp.headers[i].value));
  }
  if (s != MLOBS_OK && out.status == 0 && out.error.empty()) out.error = "request not sent";
  return out;
}

// The component's configuration: typed values under "body." of the config record.
class Config {
 public:
  explicit Config(const mlobs_record* r) : rec_(r) {}
  bool has(std::string_view key) const { return rec_.has(path(key)); }
  std::string get_string(std::string_view key, std::string_view def = {}) const {
    return std::string(rec_.get_string(path(key)).value_or(def));
  }
  int64_t get_int(std::string_view key, int64_t def = 0) const {
    return rec_.get_int(path(key)).value_or(def);
  }
  double get_double(std::string_view key, double def = 0) const {
    return rec_.get_double(path(key)).value_or(def);
  }
  bool get_bool(std::string_view key, bool def = false) const {
    return rec_.get_bool(path(key)).value_or(def);
  }
  // DURATION keys arrive as milliseconds, SIZE keys as bytes.
  int64_t get_duration_ms(std::string_view key, int64_t def = 0) const { return get_int(key, def); }
  int64_t get_size_bytes(std::string_view key, int64_t def = 0) const { return get_int(key, def); }
  std::vector<std::string> get_list(std::string_view key) const {
    return rec_.get_string_list(path(key));
  }
  std::string to_json() const { return rec_.to_json("body"); }
  RecordRef record() const { return rec_; }

 private:
  static std::string path(std::string_view key) { return "body." + std::string(key); }
  RecordRef rec_;
};

namespace detail {
// The context of the component being constructed, so host() works in constructors too.
inline mlobs_host_ctx*& constructing_ctx() {
  thread_local mlobs_host_ctx* ctx = nullptr;
  return ctx;
}
}  // namespace detail

// Base of every component. The host context is available from the constructor on.
class Component {
 public:
  static constexpr uint32_t kFlags = 0;  // mlobs_component_desc.flags
  Component() : host_(detail::constructing_ctx()) {}
  virtual ~Component() = default;
  virtual Status configure(const Config&) { return Status(); }
  virtual Status start() { return Status(); }
  virtual Status flush() { return Status(); }
  virtual Status stop() { return Status(); }
  virtual Status tick(int64_t /*now_unix_nanos*/) { return Status(); }
  const Host& host() const { return host_; }
  void attach(mlobs_host_ctx* ctx) { host_ = Host(ctx); }

 private:
  Host host_{nullptr};
};

// Appends new records to the batch; appending none means "nothing now".
class Source : public Component {
 public:
  static constexpr mlobs_component_kind kKind = MLOBS_COMPONENT_SOURCE;
  virtual Status pull(Batch& batch) = 0;
  // Every sink accepted batches up to `sequence`: advance checkpoints.
  virtual void ack(uint64_t /*sequence*/) {}
};

// Transforms a batch in place.
class Processor : public Component {
 public:
  static constexpr mlobs_component_kind kKind = MLOBS_COMPONENT_PROCESSOR;
  virtual Status process(Batch& batch) = 0;
};

// A processor that only reads its batch, keeps state and sends records of its own with
// host().emit() (ABI 1.2): the batch goes downstream as it came, and the host shares it with the
// component instead of copying it. Its batch and records are read-only, as a sink's.
class ReadOnlyProcessor : public Processor {
 public:
  static constexpr uint32_t kFlags = MLOBS_PROCESSOR_READS_ONLY;
};

// Delivers a batch. Return Unavailable/ResourceExhausted to be retried later.
class Sink : public Component {
 public:
  static constexpr mlobs_component_kind kKind = MLOBS_COMPONENT_SINK;
  virtual Status write(Batch& batch) = 0;
};

// A declared configuration key.
struct ConfigKey {
  const char* name;
  mlobs_config_type type;
  bool required = false;
  const char* default_value = nullptr;
  const char* description = "";
};

namespace detail {

inline mlobs_status fail(mlobs_host_ctx* ctx, const Status& s) {
  if (!s.ok() && ctx) api()->set_error(ctx, view(s.message()));
  return s.code();
}

// Runs `f` (returning Status) with the exception barrier of the waist.
template <class F>
mlobs_status guarded(mlobs_host_ctx* ctx, F&& f) noexcept {
  try {
    return fail(ctx, f());
  } catch (const std::exception& e) {
    return fail(ctx, Status::Internal(std::string("uncaught exception: ") + e.what()));
  } catch (...) {
    return fail(ctx, Status::Internal("uncaught non-standard exception"));
  }
}

// The required keys of component type T, recorded by component<T>(). The host checks them before
// configure(); checking again here keeps a plugin safe when driven directly.
template <class T>
inline std::vector<std::string>& required_keys() {
  static std::vector<std::string> keys;
  return keys;
}

template <class T>
struct Trampolines {
  static T* self(void* p) { return static_cast<T*>(p); }
  static mlobs_host_ctx* ctx(void* p) { return self(p)->host().ctx(); }

  static mlobs_status create(mlobs_host_ctx* c, void** out) noexcept {
    return guarded(c, [&] {
      detail::constructing_ctx() = c;
      struct Reset {
        ~Reset() { detail::constructing_ctx() = nullptr; }
      } reset;
      auto obj = std::make_unique<T>();
      obj->attach(c);
      *out = obj.release();
      return Status();
    });
  }
  static mlobs_status configure(void* p, const mlobs_record* cfg) noexcept {
    return guarded(ctx(p), [&] {
      Config config(cfg);
      for (const std::string& key : required_keys<T>()) {
        if (!config.has(key)) return Status::InvalidArgument("missing required key \"" + key + "\"");
      }
      return self(p)->configure(config);
    });
  }
  static mlobs_status start(void* p) noexcept {
    return guarded(ctx(p), [&] { return self(p)->start(); });
  }
  static mlobs_status process(void* p, mlobs_batch* b) noexcept {
    return guarded(ctx(p), [&] {
      Batch batch(b);
      if constexpr (std::is_base_of_v<Source, T>) {
        return self(p)->pull(batch);
      } else if constexpr (std::is_base_of_v<Processor, T>) {
        return self(p)->process(batch);
      } else {
        return self(p)->write(batch);
      }
    });
  }
  static mlobs_status flush(void* p) noexcept {
    return guarded(ctx(p), [&] { return self(p)->flush(); });
  }
  static mlobs_status stop(void* p) noexcept {
    return guarded(ctx(p), [&] { return self(p)->stop(); });
  }
  static void destroy(void* p) noexcept {
    try {
      delete self(p);
    } catch (...) {
    }
  }
  static mlobs_status tick(void* p, int64_t now) noexcept {
    return guarded(ctx(p), [&] { return self(p)->tick(now); });
  }
  static void ack(void* p, uint64_t seq) noexcept {
    if constexpr (std::is_base_of_v<Source, T>) {
      guarded(ctx(p), [&] {
        self(p)->ack(seq);
        return Status();
      });
    }
  }
};

}  // namespace detail

// A component type as the plugin declares it; owns the C descriptor it points at.
class ComponentSpec {
 public:
  ComponentSpec(mlobs_component_kind kind, uint32_t flags, const char* type_name,
                const char* description, std::initializer_list<ConfigKey> keys,
                mlobs_component_vtable vtable)
      : vtable_(vtable) {
    for (const ConfigKey& k : keys) {
      mlobs_config_key c{};
      c.struct_size = sizeof(mlobs_config_key);
      c.name = k.name;
      c.type = k.type;
      c.flags = k.required ? MLOBS_CONFIG_REQUIRED : 0u;
      c.default_value = k.default_value;
      c.description = k.description;
      keys_.push_back(c);
    }
    desc_.struct_size = sizeof(mlobs_component_desc);
    desc_.kind = kind;
    desc_.flags = flags;
    desc_.type_name = type_name;
    desc_.description = description;
    desc_.vtable = &vtable_;
  }
  ComponentSpec(const ComponentSpec&) = delete;
  ComponentSpec& operator=(const ComponentSpec&) = delete;
  // Pointers are fixed once the spec is at its final address.
  const mlobs_component_desc* finish() {
    key_ptrs_.clear();
    for (auto& k : keys_) key_ptrs_.push_back(&k);
    desc_.config_keys = key_ptrs_.data();
    desc_.config_key_count = key_ptrs_.size();
    desc_.vtable = &vtable_;
    return &desc_;
  }

 private:
  mlobs_component_vtable vtable_;
  std::vector<mlobs_config_key> keys_;
  std::vector<const mlobs_config_key*> key_ptrs_;
  mlobs_component_desc desc_{};
};

// Declares component type T (derived from Source, Processor or Sink).
template <class T>
std::unique_ptr<ComponentSpec> component(const char* type_name, const char* description,
                                         std::initializer_list<ConfigKey> keys = {}) {
  static_assert(std::is_base_of_v<Component, T>, "T must derive from mlobs::Source/Processor/Sink");
  using Tr = detail::Trampolines<T>;
  mlobs_component_vtable vt{};
  vt.struct_size = sizeof(mlobs_component_vtable);
  vt.create = &Tr::create;
  vt.configure = &Tr::configure;
  vt.start = &Tr::start;
  vt.process = &Tr::process;
  vt.flush = &Tr::flush;
  vt.stop = &Tr::stop;
  vt.destroy = &Tr::destroy;
  vt.tick = &Tr::tick;
  vt.ack = std::is_base_of_v<Source, T> ? &Tr::ack : nullptr;
  detail::required_keys<T>().clear();
  for (const ConfigKey& k : keys) {
    if (k.required) detail::required_keys<T>().push_back(k.name);
  }
  return std::make_unique<ComponentSpec>(T::kKind, T::kFlags, type_name, description, keys, vt);
}

// Everything one plugin file declares.
class PluginSpec {
 public:
  template <class... Specs>
  PluginSpec(const char* id, const char* name, const char* version, const char* license,
             Specs... specs) {
    (components_.push_back(std::move(specs)), ...);
    for (auto& c : components_) descs_.push_back(c->finish());
    desc_.struct_size = sizeof(mlobs_plugin_desc);
    desc_.id = id;
    desc_.name = name;
    desc_.version = version;
    desc_.license = license;
    desc_.components = descs_.data();
    desc_.component_count = descs_.size();
  }
  const mlobs_plugin_desc* descriptor() const { return &desc_; }

 private:
  std::vector<std::unique_ptr<ComponentSpec>> components_;
  std::vector<const mlobs_component_desc*> descs_;
  mlobs_plugin_desc desc_{};
};

namespace detail {

// The body of mlobs_plugin_negotiate for a plugin built against this header.
template <class MakeSpec>
mlobs_status negotiate(MakeSpec&& make_spec, const mlobs_negotiate_request* req,
                       mlobs_negotiate_response* resp) noexcept {
  if (!req || !resp) return MLOBS_INVALID_ARGUMENT;
  // Write only what the host's response struct covers.
  auto covers = [&](size_t end) { return resp->struct_size >= end; };
  if (covers(offsetof(mlobs_negotiate_response, plugin_abi_minor) + sizeof(uint32_t))) {
    resp->plugin_abi_major = MLOBS_ABI_VERSION_MAJOR;
    resp->plugin_abi_minor = MLOBS_ABI_VERSION_MINOR;
  }
  auto fail_with = [&](mlobs_status code, const char* why) {
    if (covers(offsetof(mlobs_negotiate_response, error) + sizeof(const char*))) resp->error = why;
    return code;
  };
  if (req->host_abi_major != MLOBS_ABI_VERSION_MAJOR) {
    return fail_with(MLOBS_INCOMPATIBLE, "host speaks another ABI major version");
  }
  const mlobs_host_api* table = req->get_api ? req->get_api(MLOBS_ABI_VERSION_MINOR) : nullptr;
  if (!table) return fail_with(MLOBS_INCOMPATIBLE, "host ABI minor version is older than the plugin's");
  api() = table;
  try {
    static const PluginSpec& spec = make_spec();
    if (covers(offsetof(mlobs_negotiate_response, plugin) + sizeof(void*))) {
      resp->plugin = spec.descriptor();
    }
  } catch (...) {
    return fail_with(MLOBS_INTERNAL, "building the plugin descriptor failed");
  }
  return MLOBS_OK;
}

}  // namespace detail
}  // namespace v1
}  // namespace mlobs

// Declares the plugin file: id, name, version, license, then one mlobs::component<T>(...) per
// component type. Emits the single exported entry point.
#define MLOBS_PLUGIN(ID, NAME, VERSION, LICENSE, ...)                                         \
  extern "C" MLOBS_EXPORT mlobs_status mlobs_plugin_negotiate(                                \
      const mlobs_negotiate_request* request, mlobs_negotiate_response* response) {           \
    return ::mlobs::detail::negotiate(                                                        \
        []() -> const ::mlobs::PluginSpec& {                                                  \
          static const ::mlobs::PluginSpec spec(ID, NAME, VERSION, LICENSE, __VA_ARGS__);     \
          return spec;                                                                        \
        },                                                                                    \
        request, response);                                                                   \
  }
