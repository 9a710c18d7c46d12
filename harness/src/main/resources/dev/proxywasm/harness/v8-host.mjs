// A small Proxy-Wasm ABI 0.2.1 host for Node's V8, Envoy's default Wasm runtime, to time a
// plugin's request path where a host call costs nanoseconds (wasmtime-java costs ~19 us per call).
// It is a timing and cross-checking tool, not a full host: one plugin context, HTTP request
// streams only (no response, no upstreams), and only the imports listed in `env` and `wasi` below.
//
//   node v8-host.mjs input.json    (written by dev.proxywasm.harness.V8Benchmark)
//
// Prints one JSON object on stdout; on failure it has an `error` and the exit code is 1.
// Semantics follow proxy-wasm/spec abi-versions/v0.2.1, proxy-wasm-cpp-host src/exports.cc and
// Envoy's source/extensions/common/wasm/context.cc, as the Java harness (ProxyAbi.java) does.
import { readFileSync } from 'node:fs';
import { randomFillSync } from 'node:crypto';
import { performance } from 'node:perf_hooks';

const input = JSON.parse(readFileSync(process.argv[2], 'utf8'));

// proxy_status_t
const OK = 0, NOT_FOUND = 1, BAD_ARGUMENT = 2, INVALID_MEMORY_ACCESS = 6, CAS_MISMATCH = 8,
  UNIMPLEMENTED = 12;
// WASI errno, as cpp-host returns them.
const WASI_SUCCESS = 0, WASI_BADF = 8, WASI_FAULT = 21, WASI_INVAL = 28, WASI_NOSYS = 52,
  WASI_NOTSUP = 58;
const LOG_INFO = 2, LOG_WARN = 3, LOG_ERROR = 4, LOG_CRITICAL = 5;
// Lines below this level are dropped without being read, as Envoy drops lines below its level.
const HOST_LOG_LEVEL = LOG_WARN;
const MAP_TYPE_MAX = 7, BUFFER_TYPE_MAX = 8, STREAM_TYPE_MAX = 3;
const REQUEST_HEADERS = 0; // proxy_map_type_t
const REQUEST_BODY = 0, HTTP_CALL_RESPONSE_BODY = 4, VM_CONFIGURATION = 6, PLUGIN_CONFIGURATION = 7; // proxy_buffer_type_t
const STREAM_REQUEST = 0, STREAM_RESPONSE = 1, STREAM_UPSTREAM = 3; // proxy_stream_type_t
const RANDOM_GET_MAX = 64 * 1024; // cpp-host's PROXY_WASM_HOST_WASI_RANDOM_GET_MAX_SIZE_BYTES
const ROOT_ID = 1; // context ids start at 1 with the plugin context, as in the Java harness

const encoder = new TextEncoder();
const decoder = new TextDecoder();
const fromBase64 = (s) => new Uint8Array(Buffer.from(s, 'base64'));
const EMPTY = new Uint8Array(0);

// ---- guest memory: views are renewed when the memory grows (growth detaches the old buffer)

let memory, u8, view, allocator;
const OUT_OF_BOUNDS = new Error('out of bounds');

function refresh() {
  if (u8.buffer !== memory.buffer) {
    u8 = new Uint8Array(memory.buffer);
    view = new DataView(memory.buffer);
  }
}

function check(ptr, size) {
  if (ptr + size > u8.length) throw OUT_OF_BOUNDS;
}

/** A view of guest bytes (not a copy: slice() what is kept). */
function bytes(ptr, size) {
  ptr >>>= 0; size >>>= 0;
  check(ptr, size);
  return u8.subarray(ptr, ptr + size);
}

const text = (ptr, size) => decoder.decode(bytes(ptr, size));

function setU32(ptr, value) {
  ptr >>>= 0;
  check(ptr, 4);
  view.setUint32(ptr, value, true);
}

function setU64(ptr, value) {
  ptr >>>= 0;
  check(ptr, 8);
  view.setBigUint64(ptr, BigInt(value), true);
}

/** Memory from the plugin's own allocator: malloc if exported, else proxy_on_memory_allocate (cpp-host's order). */
function allocate(size) {
  const ptr = allocator(size) >>> 0;
  refresh();
  if (ptr === 0 || ptr + size > u8.length) throw OUT_OF_BOUNDS;
  return ptr;
}

