/*
 * mlobs plugin ABI: the only contract between the mlobs agent and a plugin.
 *
 * Plain C, fixed-width types, no enums in fields or signatures. Rules:
 *  - One exported symbol: mlobs_plugin_negotiate(). Nothing is derived from the file name.
 *  - Every struct that crosses starts with `uint32_t struct_size`. Fields are only appended;
 *    a reader uses min(struct_size, sizeof(T)) and treats absent fields as zero ("default").
 *  - Arrays of descriptors are arrays of pointers, so a struct may grow without changing strides.
 *  - The host API is an append-only table fetched by minor version; each shipped minor ends with
 *    an "end of 1.N" marker, pinned by offsetof tests in tests/abi.
 *  - Nothing C++ crosses. Strings are (pointer, length) views. Errors are status codes plus a
 *    message handed to the host with set_error(), which copies it.
 *  - Ownership is stated in every doc block (OWNERSHIP). The host owns records and batches; a
 *    plugin borrows them for the length of a call. Whatever a side allocates, that side frees.
 *  - THREAD says which thread calls a function. Each component instance is driven by one host
 *    thread at a time, so a plugin needs no locks for its own instance state.
 *
 * A checksum of this file lives in plugin.h.sha256 and a test compares them: change the ABI
 * deliberately, bump the version, then update the checksum.
 */
#ifndef MLOBS_PLUGIN_H
#define MLOBS_PLUGIN_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ------------------------------------------------------------------------------------------ */
/* Versions                                                                                    */

/* A major mismatch is refused at load. A plugin built against an older minor keeps loading. */
#define MLOBS_ABI_VERSION_MAJOR 1
#define MLOBS_ABI_VERSION_MINOR 3

#if defined(_WIN32)
#define MLOBS_EXPORT __declspec(dllexport)
#else
#define MLOBS_EXPORT __attribute__((visibility("default")))
#endif

/* ------------------------------------------------------------------------------------------ */
/* Status codes                                                                                */

typedef int32_t mlobs_status;
#define MLOBS_OK 0
#define MLOBS_INVALID_ARGUMENT 1     /* bad input or config; not retried */
#define MLOBS_NOT_FOUND 2            /* a path, key or state entry does not exist */
#define MLOBS_FAILED_PRECONDITION 3  /* called in the wrong state, or a type mismatch */
#define MLOBS_RESOURCE_EXHAUSTED 4   /* sinks: full or rate-limited; retry later */
#define MLOBS_UNAVAILABLE 5          /* sinks: backend unreachable; retry later */
#define MLOBS_UNIMPLEMENTED 6        /* the callback or feature is not provided */
#define MLOBS_INTERNAL 7             /* a bug or unexpected failure; the component is restarted */
#define MLOBS_INCOMPATIBLE 8         /* ABI versions cannot be reconciled */

/* ------------------------------------------------------------------------------------------ */
/* Basic types                                                                                 */

/* A borrowed UTF-8 string view; not NUL-terminated. OWNERSHIP: borrowed, valid as stated by the
 * function that hands it out (at least until the call that produced it returns). */
typedef struct mlobs_str {
  const char* data;
  size_t size;
} mlobs_str;

/* A key/value pair of strings, used for structured log fields. OWNERSHIP: borrowed. */
typedef struct mlobs_field {
  mlobs_str key;
  mlobs_str value;
} mlobs_field;

/* Receives bytes the host writes out (JSON, state). Called zero or more times before the
 * function that takes it returns. OWNERSHIP: `data` is borrowed for the duration of the call. */
typedef void (*mlobs_write_fn)(void* user, const char* data, size_t size);

/* Opaque host-owned handles. */
typedef struct mlobs_record mlobs_record;     /* one typed record: envelope + JSON body */
typedef struct mlobs_batch mlobs_batch;       /* an ordered set of records */
typedef struct mlobs_host_ctx mlobs_host_ctx; /* one component instance as the host sees it */
typedef struct mlobs_metric mlobs_metric;     /* a metric family (name, type, label names) */
typedef struct mlobs_series mlobs_series;     /* one labelled series of a metric family */

