// A filter whose instruction profile is known in advance, for the profile tests: on request
// headers, spin() runs as many rounds as the x-rounds header says, and stamp() adds one header,
// the same work whatever the rounds.
#include <stdint.h>
#include <stdlib.h>

#define IMPORT(name) __attribute__((import_module("env"), import_name(#name)))
#define EXPORT(name) __attribute__((export_name(#name)))

IMPORT(proxy_get_header_map_value) int proxy_get_header_map_value(int type, const char *key, size_t key_size, char **ptr, size_t *size);
IMPORT(proxy_add_header_map_value) int proxy_add_header_map_value(int type, const char *key, size_t key_size, const char *value, size_t value_size);

enum { REQUEST_HEADERS = 0 };

#define S(literal) literal, sizeof(literal) - 1

// Volatile, so clang can neither drop the loop nor replace it by its closed form.
static volatile uint32_t sink;

EXPORT(proxy_abi_version_0_2_1) void abi_marker(void) {}

EXPORT(proxy_on_memory_allocate) void *on_memory_allocate(size_t size) { return malloc(size); }

__attribute__((noinline)) static void spin(uint32_t rounds) {
  for (uint32_t i = 0; i < rounds; i++) {
    sink += i;
  }
}

__attribute__((noinline)) static void stamp(void) {
  proxy_add_header_map_value(REQUEST_HEADERS, S("x-stamped"), S("1"));
}

static uint32_t rounds_requested(void) {
  char *value = 0;
  size_t size = 0;
  uint32_t rounds = 0;
  if (proxy_get_header_map_value(REQUEST_HEADERS, S("x-rounds"), &value, &size) == 0) {
    for (size_t i = 0; i < size && value[i] >= '0' && value[i] <= '9'; i++) {
      rounds = rounds * 10 + (uint32_t)(value[i] - '0');
    }
    free(value);
  }
  return rounds;
}

EXPORT(proxy_on_request_headers) int on_request_headers(uint32_t id, size_t headers, int end_of_stream) {
  spin(rounds_requested());
  stamp();
  return 0;
}
