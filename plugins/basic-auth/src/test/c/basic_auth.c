// The benchmark's reference point: the basic-auth check written in C against the raw Proxy-Wasm
// ABI 0.2.1, doing per request what the Java plugin does for one prefix rule without hosts:
// read :method, :path and authorization (one host call each, only when needed), accept the Basic
// scheme case-insensitively, decode canonical base64, find the user in a hash table and compare
// the whole credential in constant time, then answer 401 with WWW-Authenticate or continue, and
// count the outcome.
//
// Configuration (not JSON: parsing it is not what is measured), one item per line:
//   realm
//   path prefix
//   methods, separated by spaces
//   user:password   (any number of lines)
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define IMPORT(name) __attribute__((import_module("env"), import_name(#name)))
#define EXPORT(name) __attribute__((export_name(#name)))

IMPORT(proxy_get_buffer_bytes) int proxy_get_buffer_bytes(int type, size_t start, size_t max, char **ptr, size_t *size);
IMPORT(proxy_get_header_map_value) int proxy_get_header_map_value(int type, const char *key, size_t key_size, char **ptr, size_t *size);
IMPORT(proxy_send_local_response) int proxy_send_local_response(uint32_t status, const char *details, size_t details_size, const char *body, size_t body_size, const char *headers, size_t headers_size, int32_t grpc_status);
IMPORT(proxy_define_metric) int proxy_define_metric(int type, const char *name, size_t name_size, uint32_t *id);
IMPORT(proxy_increment_metric) int proxy_increment_metric(uint32_t id, int64_t delta);

#define S(literal) literal, sizeof(literal) - 1
enum { REQUEST_HEADERS = 0, PLUGIN_CONFIGURATION = 7, COUNTER = 0 };

static const char NO_CREDENTIALS[] = "Request denied by Basic Auth check. No Basic Authentication information found.";
static const char INVALID_CREDENTIALS[] = "Request denied by Basic Auth check. Invalid username and/or password";

struct credential {
  struct credential *next;
  size_t user_size;
  size_t size;
  char bytes[];
};

#define BUCKETS 4096
static struct credential *buckets[BUCKETS];
static char *config;
static char *prefix;
static size_t prefix_size;
static char *methods;
static size_t methods_size;
static char denial_headers[256];
static size_t denial_headers_size;
static uint32_t allowed_counter;
static uint32_t denied_counter;

EXPORT(proxy_abi_version_0_2_1) void abi_marker(void) {}
EXPORT(proxy_on_memory_allocate) void *on_memory_allocate(size_t size) { return malloc(size); }
EXPORT(proxy_on_context_create) void on_context_create(uint32_t id, uint32_t parent) {}
EXPORT(proxy_on_vm_start) int on_vm_start(uint32_t id, size_t size) { return 1; }

static uint32_t hash(const char *bytes, size_t size) {
  uint32_t h = 2166136261u;
  for (size_t i = 0; i < size; i++) {
    h = (h ^ (uint8_t)bytes[i]) * 16777619u;
  }
  return h % BUCKETS;
}

static size_t user_size(const char *bytes, size_t size) {
  const char *colon = memchr(bytes, ':', size);
  return colon ? (size_t)(colon - bytes) : size;
}

static char *next_line(char **cursor, char *end, size_t *size) {
  char *line = *cursor;
  char *newline = memchr(line, '\n', (size_t)(end - line));
  char *line_end = newline ? newline : end;
  *size = (size_t)(line_end - line);
  *cursor = newline ? newline + 1 : end;
  return line;
}

EXPORT(proxy_on_configure) int on_configure(uint32_t id, size_t size) {
  size_t got = 0;
  if (size == 0 || proxy_get_buffer_bytes(PLUGIN_CONFIGURATION, 0, size, &config, &got) != 0) {
    return 0;
  }
  char *cursor = config, *end = config + got;
  size_t realm_size;
  char *realm = next_line(&cursor, end, &realm_size);
  prefix = next_line(&cursor, end, &prefix_size);
  methods = next_line(&cursor, end, &methods_size);
  while (cursor < end) {
    size_t n;
    char *line = next_line(&cursor, end, &n);
    struct credential *c = malloc(sizeof *c + n);
    c->user_size = user_size(line, n);
    c->size = n;
    memcpy(c->bytes, line, n);
    uint32_t b = hash(line, c->user_size);
    c->next = buckets[b];
    buckets[b] = c;
  }
  // The one header of a denial, serialised once: count, name and value sizes, then the strings.
  static const char name[] = "WWW-Authenticate";
  static const char basic[] = "Basic realm=";
  uint32_t *sizes = (uint32_t *)denial_headers;
  sizes[0] = 1;
  sizes[1] = sizeof name - 1;
  sizes[2] = (uint32_t)(sizeof basic - 1 + realm_size);
  char *p = denial_headers + 12;
  memcpy(p, name, sizeof name);
  p += sizeof name;
  memcpy(p, basic, sizeof basic - 1);
  p += sizeof basic - 1;
  memcpy(p, realm, realm_size);
  p += realm_size;
  *p++ = 0;
  denial_headers_size = (size_t)(p - denial_headers);
  proxy_define_metric(COUNTER, S("basic_auth.allowed"), &allowed_counter);
  proxy_define_metric(COUNTER, S("basic_auth.denied"), &denied_counter);
  return 1;
}

static int method_listed(const char *method, size_t size) {
  const char *p = methods, *end = methods + methods_size;
  while (p < end) {
    const char *space = memchr(p, ' ', (size_t)(end - p));
    size_t n = space ? (size_t)(space - p) : (size_t)(end - p);
    if (n == size && memcmp(p, method, n) == 0) {
      return 1;
    }
    p += n + 1;
  }
  return 0;
}

static int8_t base64_value(char c) {
  if (c >= 'A' && c <= 'Z') return (int8_t)(c - 'A');
  if (c >= 'a' && c <= 'z') return (int8_t)(c - 'a' + 26);
  if (c >= '0' && c <= '9') return (int8_t)(c - '0' + 52);
  if (c == '+') return 62;
  if (c == '/') return 63;
  return -1;
}

// Canonical base64 (padding optional) into out; returns the length, or -1 when malformed.
static long base64_decode(const char *in, size_t size, char *out) {
  if (size >= 4 && size % 4 == 0 && in[size - 1] == '=') {
    size -= in[size - 2] == '=' ? 2 : 1;
  }
  if (size % 4 == 1) return -1;
  uint32_t bits = 0;
  int count = 0;
  long n = 0;
  for (size_t i = 0; i < size; i++) {
    int8_t v = base64_value(in[i]);
    if (v < 0) return -1;
    bits = (bits << 6) | (uint32_t)v;
    count += 6;
    if (count >= 8) {
      count -= 8;
      out[n++] = (char)(bits >> count);
      bits &= (1u << count) - 1;
    }
  }
  return bits == 0 ? n : -1;
}

static int constant_time_equal(const char *presented, size_t size, const struct credential *c) {
  uint32_t diff = (uint32_t)(size ^ c->size);
  for (size_t i = 0; i < c->size; i++) {
    uint8_t p = i < size ? (uint8_t)presented[i] : 0;
    diff |= p ^ (uint8_t)c->bytes[i];
  }
  return diff == 0;
}

static int is_space(char c) { return c == ' ' || c == '\t'; }

// 0: no Basic credentials, 1: invalid, 2: accepted.
static int check_authorization(const char *value, size_t size) {
  size_t start = 0, end = size;
  while (end > 0 && is_space(value[end - 1])) end--;
  while (start < end && is_space(value[start])) start++;
  size_t scheme_end = start;
  while (scheme_end < end && !is_space(value[scheme_end])) scheme_end++;
  if (scheme_end - start != 5 || strncasecmp(value + start, "basic", 5) != 0) return 0;
  size_t token = scheme_end;
  while (token < end && is_space(value[token])) token++;
  if (token == end) return 1;
  char *decoded = malloc((end - token) / 4 * 3 + 3);
  long n = base64_decode(value + token, end - token, decoded);
  int accepted = 0;
  if (n >= 0) {
    size_t user = user_size(decoded, (size_t)n);
    for (struct credential *c = buckets[hash(decoded, user)]; c; c = c->next) {
      if (c->user_size == user && memcmp(c->bytes, decoded, user) == 0) {
        accepted |= constant_time_equal(decoded, (size_t)n, c);
      }
    }
  }
  free(decoded);
  return accepted ? 2 : 1;
}

static int deny(const char *message, size_t size) {
  proxy_increment_metric(denied_counter, 1);
  proxy_send_local_response(401, message, size, message, size, denial_headers, denial_headers_size, -1);
  return 1;
}

EXPORT(proxy_on_request_headers) int on_request_headers(uint32_t id, size_t headers, int end_of_stream) {
  char *method = 0, *path = 0, *authorization = 0;
  size_t method_size = 0, path_size = 0, authorization_size = 0;
  int action = 0;
  proxy_get_header_map_value(REQUEST_HEADERS, S(":method"), &method, &method_size);
  if (method && method_listed(method, method_size)) {
    proxy_get_header_map_value(REQUEST_HEADERS, S(":path"), &path, &path_size);
    if (path_size >= prefix_size && memcmp(path, prefix, prefix_size) == 0) {
      proxy_get_header_map_value(REQUEST_HEADERS, S("authorization"), &authorization, &authorization_size);
      switch (authorization ? check_authorization(authorization, authorization_size) : 0) {
        case 0: action = deny(S(NO_CREDENTIALS)); break;
        case 1: action = deny(S(INVALID_CREDENTIALS)); break;
        default: proxy_increment_metric(allowed_counter, 1);
      }
    }
  }
  free(method);
  free(path);
  free(authorization);
  return action;
}