/* Value types inside a record (mlobs_host_api.get_type). */
typedef int32_t mlobs_value_type;
#define MLOBS_TYPE_ABSENT 0
#define MLOBS_TYPE_NULL 1
#define MLOBS_TYPE_BOOL 2
#define MLOBS_TYPE_INT 3
#define MLOBS_TYPE_DOUBLE 4
#define MLOBS_TYPE_STRING 5
#define MLOBS_TYPE_ARRAY 6
#define MLOBS_TYPE_OBJECT 7

/* One member of an object as for_each_member reports it (Since: 1.1). The value is set for
 * scalars: int_value for INT and BOOL (0 or 1), double_value for DOUBLE and INT, string_value
 * for STRING; ARRAY and OBJECT carry only their type. OWNERSHIP: the struct is borrowed for
 * the callback; name and string_value, as get_string's views, until the record is next
 * modified or released (since 1.2; for the callback only in 1.1). */
typedef struct mlobs_member {
  uint32_t struct_size;
  mlobs_str name;
  mlobs_value_type type;
  int64_t int_value;
  double double_value;
  mlobs_str string_value;

  /* --- 1.2 --- */
  /* for_each_member_in: the index of `name` in the name set, -1 when the set lacks it;
   * for_each_member: -1. */
  int32_t name_index;
} mlobs_member;

/* A set of member names a component looks for, made by name_set_create (Since: 1.2). */
typedef struct mlobs_name_set mlobs_name_set;

/* Receives the members of an object one by one; returns nonzero to stop early. */
typedef int32_t (*mlobs_member_fn)(void* user, const mlobs_member* member);

/* Log levels. */
typedef int32_t mlobs_log_level;
#define MLOBS_LOG_DEBUG 0
#define MLOBS_LOG_INFO 1
#define MLOBS_LOG_WARN 2
#define MLOBS_LOG_ERROR 3

/* Metric types. */
typedef int32_t mlobs_metric_type;
#define MLOBS_METRIC_COUNTER 1
#define MLOBS_METRIC_GAUGE 2
#define MLOBS_METRIC_HISTOGRAM 3

/* Component kinds. */
typedef int32_t mlobs_component_kind;
#define MLOBS_COMPONENT_SOURCE 1
#define MLOBS_COMPONENT_PROCESSOR 2
#define MLOBS_COMPONENT_SINK 3

/* Config value types of a declared key. The host checks every configured value against the
 * declared type before create(), so a plugin reads values that are already well typed:
 * DURATION is handed over as an INT of milliseconds ("30s" -> 30000), SIZE as an INT of bytes
 * ("64MiB" -> 67108864), LIST as an ARRAY of strings, OBJECT as any JSON object. */
typedef int32_t mlobs_config_type;
#define MLOBS_CONFIG_STRING 1
#define MLOBS_CONFIG_INT 2
#define MLOBS_CONFIG_DOUBLE 3
#define MLOBS_CONFIG_BOOL 4
#define MLOBS_CONFIG_DURATION 5
#define MLOBS_CONFIG_SIZE 6
#define MLOBS_CONFIG_LIST 7
#define MLOBS_CONFIG_OBJECT 8

/* Flags of a declared config key. */
#define MLOBS_CONFIG_REQUIRED 1u

/* One HTTP request a sink sends through the host's client (http_send, since 1.3). The host adds
 * X-Request-ID (a fresh one when the request has none), User-Agent, and Content-Encoding when
 * the component's `http.compression` is gzip. OWNERSHIP: everything borrowed for the call. */
typedef struct mlobs_http_request {
  uint32_t struct_size;
  mlobs_str method; /* "POST", "PUT", ...; empty: POST */
  mlobs_str url;    /* http:// or https:// */
  const mlobs_field* headers;
  size_t header_count;
  mlobs_str body;
} mlobs_http_request;

/* The answer to an http_send (since 1.3). OWNERSHIP: every view is host-owned and valid until
 * the next http_send on the same ctx or the end of the callback that made the request. */
typedef struct mlobs_http_response {
  uint32_t struct_size;
  int32_t status;             /* the HTTP status; 0 when no response arrived */
  mlobs_str body;             /* decoded when the server compressed it */
  const mlobs_field* headers; /* names lower-case, in arrival order */
  size_t header_count;
  mlobs_str error;            /* why no response arrived (refused, timeout, TLS), else empty */
  mlobs_str request_id;       /* the X-Request-ID sent */
} mlobs_http_response;