/** cpp-host's copyToPointerSize: one allocation, the bytes, then pointer and size; empty is (0, 0). */
function copyOut(data, ptrPtr, sizePtr) {
  let ptr = 0;
  if (data.length > 0) {
    ptr = allocate(data.length);
    u8.set(data, ptr);
  }
  setU32(ptrPtr, ptr);
  setU32(sizePtr, data.length);
}

// ---- header maps: ordered [name, value] byte pairs, names lower-cased on the way in (Envoy)

function lowerCase(name) {
  const out = Uint8Array.from(name);
  for (let i = 0; i < out.length; i++) if (out[i] >= 65 && out[i] <= 90) out[i] += 32;
  return out;
}

/** Whether the entry name equals the guest's key (ptr, size), compared as Envoy does, lower-cased. */
function sameName(name, ptr, size) {
  if (name.length !== size) return false;
  for (let i = 0; i < size; i++) {
    let c = u8[ptr + i];
    if (c >= 65 && c <= 90) c += 32;
    if (name[i] !== c) return false;
  }
  return true;
}

function findHeader(map, ptr, size) {
  ptr >>>= 0; size >>>= 0;
  check(ptr, size);
  for (let i = 0; i < map.length; i++) if (sameName(map[i][0], ptr, size)) return i;
  return -1;
}

/** The wire format: u32 count, (u32 name length, u32 value length) per pair, then each name and value NUL-terminated. */
function pairsSize(map) {
  let size = 4;
  for (const [name, value] of map) size += 8 + name.length + value.length + 2;
  return size;
}

function writePairsAt(map, target, targetView, ptr) {
  targetView.setUint32(ptr, map.length, true);
  let lengths = ptr + 4;
  let data = ptr + 4 + 8 * map.length;
  for (const [name, value] of map) {
    targetView.setUint32(lengths, name.length, true);
    targetView.setUint32(lengths + 4, value.length, true);
    lengths += 8;
    target.set(name, data);
    data += name.length;
    target[data++] = 0;
    target.set(value, data);
    data += value.length;
    target[data++] = 0;
  }
}

/** Serialises `map` straight into one allocation of the plugin's; an empty map is (0, 0), as Envoy sends it. */
function writePairs(map, ptrPtr, sizePtr) {
  if (map.length === 0) return copyOut(EMPTY, ptrPtr, sizePtr);
  const size = pairsSize(map);
  const ptr = allocate(size);
  writePairsAt(map, u8, view, ptr);
  setU32(ptrPtr, ptr);
  setU32(sizePtr, size);
}

function encodePairs(map) {
  if (map.length === 0) return EMPTY;
  const out = new Uint8Array(pairsSize(map));
  writePairsAt(map, out, new DataView(out.buffer), 0);
  return out;
}

/** cpp-host's toPairs: a buffer too short for its count or its lengths has no pairs. */
function readPairs(data) {
  if (data.length < 4) return [];
  const v = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const count = v.getUint32(0, true);
  if (4 + count * 8 > data.length) return [];
  const pairs = [];
  let pos = 4 + count * 8;
  for (let i = 0; i < count; i++) {
    const nameLength = v.getUint32(4 + i * 8, true), valueLength = v.getUint32(8 + i * 8, true);
    if (pos + nameLength + valueLength + 2 > data.length) return [];
    const name = data.slice(pos, pos + nameLength);
    pos += nameLength + 1;
    pairs.push([name, data.slice(pos, pos + valueLength)]);
    pos += valueLength + 1;
  }
  return pairs;
}

const pairsAsText = (map) => map.map(([name, value]) => [decoder.decode(name), decoder.decode(value)]);

// ---- contexts: the plugin context and one stream per request

const root = { id: ROOT_ID, configuring: false };
const contexts = new Map([[ROOT_ID, root]]);
let current = root;
let effective = null; // proxy_set_effective_context, for the rest of the running callback
let stopIteration = false; // proxy_send_local_response makes Envoy stop whatever the callback returns
let initializing = false;

/** The context host functions act on. Only logging, clocks, random, args and environment may run while initialising. */
function context() {
  if (initializing) {
    throw new Error('the plugin called a Proxy-Wasm host function while initialising'
      + ' (_initialize/_start), where Envoy allows only logging, clocks, random, args and environment');
  }
  return effective ?? current;
}

