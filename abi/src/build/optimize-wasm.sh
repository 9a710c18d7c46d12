#!/usr/bin/env bash
# Shrinks a TeaVM module for Proxy-Wasm hosts and prints the sizes:
#  1. wasm-metadce drops every export a Proxy-Wasm host does not call (TeaVM's `_start`, whose
#     argument decoding pulls in charset decoders, and its JS-interop `teavm_*` helpers), and
#     the code only they reached;
#  2. wasm-opt -Oz, with only the proposals TeaVM emits enabled;
#  3. with a third argument `inline-frames`: inlining of small call-free, loop-free functions
#     (binaryen's "flexible" inlining up to 19 nodes, which takes in TeaVM's
#     WasmRuntime.allocStack, called at the entry of every function that holds references
#     across a call), then -Oz again. V8 (Node 20) runs waf-lite's typical request 40% faster
#     for it (76 -> 45 us; instructions -8%); the module grows by ~3% (+13 KB for waf-lite).
# Both run with -g, keeping the function names in plugin.named.wasm next to the shipped module,
# for the harness's instruction profile (TeaVM writes names only when built with
# -Dteavm.minifying=false). wabt's wasm-strip then drops the name section to give the shipped
# module, so it is the named one's code exactly and as small as without -g; a wasm-opt
# --strip-debug pass instead re-encodes the code without -Oz's stack-IR polish (+2.3 KB).
# Without binaryen the raw module is shipped as is.
set -euo pipefail
raw=$1 out=$2 mode=${3:-size}
features=(--enable-bulk-memory --enable-nontrapping-float-to-int)
name=$(basename "$(dirname "$(dirname "$out")")")
if ! command -v wasm-opt >/dev/null 2>&1 || ! command -v wasm-metadce >/dev/null 2>&1 \
    || ! command -v wasm-objdump >/dev/null 2>&1 || ! command -v wasm-strip >/dev/null 2>&1; then
  cp "$raw" "$out"
  echo "wasm: $name: binaryen/wabt not found, shipping the raw module ($(stat -c %s "$raw") B)"
  exit 0
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# The reachability graph: one root reaching the exports hosts use; every other export is a
# node nobody reaches, so metadce removes it.
{
  echo '[{"name":"host","root":true,"reaches":['
  wasm-objdump -x -j Export "$raw" | sed -n 's/.* -> "\(.*\)"$/\1/p' \
    | grep -E '^(memory|_initialize|malloc|proxy_.*)$' | sed 's/.*/"e_&"/' | paste -sd, -
  echo ']}'
  wasm-objdump -x -j Export "$raw" | sed -n 's/.* -> "\(.*\)"$/\1/p' | sed 's/.*/,{"name":"e_&","export":"&"}/'
  echo ']'
} > "$work/graph.json"
named=$(dirname "$out")/plugin.named.wasm
wasm-metadce -g "$raw" --graph-file "$work/graph.json" "${features[@]}" -o "$work/dce.wasm" > /dev/null
wasm-opt -Oz -g "${features[@]}" "$work/dce.wasm" -o "$named"
passes="wasm-opt -Oz"
if [ "$mode" = inline-frames ]; then
  wasm-opt --optimize-level 3 --shrink-level 0 --flexible-inline-max-function-size 19 \
    --inlining-optimizing -g "${features[@]}" "$named" -o "$work/inlined.wasm"
  wasm-opt -Oz -g "${features[@]}" "$work/inlined.wasm" -o "$named"
  passes="wasm-opt -Oz, small functions inlined"
fi
wasm-strip "$named" -o "$out"
echo "wasm: $name: raw $(stat -c %s "$raw") B, shipped (unused exports removed, $passes) $(stat -c %s "$out") B, with names $(stat -c %s "$named") B"
