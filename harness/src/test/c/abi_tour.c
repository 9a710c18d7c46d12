// A tour of the Proxy-Wasm ABI 0.2.1 groups the raw_abi_filter does not touch, written against
// the raw ABI. It logs what each host call returned, so tests can check the host's semantics.
//
// HTTP request paths: /shared /metrics /property /grpc /foreign /enqueue /unavailable
// TCP: upper-cases client data unless it contains "hold" (then pauses), prefixes upstream data.
#define _GNU_SOURCE // memmem
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define IMPORT(name) __attribute__((import_module("env"), import_name(#name)))
#define EXPORT(name) __attribute__((export_name(#name)))
#define S(literal) literal, sizeof(literal) - 1

IMPORT(proxy_log) int proxy_log(int level, const char *msg, size_t size);
IMPORT(proxy_get_buffer_bytes) int proxy_get_buffer_bytes(int type, size_t start, size_t max, char **ptr, size_t *size);
IMPORT(proxy_set_buffer_bytes) int proxy_set_buffer_bytes(int type, size_t start, size_t size, const char *data, size_t data_size);
IMPORT(proxy_get_buffer_status) int proxy_get_buffer_status(int type, size_t *size, uint32_t *flags);
IMPORT(proxy_get_header_map_value) int proxy_get_header_map_value(int type, const char *key, size_t key_size, char **ptr, size_t *size);
IMPORT(proxy_get_shared_data) int proxy_get_shared_data(const char *key, size_t key_size, char **ptr, size_t *size, uint32_t *cas);
IMPORT(proxy_set_shared_data) int proxy_set_shared_data(const char *key, size_t key_size, const char *value, size_t value_size, uint32_t cas);
IMPORT(proxy_register_shared_queue) int proxy_register_shared_queue(const char *name, size_t name_size, uint32_t *token);
IMPORT(proxy_resolve_shared_queue) int proxy_resolve_shared_queue(const char *vm, size_t vm_size, const char *name, size_t name_size, uint32_t *token);
IMPORT(proxy_enqueue_shared_queue) int proxy_enqueue_shared_queue(uint32_t token, const char *data, size_t size);
IMPORT(proxy_dequeue_shared_queue) int proxy_dequeue_shared_queue(uint32_t token, char **ptr, size_t *size);
IMPORT(proxy_define_metric) int proxy_define_metric(int type, const char *name, size_t name_size, uint32_t *id);
IMPORT(proxy_increment_metric) int proxy_increment_metric(uint32_t id, int64_t delta);
IMPORT(proxy_record_metric) int proxy_record_metric(uint32_t id, uint64_t value);
IMPORT(proxy_get_metric) int proxy_get_metric(uint32_t id, uint64_t *value);
IMPORT(proxy_get_property) int proxy_get_property(const char *path, size_t path_size, char **ptr, size_t *size);
IMPORT(proxy_set_property) int proxy_set_property(const char *path, size_t path_size, const char *value, size_t value_size);
IMPORT(proxy_grpc_call) int proxy_grpc_call(const char *service, size_t service_size, const char *name, size_t name_size, const char *method, size_t method_size, const char *metadata, size_t metadata_size, const char *message, size_t message_size, uint32_t timeout, uint32_t *token);
IMPORT(proxy_grpc_stream) int proxy_grpc_stream(const char *service, size_t service_size, const char *name, size_t name_size, const char *method, size_t method_size, const char *metadata, size_t metadata_size, uint32_t *token);
IMPORT(proxy_grpc_send) int proxy_grpc_send(uint32_t token, const char *message, size_t size, int end_stream);
IMPORT(proxy_get_status) int proxy_get_status(uint32_t *code, char **ptr, size_t *size);
IMPORT(proxy_call_foreign_function) int proxy_call_foreign_function(const char *name, size_t name_size, const char *args, size_t args_size, char **results, size_t *results_size);

enum { INFO = 2 };
enum { REQUEST_HEADERS = 0, RESPONSE_HEADERS = 2, GRPC_INITIAL_METADATA = 4 };
enum { REQUEST_BODY = 0, DOWNSTREAM_DATA = 2, UPSTREAM_DATA = 3, GRPC_MESSAGE = 5, FOREIGN_ARGS = 8 };

static uint32_t queue_token;

static void say(const char *format, ...) __attribute__((format(printf, 1, 2)));
#include <stdarg.h>
static void say(const char *format, ...) {
  char line[256];
  va_list args;
  va_start(args, format);
  int n = vsnprintf(line, sizeof line, format, args);
  va_end(args);
  proxy_log(INFO, line, (size_t)n);
}

EXPORT(proxy_abi_version_0_2_1) void abi_marker(void) {}
EXPORT(proxy_on_memory_allocate) void *on_memory_allocate(size_t size) { return malloc(size); }

EXPORT(proxy_on_configure) int on_configure(uint32_t id, size_t size) {
  int status = proxy_register_shared_queue(S("tour"), &queue_token);
  say("register queue: %d token %u", status, queue_token);
  return 1;
}

EXPORT(proxy_on_queue_ready) void on_queue_ready(uint32_t root, uint32_t token) {
  char *item = 0;
  size_t size = 0;
  int status = proxy_dequeue_shared_queue(token, &item, &size);
  say("dequeue: %d '%.*s'", status, (int)size, item);
  free(item);
  status = proxy_dequeue_shared_queue(token, &item, &size);
  say("dequeue again: %d", status);
}

static void shared(void) {
  char *value = 0;
  size_t size = 0;
  uint32_t cas = 0;
  say("get absent: %d", proxy_get_shared_data(S("tour-key"), &value, &size, &cas));
  say("set: %d", proxy_set_shared_data(S("tour-key"), S("v1"), 0));
  int status = proxy_get_shared_data(S("tour-key"), &value, &size, &cas);
  say("get: %d '%.*s'", status, (int)size, value);
  free(value);
  say("set stale cas: %d", proxy_set_shared_data(S("tour-key"), S("v2"), cas + 1));
  say("set matching cas: %d", proxy_set_shared_data(S("tour-key"), S("v3"), cas));
}

static void metrics(void) {
  uint32_t counter, gauge, histogram;
  proxy_define_metric(0, S("tour_counter"), &counter);
  proxy_define_metric(1, S("tour_gauge"), &gauge);
  proxy_define_metric(2, S("tour_histogram"), &histogram);
  say("define bad type: %d", proxy_define_metric(7, S("bad"), &counter));
  say("counter +0: %d", proxy_increment_metric(counter, 0));
  say("counter -1: %d", proxy_increment_metric(counter, -1));
  say("counter +5: %d", proxy_increment_metric(counter, 5));
  say("gauge -2: %d", proxy_increment_metric(gauge, -2));
  say("histogram record: %d", proxy_record_metric(histogram, 42));
  uint64_t value = 0;
  say("histogram get: %d", proxy_get_metric(histogram, &value));
  int status = proxy_get_metric(counter, &value);
  say("counter get: %d %llu", status, (unsigned long long)value);
  say("unknown id: %d", proxy_increment_metric(400, 1));
}

static void property(void) {
  char *value = 0;
  size_t size = 0;
  int status = proxy_get_property(S("request\0path"), &value, &size);
  say("request.path: %d '%.*s'", status, (int)size, value);
  free(value);
  status = proxy_get_property(S("source\0address"), &value, &size);
  say("source.address: %d '%.*s'", status, (int)size, value);
  free(value);
  say("set my_state: %d", proxy_set_property(S("my_state"), S("kept")));
  status = proxy_get_property(S("my_state"), &value, &size);
  say("my_state: %d '%.*s'", status, (int)size, value);
  free(value);
  say("absent: %d", proxy_get_property(S("no\0such"), &value, &size));
}

static void grpc(void) {
  uint32_t call = 0, stream = 0;
  int status = proxy_grpc_call(S("grpc_cluster"), S("tour.Svc"), S("Unary"), 0, 0, S("ping"), 500, &call);
  say("grpc call: %d token %u", status, call);
  status = proxy_grpc_stream(S("grpc_cluster"), S("tour.Svc"), S("Stream"), 0, 0, &stream);
  say("grpc stream: %d token %u", status, stream);
  say("grpc send: %d", proxy_grpc_send(stream, S("m1"), 1));
  say("grpc send on call: %d", proxy_grpc_send(call, S("m1"), 0));
  say("grpc unknown cluster: %d", proxy_grpc_call(S("nowhere"), S("s"), S("m"), 0, 0, 0, 0, 0, &call));
}

static void foreign(void) {
  char *result = 0;
  size_t size = 0;
  int status = proxy_call_foreign_function(S("echo"), S("abc"), &result, &size);
  say("foreign echo: %d '%.*s'", status, (int)size, result);
  free(result);
  say("foreign missing: %d", proxy_call_foreign_function(S("missing"), S(""), &result, &size));
}

static void unavailable(void) {
  size_t size = 99;
  uint32_t flags = 0;
  say("request body status: %d size %zu", proxy_get_buffer_status(REQUEST_BODY, &size, &flags), size);
  char *value = 0;
  size_t value_size = 0;
  say("response header now: %d", proxy_get_header_map_value(RESPONSE_HEADERS, S(":status"), &value, &value_size));
  say("bad map type: %d", proxy_get_header_map_value(9, S("x"), &value, &value_size));
  say("bad buffer type: %d", proxy_get_buffer_status(12, &size, &flags));
}

EXPORT(proxy_on_request_headers) int on_request_headers(uint32_t id, size_t headers, int end_of_stream) {
  char *path = 0;
  size_t size = 0;
  proxy_get_header_map_value(REQUEST_HEADERS, S(":path"), &path, &size);
  if (size == 7 && memcmp(path, "/shared", 7) == 0) shared();
  if (size == 8 && memcmp(path, "/metrics", 8) == 0) metrics();
  if (size == 9 && memcmp(path, "/property", 9) == 0) property();
  if (size == 5 && memcmp(path, "/grpc", 5) == 0) grpc();
  if (size == 8 && memcmp(path, "/foreign", 8) == 0) foreign();
  if (size == 12 && memcmp(path, "/unavailable", 12) == 0) unavailable();
  if (size == 8 && memcmp(path, "/enqueue", 8) == 0) {
    uint32_t token = 0;
    int status = proxy_resolve_shared_queue(S(""), S("tour"), &token);
    say("resolve: %d same token %d", status, token == queue_token);
    say("enqueue: %d", proxy_enqueue_shared_queue(token, S("from-stream")));
  }
  free(path);
  return 0;
}

EXPORT(proxy_on_grpc_receive_initial_metadata) void on_grpc_initial(uint32_t root, uint32_t token, size_t n) {
  char *value = 0;
  size_t size = 0;
  int status = proxy_get_header_map_value(GRPC_INITIAL_METADATA, S("x-md"), &value, &size);
  say("grpc initial metadata %u: %d '%.*s'", token, status, (int)size, value);
  free(value);
}

EXPORT(proxy_on_grpc_receive) void on_grpc_receive(uint32_t root, uint32_t token, size_t size) {
  char *message = 0;
  size_t got = 0;
  proxy_get_buffer_bytes(GRPC_MESSAGE, 0, size, &message, &got);
  say("grpc message %u: '%.*s'", token, (int)got, message);
  free(message);
}

EXPORT(proxy_on_grpc_close) void on_grpc_close(uint32_t root, uint32_t token, uint32_t code) {
  uint32_t status = 0;
  char *message = 0;
  size_t size = 0;
  proxy_get_status(&status, &message, &size);
  say("grpc close %u: %u '%.*s'", token, status, (int)size, message);
  free(message);
}

EXPORT(proxy_on_foreign_function) void on_foreign_function(uint32_t root, uint32_t function, size_t size) {
  char *args = 0;
  size_t got = 0;
  proxy_get_buffer_bytes(FOREIGN_ARGS, 0, size, &args, &got);
  say("foreign function %u: '%.*s'", function, (int)got, args);
  free(args);
}

EXPORT(proxy_on_new_connection) int on_new_connection(uint32_t id) {
  say("new connection %u", id);
  return 0;
}

EXPORT(proxy_on_downstream_data) int on_downstream_data(uint32_t id, size_t size, int end_of_stream) {
  char *data = 0;
  size_t got = 0;
  proxy_get_buffer_bytes(DOWNSTREAM_DATA, 0, size, &data, &got);
  int hold = got >= 4 && memmem(data, got, "hold", 4) != 0;
  if (!hold) {
    for (size_t i = 0; i < got; i++) {
      if (data[i] >= 'a' && data[i] <= 'z') data[i] -= 32;
    }
    proxy_set_buffer_bytes(DOWNSTREAM_DATA, 0, got, data, got);
  }
  free(data);
  return hold;
}

EXPORT(proxy_on_upstream_data) int on_upstream_data(uint32_t id, size_t size, int end_of_stream) {
  proxy_set_buffer_bytes(UPSTREAM_DATA, 0, 0, S("<"));
  return 0;
}

EXPORT(proxy_on_downstream_connection_close) void on_downstream_close(uint32_t id, int peer) {
  say("downstream closed by %d", peer);
}

EXPORT(proxy_on_done) int on_done(uint32_t id) {
  say("done %u", id);
  return 1;
}

EXPORT(proxy_on_delete) void on_delete(uint32_t id) { say("delete %u", id); }