function newStream(id, headers) {
  return {
    id, headers: headers.slice(), headersVisible: false, body: null, bodyVisible: false,
    inLog: false, continued: false, reset: false, localResponse: null,
  };
}

/** Envoy keeps a map reachable only in the callbacks that own it; in the access log the request headers are readable. */
function readableMap(ctx, type) {
  if (type !== REQUEST_HEADERS || ctx.headers === undefined) return null;
  return ctx.headersVisible || ctx.inLog ? ctx.headers : null;
}

const mutableMap = (ctx, type) =>
  type === REQUEST_HEADERS && ctx.headersVisible && !ctx.inLog ? ctx.headers : null;

/** The buffer of `type` as the context sees it now; null is NotFound (the Java harness's rules). */
function buffer(ctx, type) {
  switch (type) {
    case REQUEST_BODY: return ctx.bodyVisible ? ctx.body : EMPTY;
    case VM_CONFIGURATION: return vmConfig;
    case PLUGIN_CONFIGURATION: return ctx.configuring ? pluginConfig : null;
    case HTTP_CALL_RESPONSE_BODY: return null; // there are no calls
    default: return EMPTY;
  }
}

// ---- properties: the plugin's own, what the caller set, and request.* from the request headers

const properties = new Map([
  ['plugin_name', encoder.encode(input.pluginName)],
  ['plugin_root_id', encoder.encode(input.rootId)],
  ['plugin_vm_id', encoder.encode(input.vmId)],
  ...input.properties.map(([path, value]) => [path, encoder.encode(value)]),
]);

/** Envoy's request attributes, read from the stream's headers as they are now. */
function requestProperty(ctx, path) {
  if (ctx.headers === undefined || !path.startsWith('request\0')) return null;
  const header = (name) => {
    const wanted = encoder.encode(name);
    const entry = ctx.headers.find(([n]) => n.length === wanted.length && n.every((c, i) => c === wanted[i]));
    return entry ? entry[1] : null;
  };
  switch (path.substring(8)) {
    case 'path': return header(':path');
    case 'url_path': {
      const p = header(':path');
      const query = p ? p.indexOf(63 /* ? */) : -1;
      return query >= 0 ? p.subarray(0, query) : p;
    }
    case 'host': return header(':authority');
    case 'method': return header(':method');
    case 'scheme': return header(':scheme');
    case 'id': return header('x-request-id');
    case 'referer': return header('referer');
    case 'useragent': return header('user-agent');
    case 'headers': return encodePairs(ctx.headers);
    default: return null;
  }
}

// ---- metrics, with Envoy's ids: the type in the two low bits, a new id per definition

const COUNTER = 0, GAUGE = 1, HISTOGRAM = 2;
const metricsByName = new Map();
const metricsById = new Map();
const nextMetricId = [COUNTER, GAUGE, HISTOGRAM];

function defineMetric(type, name) {
  const key = type + ':' + name;
  if (!metricsByName.has(key)) metricsByName.set(key, { name, type, value: 0 });
  nextMetricId[type] += 4;
  metricsById.set(nextMetricId[type], metricsByName.get(key));
  return nextMetricId[type];
}

function metricValues() {
  const values = {};
  for (const m of metricsByName.values()) if (m.type !== HISTOGRAM) values[m.name] = m.value;
  return values;
}

// ---- what the plugin did

const logs = []; // warn and above, from start-up and the first request
let keepLogs = true;
let laterLogLines = 0;

function log(level, message) {
  if (keepLogs) logs.push({ level, message });
  else laterLogLines++;
}

const sharedData = new Map();
let nextCas = 1;

// ---- the host functions

/** Bad guest memory is InvalidMemoryAccess, as in cpp-host; anything else is a host failure. */
function guarded(fn, outOfBounds = INVALID_MEMORY_ACCESS) {
  return function (a, b, c, d, e, f, g, h, i, j) {
    refresh();
    try {
      return fn(a, b, c, d, e, f, g, h, i, j);
    } catch (err) {
      if (err === OUT_OF_BOUNDS) return outOfBounds;
      throw err;
    }
  };
}