/* ------------------------------------------------------------------------------------------ */
/* Host API: the functions a plugin may call. Fetched during negotiation.                     */
/*
 * Record paths: a record reads as the JSON object
 *   {"kind": ..., "id": ..., "source": ..., "observed_at": ..., "request_id": ..., "body": {...}}
 * and a path names a value in it with '.'-separated segments ("body.metrics.rmse"); a numeric
 * segment indexes an array ("body.results.0.check"). An empty path names the whole record.
 * Envelope fields are strings; observed_at is RFC 3339 UTC. Setters create missing objects
 * along the path. A component's configuration is handed over as a read-only record whose body
 * is the component's config map, so the same getters read config ("body.push.url").
 */
typedef struct mlobs_host_api {
  uint32_t struct_size; /* sizeof(mlobs_host_api) of the host */
  uint32_t abi_major;
  uint32_t abi_minor;

  /* Hands the host a message describing the failure the current callback is about to return.
   * OWNERSHIP: msg is copied. THREAD: any callback's thread. Since: 1.0 */
  void (*set_error)(mlobs_host_ctx* ctx, mlobs_str msg);

  /* Writes one structured log line (JSON) on behalf of the component; repeats are rate-limited
   * by the host. OWNERSHIP: everything borrowed. THREAD: any. Since: 1.0 */
  void (*log)(mlobs_host_ctx* ctx, mlobs_log_level level, mlobs_str msg, const mlobs_field* fields,
              size_t field_count);

  /* Returns nonzero when a log line at `level` would be written (skip building costly fields).
   * THREAD: any. Since: 1.0 */
  int32_t (*log_enabled)(mlobs_host_ctx* ctx, mlobs_log_level level);

  /* --- records --------------------------------------------------------------------------- */

  /* Creates an empty record of `kind` (body {}). source and observed_at are filled by the host
   * from the component and its clock; request_id is generated.
   * OWNERSHIP: the caller owns the record until it hands it to emit() or batch_append(), or
   * frees it with record_destroy(). THREAD: any. Since: 1.0 */
  mlobs_record* (*record_create)(mlobs_host_ctx* ctx, mlobs_str kind);

  /* Parses a whole record ({"kind":..., "body":...}; envelope fields optional except kind) or,
   * when `kind` is non-empty, a bare body JSON object for a record of that kind.
   * Returns INVALID_ARGUMENT with a message (set on ctx) on bad JSON, and (since 1.2) on text
   * that is not valid UTF-8.
   * OWNERSHIP: *out as for record_create. THREAD: any. Since: 1.0 */
  mlobs_status (*record_from_json)(mlobs_host_ctx* ctx, mlobs_str kind, mlobs_str json,
                                   mlobs_record** out);

  /* Deep copy. OWNERSHIP: as for record_create. THREAD: any. Since: 1.0 */
  mlobs_record* (*record_clone)(const mlobs_record* rec);

  /* Frees a record the caller owns. NULL is a no-op. THREAD: any. Since: 1.0 */
  void (*record_destroy)(mlobs_record* rec);

  /* Type of the value at `path`, MLOBS_TYPE_ABSENT when there is none. Since: 1.0 */
  mlobs_value_type (*get_type)(const mlobs_record* rec, mlobs_str path);

  /* Typed getters. NOT_FOUND when the path is absent, FAILED_PRECONDITION when the value has
   * another type (get_double accepts an INT; get_int accepts a DOUBLE with an integral value).
   * OWNERSHIP: a string view is borrowed until the record is next modified or released.
   * Since: 1.0 */
  mlobs_status (*get_bool)(const mlobs_record* rec, mlobs_str path, int32_t* out);
  mlobs_status (*get_int)(const mlobs_record* rec, mlobs_str path, int64_t* out);
  mlobs_status (*get_double)(const mlobs_record* rec, mlobs_str path, double* out);
  mlobs_status (*get_string)(const mlobs_record* rec, mlobs_str path, mlobs_str* out);

  /* Number of elements of an array or members of an object at path (0 for other types).
   * Since: 1.0 */
  size_t (*get_size)(const mlobs_record* rec, mlobs_str path);

  /* Name of the index-th member of the object at path. OWNERSHIP: borrowed as for get_string.
   * Since: 1.0 */
  mlobs_status (*get_key)(const mlobs_record* rec, mlobs_str path, size_t index, mlobs_str* out);

  /* Typed setters; missing objects along the path are created. Setting an envelope field
   * requires a string. FAILED_PRECONDITION when the path crosses a non-object, or the record
   * is one a sink received (read-only).
   * OWNERSHIP: values are copied. Since: 1.0 */
  mlobs_status (*set_null)(mlobs_record* rec, mlobs_str path);
  mlobs_status (*set_bool)(mlobs_record* rec, mlobs_str path, int32_t value);
  mlobs_status (*set_int)(mlobs_record* rec, mlobs_str path, int64_t value);
  mlobs_status (*set_double)(mlobs_record* rec, mlobs_str path, double value);
  mlobs_status (*set_string)(mlobs_record* rec, mlobs_str path, mlobs_str value);

  /* Parses `json` and stores the value at path. INVALID_ARGUMENT on bad JSON. Since: 1.0 */
  mlobs_status (*set_json)(mlobs_record* rec, mlobs_str path, mlobs_str json);

  /* Removes the value at path (NOT_FOUND when absent). Since: 1.0 */
  mlobs_status (*remove)(mlobs_record* rec, mlobs_str path);

  /* Serialises the value at path (the whole record for an empty path) as compact JSON through
   * `write`. OWNERSHIP: bytes borrowed for each write call. Since: 1.0 */
  mlobs_status (*to_json)(const mlobs_record* rec, mlobs_str path, mlobs_write_fn write, void* user);

  /* --- batches --------------------------------------------------------------------------- */

  /* Number of records in a batch. Since: 1.0 */
  size_t (*batch_size)(const mlobs_batch* batch);

  /* The index-th record. OWNERSHIP: borrowed for the length of the callback that received the
   * batch. NULL when out of range or removed. Since: 1.0 */
  mlobs_record* (*batch_get)(mlobs_batch* batch, size_t index);

  /* Appends a record (sources fill their batch; processors add to theirs).
   * OWNERSHIP: takes the record. Since: 1.0 */
  mlobs_status (*batch_append)(mlobs_batch* batch, mlobs_record* rec);

  /* Removes the index-th record from a processor's batch; it does not go downstream. Indexes
   * of other records do not change during the callback. Since: 1.0 */
  mlobs_status (*batch_remove)(mlobs_batch* batch, size_t index);

  /* How many records a source should append at most in one process() call. Since: 1.0 */
  size_t (*batch_capacity)(const mlobs_batch* batch);

  /* The sequence number the host gave a source's batch; ack() later names it. Since: 1.0 */
  uint64_t (*batch_sequence)(const mlobs_batch* batch);

  /* --- flow ------------------------------------------------------------------------------ */

  /* Sends a record downstream outside a batch (a processor's tick() or flush(), a source that
   * found work on a timer). Delivered after the current callback returns.
   * OWNERSHIP: takes the record. THREAD: the component's thread. Since: 1.0 */
  mlobs_status (*emit)(mlobs_host_ctx* ctx, mlobs_record* rec);

  /* Sends a record to the dead-letter output with a reason and optional "file"/"line"
   * context fields, and counts it in mlobs_records_rejected_total{component,reason}.
   * `reason` should be a short stable label (it becomes a metric label); details go in fields.
   * OWNERSHIP: all borrowed; the host copies what it keeps. A NULL rec records only the
   * reason and fields (input that never became a record). Since: 1.0 */
  void (*dead_letter)(mlobs_host_ctx* ctx, const mlobs_record* rec, mlobs_str reason,
                      const mlobs_field* fields, size_t field_count);

  /* Asks the host to call tick() every `interval_ms` (0 stops it). THREAD: component's.
   * Since: 1.0 */
  void (*schedule_tick)(mlobs_host_ctx* ctx, int64_t interval_ms);

  /* The host clock (Unix time in nanoseconds); tests may inject another. Since: 1.0 */
  int64_t (*now_unix_nanos)(mlobs_host_ctx* ctx);

  /* --- metrics --------------------------------------------------------------------------- */

  /* Registers a metric family or returns the existing one. The same name, type and label names
   * return the same family (re-registration after a reload is fine); the same name with another
   * type or other label names is FAILED_PRECONDITION with a message naming both.
   * `buckets` are upper bounds for histograms (ignored otherwise).
   * OWNERSHIP: *out is host-owned and valid until the agent exits. Since: 1.0 */
  mlobs_status (*metric_register)(mlobs_host_ctx* ctx, mlobs_metric_type type, mlobs_str name,
                                  mlobs_str help, const mlobs_str* label_names, size_t label_count,
                                  const double* buckets, size_t bucket_count, mlobs_metric** out);

  /* The series for these label values (created on first use). INVALID_ARGUMENT on a wrong
   * count. OWNERSHIP: host-owned, valid until the agent exits. THREAD: any. Since: 1.0 */
  mlobs_status (*metric_series)(mlobs_metric* metric, const mlobs_str* label_values,
                                size_t label_count, mlobs_series** out);

  /* Counter or gauge: adds `value` (counters ignore negative values). Histogram: observes it.
   * THREAD: any. Since: 1.0 */
  void (*series_add)(mlobs_series* series, double value);

  /* Gauge: sets the value (ignored for other types). THREAD: any. Since: 1.0 */
  void (*series_set)(mlobs_series* series, double value);

  /* Removes a series so it is no longer exposed (bounded cardinality). Since: 1.0 */
  void (*series_remove)(mlobs_metric* metric, mlobs_series* series);

  /* --- state store ----------------------------------------------------------------------- */

  /* Durably stores a small value under `key` for this component (atomic write and rename in
   * the agent's data_dir). OWNERSHIP: copied. THREAD: any (since 1.1; component's in 1.0),
   * so a slow disk can be waited on off the component's thread; calls for one key must not
   * overlap. Since: 1.0 */
  mlobs_status (*state_put)(mlobs_host_ctx* ctx, mlobs_str key, mlobs_str value);

  /* Reads a stored value through `write`. NOT_FOUND when absent. Since: 1.0 */
  mlobs_status (*state_get)(mlobs_host_ctx* ctx, mlobs_str key, mlobs_write_fn write, void* user);

  /* Deletes a stored value (OK when absent). Since: 1.0 */
  mlobs_status (*state_delete)(mlobs_host_ctx* ctx, mlobs_str key);

  /* --- helpers --------------------------------------------------------------------------- */

  /* Parses "250ms", "30s", "5m", "1h", "2d" into milliseconds. Since: 1.0 */
  mlobs_status (*parse_duration)(mlobs_str text, int64_t* out_ms);

  /* The component id from the config (e.g. "serving"). OWNERSHIP: borrowed, valid for the
   * component's lifetime. Since: 1.0 */
  mlobs_str (*component_id)(mlobs_host_ctx* ctx);

  /* end of 1.0: do not modify above */

  /* --- 1.1 ------------------------------------------------------------------------------- */

  /* Calls `fn` once per member of the object at `path` ("body" for the body), in order, in one
   * crossing: a component that reads most fields of a record pays one call, not a getter per
   * field. NOT_FOUND when the path is absent, FAILED_PRECONDITION when it is not an object.
   * OWNERSHIP: record borrowed; see mlobs_member. THREAD: any. Since: 1.1 */
  mlobs_status (*for_each_member)(const mlobs_record* rec, mlobs_str path, mlobs_member_fn fn,
                                  void* user);

  /* end of 1.1: do not modify above */

  /* --- 1.2 ------------------------------------------------------------------------------- */

  /* Makes a set of the `count` names a component looks for in records (the fields it reads),
   * for for_each_member_in(). A name given twice keeps its first index. NULL when out of
   * memory. OWNERSHIP: names copied; the caller owns the set and frees it with
   * name_set_destroy(). THREAD: any. Since: 1.2 */
  mlobs_name_set* (*name_set_create)(const mlobs_str* names, size_t count);
  void (*name_set_destroy)(mlobs_name_set* set);

  /* for_each_member, with each member's index in `set` in mlobs_member.name_index. Records of
   * one stream share their member names, and the host matches a shape of body to the set once,
   * so a component reads its fields without comparing a name per member. THREAD: any, but one
   * thread at a time per set (it remembers the last shape matched). Since: 1.2 */
  mlobs_status (*for_each_member_in)(const mlobs_record* rec, mlobs_str path,
                                     mlobs_name_set* set, mlobs_member_fn fn, void* user);

  /* end of 1.2: do not modify above */

  /* --- 1.3 ------------------------------------------------------------------------------- */

  /* Sends one HTTP request with the agent's client for this component: the connection is kept
   * for the next request, and the component's host-owned `http:` settings apply (timeout,
   * connect_timeout, compression, tls.verify, tls.ca_file). Returns OK when a response arrived,
   * whatever its status; UNAVAILABLE when none did (response->error says why); INVALID_ARGUMENT
   * for a request that cannot be sent (no URL, another scheme). The host remembers a
   * Retry-After of the response and waits at least that long before it retries the batch.
   * OWNERSHIP: see mlobs_http_request and mlobs_http_response. THREAD: the component's.
   * Since: 1.3 */
  mlobs_status (*http_send)(mlobs_host_ctx* ctx, const mlobs_http_request* request,
                            mlobs_http_response* response);

  /* A sink about to return UNAVAILABLE or RESOURCE_EXHAUSTED asks the host to wait at least
   * `ms` before it retries the batch (a rate limit the backend announced in its own way).
   * THREAD: the component's. Since: 1.3 */
  void (*retry_after)(mlobs_host_ctx* ctx, int64_t ms);

  /* end of 1.3: do not modify above */
} mlobs_host_api;

