// A small HTTP filter written against the raw Proxy-Wasm ABI 0.2.1, with no SDK: the harness must
// run any Proxy-Wasm module, not only ones built with this project's Java SDK.
//
// Behaviour, by request path:
//   /deny     local reply 403 "denied" (the callback returns CONTINUE: Envoy still stops)
//   /call     HTTP call to cluster "auth"; 200 lets the request on with x-auth: ok, else 401
//   /missing  reports the status of reading an absent header in x-missing-status
//   anything  adds x-c-filter, replaces user-agent, removes x-remove-me
// Configuration: "reject" fails proxy_on_configure; "tick" sets a 100 ms tick period.
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define IMPORT(name) __attribute__((import_module("env"), import_name(#name)))
#define EXPORT(name) __attribute__((export_name(#name)))

IMPORT(proxy_log) int proxy_log(int level, const char *msg, size_t size);
IMPORT(proxy_get_buffer_bytes) int proxy_get_buffer_bytes(int type, size_t start, size_t max, char **ptr, size_t *size);
IMPORT(proxy_set_buffer_bytes) int proxy_set_buffer_bytes(int type, size_t start, size_t size, const char *data, size_t data_size);
IMPORT(proxy_get_header_map_value) int proxy_get_header_map_value(int type, const char *key, size_t key_size, char **ptr, size_t *size);
IMPORT(proxy_add_header_map_value) int proxy_add_header_map_value(int type, const char *key, size_t key_size, const char *value, size_t value_size);
IMPORT(proxy_replace_header_map_value) int proxy_replace_header_map_value(int type, const char *key, size_t key_size, const char *value, size_t value_size);
IMPORT(proxy_remove_header_map_value) int proxy_remove_header_map_value(int type, const char *key, size_t key_size);
IMPORT(proxy_send_local_response) int proxy_send_local_response(uint32_t status, const char *details, size_t details_size, const char *body, size_t body_size, const char *headers, size_t headers_size, int32_t grpc_status);
IMPORT(proxy_http_call) int proxy_http_call(const char *cluster, size_t cluster_size, const char *headers, size_t headers_size, const char *body, size_t body_size, const char *trailers, size_t trailers_size, uint32_t timeout, uint32_t *token);
IMPORT(proxy_define_metric) int proxy_define_metric(int type, const char *name, size_t name_size, uint32_t *id);
IMPORT(proxy_increment_metric) int proxy_increment_metric(uint32_t id, int64_t delta);
IMPORT(proxy_set_effective_context) int proxy_set_effective_context(uint32_t id);
IMPORT(proxy_continue_stream) int proxy_continue_stream(int type);
IMPORT(proxy_set_tick_period_milliseconds) int proxy_set_tick_period_milliseconds(uint32_t millis);
IMPORT(proxy_set_shared_data) int proxy_set_shared_data(const char *key, size_t key_size, const char *value, size_t value_size, uint32_t cas);
IMPORT(proxy_get_property) int proxy_get_property(const char *path, size_t path_size, char **ptr, size_t *size);

enum { REQUEST_HEADERS = 0, RESPONSE_HEADERS = 2, CALL_RESPONSE_HEADERS = 6 };
enum { REQUEST_BODY = 0, CALL_RESPONSE_BODY = 4, PLUGIN_CONFIGURATION = 7 };
enum { INFO = 2, WARN = 3 };

static uint32_t requests_counter;
static uint32_t ticks_counter;
static uint32_t pending_call_token;
static uint32_t pending_call_stream;

#define S(literal) literal, sizeof(literal) - 1

EXPORT(proxy_abi_version_0_2_1) void abi_marker(void) {}

EXPORT(proxy_on_memory_allocate) void *on_memory_allocate(size_t size) { return malloc(size); }

static void logf_(int level, const char *format, int value) {
  char line[128];
  int n = snprintf(line, sizeof line, format, value);
  proxy_log(level, line, (size_t)n);
}

// A serialised header map of up to four pairs, in the ABI's wire format.
static size_t pairs(char *out, int count, const char **kv) {
  uint32_t *lengths = (uint32_t *)out;
  lengths[0] = (uint32_t)count;
  char *data = out + 4 + 8 * count;
  for (int i = 0; i < 2 * count; i++) {
    size_t n = strlen(kv[i]);
    lengths[1 + i] = (uint32_t)n;
    memcpy(data, kv[i], n);
    data[n] = 0;
    data += n + 1;
  }
  return (size_t)(data - out);
}

EXPORT(proxy_on_context_create) void on_context_create(uint32_t id, uint32_t parent) {}

EXPORT(proxy_on_vm_start) int on_vm_start(uint32_t id, size_t vm_configuration_size) {
  printf("vm started, root context %u\n", id);
  return 1;
}

EXPORT(proxy_on_configure) int on_configure(uint32_t id, size_t size) {
  char *config = 0;
  size_t config_size = 0;
  if (size > 0) {
    proxy_get_buffer_bytes(PLUGIN_CONFIGURATION, 0, size, &config, &config_size);
  }
  if (config_size == 6 && memcmp(config, "reject", 6) == 0) {
    proxy_log(WARN, S("rejecting configuration \"reject\""));
    return 0;
  }
  if (config_size == 4 && memcmp(config, "tick", 4) == 0) {
    proxy_set_tick_period_milliseconds(100);
  }
  char *root_id = 0;
  size_t root_id_size = 0;
  proxy_get_property(S("plugin_root_id"), &root_id, &root_id_size);
  char line[128];
  int n = snprintf(line, sizeof line, "configured root id '%.*s'", (int)root_id_size, root_id);
  proxy_log(INFO, line, (size_t)n);
  proxy_define_metric(0, S("c_filter_requests"), &requests_counter);
  proxy_define_metric(0, S("c_filter_ticks"), &ticks_counter);
  proxy_set_shared_data(S("c_filter_started"), S("yes"), 0);
  free(config);
  free(root_id);
  return 1;
}

EXPORT(proxy_on_tick) void on_tick(uint32_t id) { proxy_increment_metric(ticks_counter, 1); }

static int path_is(const char *path, size_t size, const char *expected) {
  return size == strlen(expected) && memcmp(path, expected, size) == 0;
}

EXPORT(proxy_on_request_headers) int on_request_headers(uint32_t id, size_t headers, int end_of_stream) {
  proxy_increment_metric(requests_counter, 1);
  logf_(INFO, "request headers: %d", (int)headers);
  char *path = 0;
  size_t path_size = 0;
  proxy_get_header_map_value(REQUEST_HEADERS, S(":path"), &path, &path_size);
  int action = 0;
  if (path_is(path, path_size, "/deny")) {
    char extra[128];
    const char *kv[] = {"x-deny-reason", "path"};
    size_t extra_size = pairs(extra, 1, kv);
    proxy_send_local_response(403, S("access denied"), S("denied"), extra, extra_size, -1);
  } else if (path_is(path, path_size, "/deny-json")) {
    char extra[128];
    const char *kv[] = {"Content-Type", "application/json", "content-length", "999"};
    size_t extra_size = pairs(extra, 2, kv);
    proxy_send_local_response(403, S("access denied"), S("{\"denied\":true}"), extra, extra_size, -1);
  } else if (path_is(path, path_size, "/call")) {
    char call[256];
    const char *kv[] = {":method", "GET", ":path", "/check", ":authority", "auth.local"};
    size_t call_size = pairs(call, 3, kv);
    int status = proxy_http_call(S("auth"), call, call_size, 0, 0, 0, 0, 1000, &pending_call_token);
    logf_(INFO, "http call status %d", status);
    pending_call_stream = id;
    action = 1;
  } else if (path_is(path, path_size, "/missing")) {
    char *value = 0;
    size_t value_size = 0;
    int status = proxy_get_header_map_value(REQUEST_HEADERS, S("x-nope"), &value, &value_size);
    char text[16];
    int n = snprintf(text, sizeof text, "%d", status);
    proxy_add_header_map_value(REQUEST_HEADERS, S("x-missing-status"), text, (size_t)n);
  }
  proxy_add_header_map_value(REQUEST_HEADERS, S("x-c-filter"), S("1"));
  proxy_replace_header_map_value(REQUEST_HEADERS, S("user-agent"), S("c-filter"));
  proxy_remove_header_map_value(REQUEST_HEADERS, S("x-remove-me"));
  free(path);
  return action;
}

EXPORT(proxy_on_request_body) int on_request_body(uint32_t id, size_t size, int end_of_stream) {
  if (!end_of_stream) {
    return 1; // buffer until the whole body is there
  }
  proxy_set_buffer_bytes(REQUEST_BODY, 0, 0, S("["));
  proxy_set_buffer_bytes(REQUEST_BODY, size + 1, 0, S("]"));
  return 0;
}

EXPORT(proxy_on_response_headers) int on_response_headers(uint32_t id, size_t headers, int end_of_stream) {
  char text[16];
  int n = snprintf(text, sizeof text, "%u", id);
  proxy_add_header_map_value(RESPONSE_HEADERS, S("x-c-response"), text, (size_t)n);
  return 0;
}

EXPORT(proxy_on_http_call_response) void on_http_call_response(uint32_t root, uint32_t token, size_t headers, size_t body_size, size_t trailers) {
  if (token != pending_call_token) {
    return;
  }
  char *status = 0;
  size_t status_size = 0;
  proxy_get_header_map_value(CALL_RESPONSE_HEADERS, S(":status"), &status, &status_size);
  char *body = 0;
  size_t got = 0;
  if (body_size > 0) {
    proxy_get_buffer_bytes(CALL_RESPONSE_BODY, 0, body_size, &body, &got);
  }
  proxy_set_effective_context(pending_call_stream);
  if (headers > 0 && status_size == 3 && memcmp(status, "200", 3) == 0) {
    proxy_add_header_map_value(REQUEST_HEADERS, S("x-auth"), body, got);
    proxy_continue_stream(0);
  } else {
    logf_(WARN, "auth call failed with %d headers", (int)headers);
    proxy_send_local_response(401, S("auth failed"), S("unauthorized"), 0, 0, -1);
  }
  free(status);
  free(body);
}