const env = {
  proxy_log(level, ptr, size) {
    if (level >>> 0 > LOG_CRITICAL) return BAD_ARGUMENT;
    const message = bytes(ptr, size);
    if (level >= HOST_LOG_LEVEL) log(level, decoder.decode(message));
    return OK;
  },

  proxy_get_log_level(levelPtr) {
    setU32(levelPtr, HOST_LOG_LEVEL);
    return OK;
  },

  proxy_get_current_time_nanoseconds(resultPtr) {
    setU64(resultPtr, wallClockNanos());
    return OK;
  },

  proxy_get_property(pathPtr, pathSize, ptrPtr, sizePtr) {
    const ctx = context();
    const path = text(pathPtr, pathSize); // segments separated by NUL, as the plugin sent them
    const value = requestProperty(ctx, path) ?? properties.get(path);
    if (value == null) return NOT_FOUND;
    copyOut(value, ptrPtr, sizePtr);
    return OK;
  },

  proxy_get_header_map_pairs(type, ptrPtr, sizePtr) {
    if (type >>> 0 > MAP_TYPE_MAX) return BAD_ARGUMENT;
    writePairs(readableMap(context(), type) ?? [], ptrPtr, sizePtr);
    return OK;
  },

  proxy_get_header_map_value(type, keyPtr, keySize, ptrPtr, sizePtr) {
    if (type >>> 0 > MAP_TYPE_MAX) return BAD_ARGUMENT;
    const ctx = context();
    const map = readableMap(ctx, type);
    // Envoy: a map outside the callbacks that own it is BadArgument, except in the access log.
    if (map === null) return ctx.inLog ? NOT_FOUND : BAD_ARGUMENT;
    const index = findHeader(map, keyPtr, keySize);
    if (index < 0) return NOT_FOUND;
    copyOut(map[index][1], ptrPtr, sizePtr);
    return OK;
  },

  proxy_add_header_map_value(type, keyPtr, keySize, valuePtr, valueSize) {
    if (type >>> 0 > MAP_TYPE_MAX) return BAD_ARGUMENT;
    const key = lowerCase(bytes(keyPtr, keySize)), value = bytes(valuePtr, valueSize).slice();
    const map = mutableMap(context(), type);
    if (map === null) return BAD_ARGUMENT;
    map.push([key, value]);
    return OK;
  },

  // Envoy's setCopy: every entry of the name goes, one new entry is appended.
  proxy_replace_header_map_value(type, keyPtr, keySize, valuePtr, valueSize) {
    if (type >>> 0 > MAP_TYPE_MAX) return BAD_ARGUMENT;
    const value = bytes(valuePtr, valueSize).slice();
    const map = mutableMap(context(), type);
    if (map === null) return BAD_ARGUMENT;
    removeAll(map, keyPtr, keySize);
    map.push([lowerCase(bytes(keyPtr, keySize)), value]);
    return OK;
  },

  proxy_remove_header_map_value(type, keyPtr, keySize) {
    if (type >>> 0 > MAP_TYPE_MAX) return BAD_ARGUMENT;
    const map = mutableMap(context(), type);
    if (map === null) return BAD_ARGUMENT;
    removeAll(map, keyPtr, keySize);
    return OK;
  },

  proxy_get_buffer_status(type, lengthPtr, flagsPtr) {
    if (type >>> 0 > BUFFER_TYPE_MAX) return BAD_ARGUMENT;
    const data = buffer(context(), type);
    if (data === null) return NOT_FOUND;
    setU32(lengthPtr, data.length);
    setU32(flagsPtr, 0);
    return OK;
  },

  proxy_get_buffer_bytes(type, start, length, ptrPtr, sizePtr) {
    if (type >>> 0 > BUFFER_TYPE_MAX) return BAD_ARGUMENT;
    const data = buffer(context(), type);
    if (data === null) return NOT_FOUND;
    start >>>= 0;
    // Past the end is Envoy's "buffer overflow" BadArgument; a long read is cut short; nothing to
    // read leaves the return slots untouched, as in cpp-host.
    if (start > data.length) return BAD_ARGUMENT;
    const count = Math.min(length >>> 0, data.length - start);
    if (count > 0) copyOut(data.subarray(start, start + count), ptrPtr, sizePtr);
    return OK;
  },

  // Envoy's body writes: prepend (0, 0), replace all (0, >= size) or append (start >= size).
  proxy_set_buffer_bytes(type, start, length, dataPtr, dataSize) {
    if (type >>> 0 > BUFFER_TYPE_MAX) return BAD_ARGUMENT;
    const ctx = context();
    const data = bytes(dataPtr, dataSize).slice();
    if (type !== REQUEST_BODY || !ctx.bodyVisible) return buffer(ctx, type) === null ? NOT_FOUND : BAD_ARGUMENT;
    start >>>= 0; length >>>= 0;
    const body = ctx.body;
    if (start === 0 && length === 0) ctx.body = concat(data, body);
    else if (start === 0 && length >= body.length) ctx.body = data;
    else if (start >= body.length) ctx.body = concat(body, data);
    else return BAD_ARGUMENT;
    return OK;
  },

  proxy_send_local_response(status, detailsPtr, detailsSize, bodyPtr, bodySize, headersPtr,
    headersSize, grpcStatus) {
    const ctx = context();
    const details = bytes(detailsPtr, detailsSize).slice();
    const body = bytes(bodyPtr, bodySize).slice();
    const headers = bytes(headersPtr, headersSize).slice();
    // Envoy sends it after the callback; a second one in the same stream is ignored.
    if (ctx.headers !== undefined && ctx.localResponse === null) {
      ctx.localResponse = { status: status >>> 0, details, body, headers, grpcStatus };
    }
    stopIteration = true;
    return OK;
  },

  proxy_continue_stream(type) {
    if (type >>> 0 > STREAM_TYPE_MAX) return BAD_ARGUMENT;
    if (type === STREAM_UPSTREAM) return UNIMPLEMENTED;
    const ctx = context();
    if (ctx.headers !== undefined && (type === STREAM_REQUEST || type === STREAM_RESPONSE)) {
      // As in Envoy, the request's maps and body are unreachable at once; the stream resumes after the callback.
      ctx.headersVisible = false;
      ctx.bodyVisible = false;
      ctx.continued = type === STREAM_REQUEST;
    }
    return OK;
  },

  proxy_close_stream(type) {
    if (type >>> 0 > STREAM_TYPE_MAX) return BAD_ARGUMENT;
    const ctx = context();
    if (ctx.headers !== undefined) ctx.reset = true; // Envoy resets the stream after the callback
    return OK;
  },

  proxy_set_effective_context(id) {
    const ctx = contexts.get(id >>> 0);
    if (ctx === undefined) return BAD_ARGUMENT;
    effective = ctx;
    return OK;
  },

  proxy_define_metric(type, namePtr, nameSize, idPtr) {
    const name = text(namePtr, nameSize);
    if (type >>> 0 > HISTOGRAM) return BAD_ARGUMENT;
    setU32(idPtr, defineMetric(type, name));
    return OK;
  },

  proxy_increment_metric(id, delta) {
    const type = id & 3;
    if (type === HISTOGRAM || type === 3) return BAD_ARGUMENT;
    const metric = metricsById.get(id >>> 0);
    if (metric === undefined) return NOT_FOUND;
    if (type === COUNTER && delta <= 0n) return BAD_ARGUMENT;
    metric.value += Number(delta);
    return OK;
  },

  // A counter adds, a gauge is set, a histogram's values are not kept (nothing reads them here).
  proxy_record_metric(id, value) {
    const metric = metricsById.get(id >>> 0);
    if (metric === undefined || (id & 3) === 3) return NOT_FOUND;
    if (metric.type === COUNTER) metric.value += Number(BigInt.asUintN(64, value));
    else if (metric.type === GAUGE) metric.value = Number(BigInt.asUintN(64, value));
    return OK;
  },

  // Envoy does not read histograms back.
  proxy_get_metric(id, resultPtr) {
    const type = id & 3;
    if (type === HISTOGRAM || type === 3) return BAD_ARGUMENT;
    const metric = metricsById.get(id >>> 0);
    if (metric === undefined) return NOT_FOUND;
    setU64(resultPtr, metric.value);
    return OK;
  },

  proxy_get_shared_data(keyPtr, keySize, ptrPtr, sizePtr, casPtr) {
    const entry = sharedData.get(text(keyPtr, keySize));
    if (entry === undefined) return NOT_FOUND;
    copyOut(entry.value, ptrPtr, sizePtr);
    setU32(casPtr, entry.cas);
    return OK;
  },

  // cpp-host's compare-and-swap: a non-zero CAS must match; a new key accepts any CAS.
  proxy_set_shared_data(keyPtr, keySize, valuePtr, valueSize, cas) {
    const key = text(keyPtr, keySize);
    const value = bytes(valuePtr, valueSize).slice();
    const existing = sharedData.get(key);
    if (existing !== undefined && cas !== 0 && cas >>> 0 !== existing.cas) return CAS_MISMATCH;
    sharedData.set(key, { value, cas: nextCas });
    nextCas = nextCas === 0xffffffff ? 1 : nextCas + 1;
    return OK;
  },

  // The status lives on the plugin context; with no calls it is always (0, "").
  proxy_get_status(codePtr, ptrPtr, sizePtr) {
    context();
    setU32(codePtr, 0);
    copyOut(EMPTY, ptrPtr, sizePtr);
    return OK;
  },

  // No upstreams here: every cluster is unknown, which Envoy answers with BadArgument.
  proxy_http_call(clusterPtr, clusterSize, headersPtr, headersSize, bodyPtr, bodySize,
    trailersPtr, trailersSize, timeout, tokenPtr) {
    context();
    bytes(clusterPtr, clusterSize);
    bytes(headersPtr, headersSize);
    bytes(bodyPtr, bodySize);
    bytes(trailersPtr, trailersSize);
    setU32(tokenPtr, 0); // like cpp-host, the token slot is checked before anything starts
    return BAD_ARGUMENT;
  },
};