/* ------------------------------------------------------------------------------------------ */
/* Components                                                                                  */

/* The lifecycle of one component instance:
 *   create -> configure -> start -> (process | tick | ack)* -> flush -> stop -> destroy
 * destroy is legal without start; stop is idempotent; flush may be called any number of times.
 * Every callback of one instance runs on that instance's host thread (THREAD: component's).
 * A callback that fails returns a status and may call set_error() first.
 *
 * The meaning of process() depends on the kind:
 *   SOURCE     append up to batch_capacity() new records to the empty batch; appending none
 *              means "nothing now" (the host waits a poll interval, and `run --once` ends).
 *   PROCESSOR  transform the batch in place: modify, remove or append records; what remains
 *              goes downstream. A processor declared MLOBS_PROCESSOR_READS_ONLY (since 1.2)
 *              gets a read-only batch instead, as a sink does, which goes downstream as it
 *              came; what it makes it sends with emit().
 *   SINK       deliver the batch. OK: accepted (durably, as far as the sink goes). One call is
 *              one attempt: the host retries, with backoff, behind the sink's buffer (since
 *              1.3 a memory or disk buffer per sink, host-owned keys `buffer`, `retry`, `http`).
 *              The batch and its records are read-only (since 1.1): sinks may share one
 *              batch, so setters, batch_append and batch_remove return FAILED_PRECONDITION.
 *              UNAVAILABLE or RESOURCE_EXHAUSTED: retried later with backoff.
 *              Anything else: the batch goes to the dead-letter output with the message. */