function removeAll(map, keyPtr, keySize) {
  for (let i = findHeader(map, keyPtr, keySize); i >= 0; i = findHeader(map, keyPtr, keySize)) {
    map.splice(i, 1);
  }
}

function concat(a, b) {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

const wallClockNanos = () => BigInt(Math.round((performance.timeOrigin + performance.now()) * 1e6));

// WASI as cpp-host gives it: stdout logs at INFO, stderr at ERROR, one trailing newline dropped;
// no files, no arguments, no environment.
const wasi = {
  fd_write(fd, iovs, iovsLength, writtenPtr) {
    const level = fd === 1 ? LOG_INFO : fd === 2 ? LOG_ERROR : -1;
    if (level < 0) return WASI_BADF;
    const parts = [];
    let written = 0;
    for (let n = 0; n < iovsLength >>> 0; n++) {
      const iov = (iovs >>> 0) + n * 8;
      check(iov, 8);
      const part = bytes(view.getUint32(iov, true), view.getUint32(iov + 4, true));
      written += part.length;
      if (level >= HOST_LOG_LEVEL) parts.push(part.slice());
    }
    if (written > 0 && level >= HOST_LOG_LEVEL) {
      log(level, decoder.decode(concatAll(parts)).replace(/\n$/, ''));
    }
    setU32(writtenPtr, written);
    return WASI_SUCCESS;
  },

  fd_read: () => WASI_NOSYS,

  fd_fdstat_get(fd, statPtr) {
    if (fd !== 1 && fd !== 2) return WASI_BADF;
    // 24 bytes, zero but for fs_rights_base = FD_WRITE (64), as cpp-host writes them.
    check(statPtr >>> 0, 24);
    u8.fill(0, statPtr >>> 0, (statPtr >>> 0) + 24);
    u8[(statPtr >>> 0) + 8] = 64;
    return WASI_SUCCESS;
  },

  clock_time_get(clockId, precision, resultPtr) {
    if (clockId === 0) setU64(resultPtr, wallClockNanos());
    else if (clockId === 1) setU64(resultPtr, process.hrtime.bigint());
    else return WASI_NOTSUP;
    return WASI_SUCCESS;
  },

  random_get(ptr, length) {
    if (length >>> 0 > RANDOM_GET_MAX) return WASI_INVAL;
    check(ptr >>> 0, length >>> 0);
    randomFillSync(u8, ptr >>> 0, length >>> 0);
    return WASI_SUCCESS;
  },

  environ_sizes_get(countPtr, sizePtr) {
    setU32(countPtr, 0);
    setU32(sizePtr, 0);
    return WASI_SUCCESS;
  },
  environ_get: () => WASI_SUCCESS,
  args_sizes_get(countPtr, sizePtr) {
    setU32(countPtr, 0);
    setU32(sizePtr, 0);
    return WASI_SUCCESS;
  },
  args_get: () => WASI_SUCCESS,

  // Envoy logs it as an error and returns.
  proc_exit(code) {
    log(LOG_ERROR, `wasi proc_exit(${code})`);
  },
};

function concatAll(parts) {
  return parts.reduce(concat, EMPTY);
}

function imports(module) {
  const provided = { env, wasi_snapshot_preview1: wasi, wasi_unstable: wasi };
  const result = {};
  for (const { module: from, name, kind } of WebAssembly.Module.imports(module)) {
    if (kind !== 'function') {
      throw new Error(`the plugin imports a ${kind} ${from}.${name}; Envoy provides only functions`);
    }
    const fn = provided[from]?.[name];
    (result[from] ??= {})[name] = fn
      ? guarded(fn, from === 'env' ? INVALID_MEMORY_ACCESS : WASI_FAULT)
      : () => {
        throw new Error(`the plugin called ${from}.${name}, which the V8 bench host does not implement`);
      };
  }
  return result;
}

// ---- running it

const vmConfig = fromBase64(input.vmConfig);
const pluginConfig = fromBase64(input.pluginConfig);
const requestHeaders = input.headers.map(([name, value]) => [lowerCase(encoder.encode(name)), encoder.encode(value)]);
const requestBody = input.body === null ? null : fromBase64(input.body);

let exports;

/** One callback on `ctx`; its action as Envoy reads it (a local response stops whatever it returned). */
function call(ctx, name, a, b, c) {
  const fn = exports[name];
  if (fn === undefined) return 0;
  current = ctx;
  effective = null;
  stopIteration = false;
  try {
    return fn(a, b, c);
  } catch (e) {
    throw new Error(`${name} failed on context ${ctx.id}: ${e.stack ?? e}`);
  } finally {
    current = root;
    effective = null;
  }
}

const action = (value) => (stopIteration || value !== 0 ? 'PAUSE' : 'CONTINUE');

/** Ends the run: `callback` names the start-up callback that returned false, if that was the failure. */
function fail(message, callback = null) {
  process.stdout.write(JSON.stringify({ error: message, callback, logs }) + '\n');
  process.exit(1);
}

async function start() {
  const module = await WebAssembly.compile(readFileSync(input.module));
  const instance = await WebAssembly.instantiate(module, imports(module));
  exports = instance.exports;
  if (!(exports.memory instanceof WebAssembly.Memory)) fail('the module exports no memory');
  memory = exports.memory;
  u8 = new Uint8Array(memory.buffer);
  view = new DataView(memory.buffer);
  allocator = exports.malloc ?? exports.proxy_on_memory_allocate;
  if (allocator === undefined) fail('the module exports neither malloc nor proxy_on_memory_allocate');
  if (!exports.proxy_abi_version_0_2_1 && !exports.proxy_abi_version_0_2_0) {
    fail('the module exports no proxy_abi_version_0_2_1 (or 0_2_0) marker');
  }
  initializing = true;
  if (exports._initialize) {
    call(root, '_initialize');
    if (exports.main) call(root, 'main', 0, 0);
  } else if (exports._start) {
    call(root, '_start');
  }
  initializing = false;
  call(root, 'proxy_on_context_create', ROOT_ID, 0);
  if (exports.proxy_on_vm_start && call(root, 'proxy_on_vm_start', ROOT_ID, vmConfig.length) === 0) {
    fail('proxy_on_vm_start returned false: the plugin rejected its VM configuration', 'proxy_on_vm_start');
  }
  root.configuring = true;
  const configured = call(root, 'proxy_on_configure', ROOT_ID, pluginConfig.length);
  root.configuring = false;
  if (exports.proxy_on_configure && configured === 0) {
    fail('proxy_on_configure returned false: the plugin rejected its configuration', 'proxy_on_configure');
  }
}

let nextId = ROOT_ID + 1;

/**
 * One request, as Envoy's filter drives it: headers, then the body unless the headers got a
 * local response or a reset, or paused without proxy_continue_stream (Envoy would hold the body);
 * then the stream's end: proxy_on_done, proxy_on_log, proxy_on_delete (Envoy's onDestroy, then
 * its access log). Returns the stream and its times in ms: all callbacks, and headers + body.
 */
function request() {
  const id = nextId++;
  const stream = newStream(id, requestHeaders);
  contexts.set(id, stream);
  const endOfStream = requestBody === null ? 1 : 0;

  const t0 = performance.now();
  call(stream, 'proxy_on_context_create', id, ROOT_ID);
  const t1 = performance.now();
  stream.headersVisible = true;
  stream.headersAction = action(call(stream, 'proxy_on_request_headers', id, stream.headers.length, endOfStream));
  if (stream.headersAction === 'CONTINUE') stream.headersVisible = false;
  stream.bodyAction = null;
  if (requestBody !== null && stream.localResponse === null && !stream.reset
    && (stream.headersAction === 'CONTINUE' || stream.continued)) {
    stream.body = requestBody;
    stream.bodyVisible = true;
    stream.bodyAction = action(call(stream, 'proxy_on_request_body', id, requestBody.length, 1));
    stream.bodyVisible = false;
  }
  const t2 = performance.now();
  call(stream, 'proxy_on_done', id);
  stream.inLog = true;
  call(stream, 'proxy_on_log', id);
  stream.inLog = false;
  call(stream, 'proxy_on_delete', id);
  const t3 = performance.now();

  contexts.delete(id);
  return { stream, total: t3 - t0, headersAndBody: t2 - t1 };
}

/**
 * The local response as the client gets it, as Envoy builds it (Http::Utility::prepareLocalReply):
 * :status, the plugin's headers, then for a body its content-length (replacing the plugin's) and
 * text/plain unless the plugin set a content type; without a body, neither header.
 */
function localResponse(reply) {
  if (reply === null) return null;
  let headers = [[':status', String(reply.status)],
    ...pairsAsText(readPairs(reply.headers)).map(([name, value]) => [name.toLowerCase(), value])];
  headers = headers.filter(([name]) => name !== 'content-length' && (reply.body.length > 0 || name !== 'content-type'));
  if (reply.body.length > 0) {
    headers.push(['content-length', String(reply.body.length)]);
    if (!headers.some(([name]) => name === 'content-type')) headers.push(['content-type', 'text/plain']);
  }
  return {
    status: reply.status, headers, body: decoder.decode(reply.body),
    details: decoder.decode(reply.details).replace(/\s/g, '_'), grpcStatus: reply.grpcStatus,
  };
}

function summary(values) {
  const sorted = Float64Array.from(values).sort();
  const middle = sorted.length >> 1;
  const median = sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  const mean = sorted.reduce((sum, v) => sum + v, 0) / sorted.length;
  return { median: median * 1000, mean: mean * 1000 }; // ms -> us
}

async function main() {
  await start();
  const first = request();
  const firstRequest = {
    headersAction: first.stream.headersAction,
    bodyAction: first.stream.bodyAction,
    localResponse: localResponse(first.stream.localResponse),
    reset: first.stream.reset,
    requestHeaders: pairsAsText(first.stream.headers),
    requestBody: first.stream.body === null ? null : decoder.decode(first.stream.body),
    metrics: metricValues(),
  };
  keepLogs = false;
  let localResponses = first.stream.localResponse === null ? 0 : 1;
  for (let i = 0; i < input.warmUp; i++) {
    if (request().stream.localResponse !== null) localResponses++;
  }
  const memoryBefore = memory.buffer.byteLength;
  const totals = new Float64Array(input.requests);
  const headersAndBody = new Float64Array(input.requests);
  for (let i = 0; i < input.requests; i++) {
    const r = request();
    totals[i] = r.total;
    headersAndBody[i] = r.headersAndBody;
    if (r.stream.localResponse !== null) localResponses++;
  }
  const memoryAfter = memory.buffer.byteLength;
  process.stdout.write(JSON.stringify({
    node: process.version,
    firstRequest,
    logs,
    laterLogLines,
    localResponses,
    metrics: metricValues(),
    memoryBefore,
    memoryAfter,
    micros: summary(totals),
    headersAndBodyMicros: summary(headersAndBody),
  }) + '\n');
}

main().catch((e) => fail(String(e.stack ?? e)));