typedef struct mlobs_component_vtable {
  uint32_t struct_size;

  /* Allocates an instance. OWNERSHIP: the plugin owns *out_self; destroy() frees it. The ctx
   * is valid until destroy() returns. */
  mlobs_status (*create)(mlobs_host_ctx* ctx, void** out_self);

  /* Reads configuration from `config` (a read-only record; body = the component's map, typed
   * per the declared keys). OWNERSHIP: config borrowed for the call. */
  mlobs_status (*configure)(void* self, const mlobs_record* config);

  /* Opens files, connections, timers. Not called again without stop() in between. */
  mlobs_status (*start)(void* self);

  /* See above. OWNERSHIP: batch borrowed for the call. */
  mlobs_status (*process)(void* self, mlobs_batch* batch);

  /* Pushes out whatever is held (sinks: buffered writes; processors: may emit()). */
  mlobs_status (*flush)(void* self);

  /* Closes what start() opened. Idempotent. */
  mlobs_status (*stop)(void* self);

  /* Frees the instance. May be NULL-safe for an instance that failed configure. */
  void (*destroy)(void* self);

  /* Optional (NULL when unused). Called every schedule_tick() interval with the host clock. */
  mlobs_status (*tick)(void* self, int64_t now_unix_nanos);

  /* Optional, sources only. Every sink downstream accepted the batch numbered `sequence` and
   * every batch before it: the source may advance its checkpoint up to it. Called in order. */
  void (*ack)(void* self, uint64_t sequence);
} mlobs_component_vtable;

/* One configuration key a component accepts. The host rejects keys that are not declared. */
typedef struct mlobs_config_key {
  uint32_t struct_size;
  const char* name;          /* dotted for nested maps: "push.url" */
  mlobs_config_type type;
  uint32_t flags;            /* MLOBS_CONFIG_REQUIRED */
  const char* default_value; /* as it would be written in YAML; NULL for none */
  const char* description;
} mlobs_config_key;

/* mlobs_component_desc.flags (since 1.2).
 * MLOBS_PROCESSOR_READS_ONLY: the processor never changes, appends to or removes from its batch
 * (it reads, keeps state and emit()s records of its own). The host then shares with it the
 * batch other consumers read instead of copying it for it: a component that watches a stream
 * costs nothing per record it lets through. */
#define MLOBS_PROCESSOR_READS_ONLY 1u

/* A component type a plugin provides. OWNERSHIP: static plugin data, valid while loaded. */
typedef struct mlobs_component_desc {
  uint32_t struct_size;
  mlobs_component_kind kind;
  const char* type_name; /* the `type:` in configs, e.g. "jsonl_file" */
  const char* description;
  const mlobs_config_key* const* config_keys;
  size_t config_key_count;
  const mlobs_component_vtable* vtable;

  /* --- 1.2 --- */
  uint32_t flags; /* MLOBS_PROCESSOR_READS_ONLY; zero from plugins built before 1.2 */
} mlobs_component_desc;

/* What a plugin file provides. OWNERSHIP: static plugin data, valid while loaded. */
typedef struct mlobs_plugin_desc {
  uint32_t struct_size;
  const char* id; /* reverse-DNS style, e.g. "io.mlobs.generic" */
  const char* name;
  const char* version;
  const char* license;
  const mlobs_component_desc* const* components;
  size_t component_count;
} mlobs_plugin_desc;

/* ------------------------------------------------------------------------------------------ */
/* Negotiation: the one exported entry point                                                   */

/* Returns the host API table for `minor` of the host's major, or NULL when the host is older
 * than that minor. OWNERSHIP: static host data, valid while the plugin is loaded. */
typedef const mlobs_host_api* (*mlobs_get_api_fn)(uint32_t minor);

/* Filled by the host. */
typedef struct mlobs_negotiate_request {
  uint32_t struct_size;
  uint32_t host_abi_major;
  uint32_t host_abi_minor; /* the newest minor the host speaks; it speaks every older one too */
  mlobs_get_api_fn get_api;
} mlobs_negotiate_request;

/* Filled by the plugin (struct_size is set by the host; write only fields it covers). */
typedef struct mlobs_negotiate_response {
  uint32_t struct_size;
  uint32_t plugin_abi_major; /* the version the plugin was built against */
  uint32_t plugin_abi_minor;
  const mlobs_plugin_desc* plugin;
  const char* error; /* static NUL-terminated reason when the result is not OK */
} mlobs_negotiate_response;

/* The entry point. Returns OK with the descriptor, or INCOMPATIBLE (still filling the
 * plugin's ABI version so the host can name both) or another status with `error`.
 * THREAD: the host's loader thread, once per load. */
typedef mlobs_status (*mlobs_plugin_negotiate_fn)(const mlobs_negotiate_request* request,
                                                  mlobs_negotiate_response* response);

#define MLOBS_PLUGIN_ENTRY_POINT "mlobs_plugin_negotiate"

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* MLOBS_PLUGIN_H */
